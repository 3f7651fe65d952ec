"""Opening any reformsim file: check it, find its kind (root attribute `kind`; none means a
run file), and hand it to that kind's loader. New file kinds (sweep, sensitivity,
calibration) are added by registering a loader in DATASET_LOADERS and TARGET_READERS.
"""

from reformsim_analysis.errors import FileRefused
from reformsim_analysis.file_inspection import file_kind, read_root_attributes, text_attribute
from reformsim_analysis.run_file import load_run_dataset, read_parameters, read_run_targets
from reformsim_analysis.scenario_files import (comparison_targets, decomposition_targets,
                                               load_comparison_dataset,
                                               load_decomposition_dataset)
from reformsim_analysis.tidy import drop_burn_in, tidy_frame

DATASET_LOADERS = {
    "run": load_run_dataset,
    "compare": load_comparison_dataset,
    "decompose": load_decomposition_dataset,
}


def checked_kind(path, allow_incomplete):
    """The file's kind if this package can read it; FileRefused otherwise."""
    kind = file_kind(path, allow_incomplete=allow_incomplete)
    if kind not in DATASET_LOADERS:
        raise FileRefused(path, f"file kind '{kind}' cannot be read by this version of "
                                f"reformsim_analysis (it reads: {', '.join(DATASET_LOADERS)})")
    return kind


def open_dataset(path, allow_incomplete=False, burn_in=True):
    """Any reformsim file as an in-memory xarray Dataset with units and long names; the
    root attribute `kind` says which layout it has. burn_in=False drops the burn-in steps."""
    kind = checked_kind(path, allow_incomplete)
    dataset = DATASET_LOADERS[kind](path)
    dataset.attrs["kind"] = kind
    dataset.attrs["source_file"] = str(path)
    return dataset if burn_in else drop_burn_in(dataset)


def open_dataframe(path, allow_incomplete=False, burn_in=True, variables=None):
    """Any reformsim file as a tidy pandas DataFrame (see reformsim_analysis.tidy)."""
    return tidy_frame(open_dataset(path, allow_incomplete, burn_in), variables)


def open_parameters(path, allow_incomplete=False):
    """The effective parameters of a run file ({} for kinds without a parameters group)."""
    if checked_kind(path, allow_incomplete) != "run":
        return {}
    return read_parameters(path)


def open_targets(path, allow_incomplete=False):
    """Simulated and reported values of every target, one row per (target, scenario): key,
    scenario, use (fit/check), reported_value, uncertainty, unit, simulated (list over
    replications). A run file's single scenario is named after its model."""
    kind = checked_kind(path, allow_incomplete)
    if kind == "run":
        table = read_run_targets(path)
        model = read_root_attributes(path).get("model", "simulated")
        return table.assign(scenario=text_attribute(model))
    dataset = DATASET_LOADERS[kind](path)
    return comparison_targets(dataset) if kind == "compare" else decomposition_targets(dataset)
