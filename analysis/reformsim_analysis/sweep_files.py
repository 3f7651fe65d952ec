"""Loading the files of `reformsim sweep` and `reformsim merge` (docs/sweeps.md): a merged file
(kind "sweep"), one chunk file (kind "sweep_chunk") or a whole sweep directory (design.h5
and chunk-NNNNNN.h5 files), all as the same Dataset: metrics over (point, replication,
step[, dim]), summaries over (point, replication[, dim]), the swept parameters as
coordinates over point, `unit_value(point, parameter)` and the sweep definition.

A directory is read chunk by chunk and joined along point. It is refused when a chunk is
missing or belongs to another sweep (a gap in the design would bias every surface and index
computed from it) unless allow_incomplete is given, when the points present are read.
"""

import glob
import os

import xarray as xr

from reformsim_analysis.errors import FileRefused
from reformsim_analysis.file_inspection import file_kind, read_root_attributes, text_attribute
from reformsim_analysis.hdf5_reading import load_dataset, require_dimensions

SWEEP_KINDS = ("sweep", "sweep_chunk")
SWEEP_DIMENSIONS = ("point", "replication", "parameter")
DESIGN_FILE = "design.h5"
CHUNK_PATTERN = "chunk-[0-9]*.h5"
# Root attributes that describe one chunk's writer, not the sweep: dropped when joining.
CHUNK_ATTRIBUTES = ("title", "chunk", "first_point", "host", "mpi_rank", "shard", "threads",
                    "start_time", "end_time", "command_line")


def load_sweep_dataset(path):
    """A merged sweep file or one chunk file as an xarray Dataset."""
    dataset = load_dataset(path)
    require_dimensions(path, dataset, SWEEP_DIMENSIONS, "sweep")
    return dataset


def is_sweep_directory(path):
    """True if path is a folder holding a sweep's design.h5."""
    return os.path.isdir(path) and os.path.exists(os.path.join(path, DESIGN_FILE))


def chunk_points(chunk):
    """The design points of a loaded chunk, as a list of ints."""
    return [int(point) for point in chunk["point"].values]


def point_ranges(points):
    """"0-3, 8, 10-11" for a sorted list of point indices (as the engine prints them)."""
    ranges, start = [], None
    for index, point in enumerate(points):
        if start is None:
            start = point
        if index + 1 == len(points) or points[index + 1] != point + 1:
            ranges.append(str(start) if start == point else f"{start}-{point}")
            start = None
    return ", ".join(ranges)


def read_chunks(path, design, allow_incomplete):
    """The chunk Datasets of a sweep directory in point order; FileRefused naming a chunk
    that is incomplete or written by another sweep."""
    definition = text_attribute(design.get("sweep_definition", ""))
    chunks = []
    for chunk_path in sorted(glob.glob(os.path.join(path, CHUNK_PATTERN))):
        if file_kind(chunk_path, allow_incomplete=allow_incomplete) != "sweep_chunk":
            raise FileRefused(chunk_path, "is not a sweep chunk file (root attribute kind is "
                                          "not 'sweep_chunk')")
        attributes = read_root_attributes(chunk_path)
        if text_attribute(attributes.get("sweep_definition", "")) != definition:
            raise FileRefused(chunk_path, f"belongs to another sweep: its sweep_definition "
                                          f"differs from {DESIGN_FILE}'s")
        chunks.append(load_sweep_dataset(chunk_path))
    return sorted(chunks, key=lambda chunk: chunk_points(chunk)[0])


def load_sweep_directory(path, allow_incomplete=False):
    """Every chunk of a sweep directory joined along point; FileRefused if the directory
    is not a sweep or (unless allow_incomplete) some design points have no complete chunk."""
    path = os.fspath(path)
    if not is_sweep_directory(path):
        raise FileRefused(path, f"is a directory but not a sweep directory (no {DESIGN_FILE}); "
                                "pass a reformsim HDF5 file or a `reformsim sweep --out` folder")
    design_path = os.path.join(path, DESIGN_FILE)
    if file_kind(design_path, allow_incomplete=allow_incomplete) != "sweep_design":
        raise FileRefused(design_path, "is not a sweep design file (kind is not 'sweep_design')")
    design = read_root_attributes(design_path)
    chunks = read_chunks(path, design, allow_incomplete)
    expected = int(design.get("points", 0))
    present = sorted(point for chunk in chunks for point in chunk_points(chunk))
    missing = sorted(set(range(expected)) - set(present))
    if missing and not allow_incomplete:
        raise FileRefused(path, f"incomplete sweep directory: {len(missing)} of {expected} design "
                                f"points have no complete chunk file (points "
                                f"{point_ranges(missing)}); rerun the same `reformsim sweep` "
                                "command to compute them, or pass allow_incomplete=True "
                                "(--allow-incomplete) to read the points present")
    if not chunks:
        raise FileRefused(path, "sweep directory without any complete chunk file")
    dataset = xr.concat(chunks, dim="point", data_vars="minimal", coords="minimal",
                        compat="override", combine_attrs="override")
    dataset.attrs = {name: value for name, value in chunks[0].attrs.items()
                     if name not in CHUNK_ATTRIBUTES}
    dataset.attrs.update(kind="sweep", sweep_directory=path, points_read=len(present),
                         complete=int(not missing))
    return dataset


def swept_parameters(dataset):
    """[{"name", "low", "high", "log", "type"}] of the swept parameters, in design order,
    from the sweep_definition attribute ("parameter = NAME LOW HIGH linear|log TYPE")."""
    parameters = []
    for line in text_attribute(dataset.attrs.get("sweep_definition", "")).splitlines():
        key, _, value = line.partition(" = ")
        fields = value.split()
        if key.strip() == "parameter" and len(fields) >= 4:
            parameters.append({"name": fields[0], "low": float(fields[1]),
                               "high": float(fields[2]), "log": fields[3] == "log",
                               "type": fields[4] if len(fields) > 4 else "real"})
    if not parameters:  # an older file: the labels alone, ranges from the values
        for name in (str(label) for label in dataset["parameter_label"].values):
            values = dataset[name].values
            parameters.append({"name": name, "low": float(values.min()),
                               "high": float(values.max()), "log": False, "type": "real"})
    return parameters
