"""Reading a checked reformsim file into memory with xarray and h5py.

Datasets are loaded fully and the file closed at once: HDF5 1.10 locks open files, and a
lazily opened dataset would stop an engine from rewriting the same path later.
"""

import h5py
import numpy as np
import xarray as xr

from reformsim_analysis.errors import FileRefused
from reformsim_analysis.file_inspection import text_attribute


def load_dataset(path, group=None):
    """The root group (or `group`) of path as an in-memory xarray Dataset, file closed."""
    try:
        with xr.open_dataset(path, group=group) as dataset:
            return dataset.load()
    except (OSError, ValueError, KeyError, RuntimeError) as error:
        where = f"group '{group}'" if group else "its arrays"
        raise FileRefused(path, f"{where} cannot be read as labelled arrays ({error})") from None


def python_value(value):
    """An HDF5 attribute value as a plain Python value (str, int, float or list)."""
    if isinstance(value, (bytes, str)):
        return text_attribute(value)
    if isinstance(value, np.ndarray):
        return value.tolist() if value.size != 1 else python_value(value.reshape(-1)[0])
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.floating):
        return float(value)
    return value


def group_attributes(path, group):
    """The attributes of an HDF5 group as a dict of Python values; {} if there is no such group."""
    with h5py.File(path, "r") as handle:
        if group not in handle:
            return {}
        return {name: python_value(value) for name, value in handle[group].attrs.items()}


def has_group(path, group):
    """True if the file has a group of that name."""
    with h5py.File(path, "r") as handle:
        return group in handle and isinstance(handle[group], h5py.Group)


def require_dimensions(path, dataset, dimensions, kind):
    """FileRefused unless dataset has every dimension named (a file that claims a kind but
    lacks its layout is malformed, and plotting it would mislead)."""
    missing = [name for name in dimensions if name not in dataset.dims]
    if missing:
        raise FileRefused(path, f"not a well-formed reformsim {kind} file: missing dimension(s) "
                                + ", ".join(missing))


def require_method_layout(path, dataset, kind, method, method_variables):
    """FileRefused unless the file's `method` attribute is one of method_variables' keys and
    the dataset holds every variable that method writes."""
    if method not in method_variables:
        raise FileRefused(path, f"not a well-formed reformsim {kind} file: method {method!r} "
                                "is neither " + " nor ".join(method_variables))
    missing = [name for name in method_variables[method] if name not in dataset]
    if missing:
        raise FileRefused(path, f"not a well-formed reformsim {kind} file ({method}): "
                                "missing variable(s) " + ", ".join(missing))
