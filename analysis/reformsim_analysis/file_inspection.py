"""Checks a file before any loader reads it, and tells which kind of reformsim file it is.

Every reformsim file is HDF5 with a `complete` = 1 root attribute written last (a killed
writer leaves none). Files other than run files carry a root attribute `kind` ("compare",
"decompose", "sweep", "sweep_chunk", "sensitivity", "calibration", ...); a file without `kind` is a run file. Checking here, with h5py, before
xarray opens anything gives one clear message per failure instead of a netCDF traceback.
"""

import os

import h5py

from reformsim_analysis.errors import FileRefused

RUN_KIND = "run"


def text_attribute(value):
    """An HDF5 attribute as a Python str (h5py returns bytes for some string types)."""
    if isinstance(value, bytes):
        return value.decode("utf-8")
    return str(value)


def read_root_attributes(path):
    """The root attributes of an HDF5 file as a dict; FileRefused if it is not readable HDF5."""
    path = os.fspath(path)
    if not os.path.exists(path):
        raise FileRefused(path, "no such file")
    if os.path.isdir(path):
        raise FileRefused(path, "is a directory, not a reformsim HDF5 file")
    if not h5py.is_hdf5(path):
        raise FileRefused(path, "not an HDF5 file (reformsim writes HDF5 run, compare, "
                                "decompose, sweep, sensitivity and calibration files; is this "
                                "the right path?)")
    try:
        with h5py.File(path, "r") as handle:
            return {name: handle.attrs[name] for name in handle.attrs}
    except (OSError, RuntimeError, KeyError) as error:
        raise FileRefused(path, f"damaged or truncated HDF5 file, cannot be read ({error})") from None


def is_complete(attributes):
    """True when the writer finished: the `complete` attribute exists and equals 1."""
    try:
        return int(attributes.get("complete", 0)) == 1
    except (TypeError, ValueError):
        return False


def file_kind(path, allow_incomplete=False):
    """The kind of a reformsim file ("run", "compare", ...), after checking it is complete.

    An incomplete file is refused unless allow_incomplete is True: its arrays may hold
    zeros where the writer never got to.
    """
    attributes = read_root_attributes(path)
    if not allow_incomplete and not is_complete(attributes):
        raise FileRefused(path, "incomplete file: no root attribute complete = 1 (the writer was "
                                "killed or is still running); pass allow_incomplete=True "
                                "(--allow-incomplete) to read it anyway")
    if "kind" in attributes:
        return text_attribute(attributes["kind"])
    return RUN_KIND
