"""Opening any reformsim file: check it, find its kind (root attribute `kind`; none means a
run file), and hand it to that kind's loader. A folder is read as a sweep directory (design.h5
and its chunk files). New file kinds are added by registering a loader in DATASET_LOADERS and
a targets reader in TARGET_READERS.
"""

import os

import pandas as pd

from reformsim_analysis.calibration_file import calibration_targets, load_calibration_dataset
from reformsim_analysis.errors import FileRefused
from reformsim_analysis.file_inspection import file_kind, read_root_attributes, text_attribute
from reformsim_analysis.run_file import load_run_dataset, read_parameters, read_run_targets
from reformsim_analysis.scenario_files import (comparison_targets, decomposition_targets,
                                               load_comparison_dataset,
                                               load_decomposition_dataset, parameters_from_ini)
from reformsim_analysis.sensitivity_file import load_sensitivity_dataset
from reformsim_analysis.sweep_files import load_sweep_dataset, load_sweep_directory
from reformsim_analysis.tidy import drop_burn_in, tidy_frame

DATASET_LOADERS = {
    "run": load_run_dataset,
    "compare": load_comparison_dataset,
    "decompose": load_decomposition_dataset,
    "sweep": load_sweep_dataset,
    "sweep_chunk": load_sweep_dataset,
    "sensitivity": load_sensitivity_dataset,
    "calibration": load_calibration_dataset,
}
# Targets of kinds that hold them, from their loaded Dataset (run files: the targets group).
TARGET_READERS = {
    "compare": comparison_targets,
    "decompose": decomposition_targets,
    "calibration": calibration_targets,
}
NO_TARGETS = pd.DataFrame(columns=["key", "scenario", "use", "reported_value", "uncertainty",
                                   "unit", "simulated"])


def checked_kind(path, allow_incomplete):
    """The file's kind if this package can read it ("sweep" for a sweep directory);
    FileRefused otherwise."""
    if os.path.isdir(path):
        return "sweep"
    kind = file_kind(path, allow_incomplete=allow_incomplete)
    if kind not in DATASET_LOADERS:
        raise FileRefused(path, f"file kind '{kind}' cannot be read by this version of "
                                f"reformsim_analysis (it reads: {', '.join(DATASET_LOADERS)})")
    return kind


def load_kind(path, kind, allow_incomplete):
    """The Dataset of a checked file or directory."""
    if os.path.isdir(path):
        return load_sweep_directory(path, allow_incomplete)
    return DATASET_LOADERS[kind](path)


def open_dataset(path, allow_incomplete=False, burn_in=True):
    """Any reformsim file (or sweep directory) as an in-memory xarray Dataset with units and
    long names; the attribute `kind` says which layout it has. burn_in=False drops the
    burn-in steps of kinds that have steps."""
    path = os.fspath(path)
    kind = checked_kind(path, allow_incomplete)
    dataset = load_kind(path, kind, allow_incomplete)
    dataset.attrs["kind"] = kind
    dataset.attrs["source_file"] = path
    return dataset if burn_in else drop_burn_in(dataset)


def open_dataframe(path, allow_incomplete=False, burn_in=True, variables=None):
    """Any reformsim file as a tidy pandas DataFrame (see reformsim_analysis.tidy)."""
    return tidy_frame(open_dataset(path, allow_incomplete, burn_in), variables)


def open_parameters(path, allow_incomplete=False):
    """The effective parameters {"market.reform_day": 250, ...}: a run file's parameters
    group, or the effective config stored by sweeps and calibrations (the base config; {} for
    kinds without one)."""
    kind = checked_kind(path, allow_incomplete)
    if kind == "run":
        return read_parameters(path)
    if os.path.isdir(path):
        path = os.path.join(path, "design.h5")
    config = read_root_attributes(path).get("config")
    return parameters_from_ini(text_attribute(config)) if config is not None else {}


def open_targets(path, allow_incomplete=False):
    """Simulated and reported values of every target, one row per (target, scenario): key,
    scenario, use (fit/check), reported_value, uncertainty, unit, simulated (list over
    replications, or posterior draws of a calibration). A run file's single scenario is
    named after its model; kinds without targets (sweeps, sensitivity) give an empty table."""
    kind = checked_kind(path, allow_incomplete)
    if kind == "run":
        table = read_run_targets(path)
        model = read_root_attributes(path).get("model", "simulated")
        return table.assign(scenario=text_attribute(model))
    if kind not in TARGET_READERS:
        return NO_TARGETS.copy()
    return TARGET_READERS[kind](DATASET_LOADERS[kind](path))
