"""Loading the file of `reformsim sensitivity` (docs/sweeps.md, kind "sensitivity"): Sobol
indices (method "sobol": first_order, total_order and their bootstrap bounds) or Morris
screening measures (method "morris": mu, mu_star with bounds, sigma), each over (statistic,
parameter), and a wide table of them for plots and reports.
"""

import glob
import os

import h5py
import pandas as pd

from reformsim_analysis.file_inspection import text_attribute
from reformsim_analysis.hdf5_reading import (load_dataset, require_dimensions,
                                             require_method_layout)

SENSITIVITY_DIMENSIONS = ("statistic", "parameter")
METHOD_VARIABLES = {
    "sobol": ("first_order", "first_order_lower", "first_order_upper", "total_order",
              "total_order_lower", "total_order_upper"),
    "morris": ("mu", "mu_star", "mu_star_lower", "mu_star_upper", "sigma"),
}


def load_sensitivity_dataset(path):
    """A sensitivity file as an xarray Dataset; FileRefused if its method or the method's
    variables are missing."""
    dataset = load_dataset(path)
    require_dimensions(path, dataset, SENSITIVITY_DIMENSIONS, "sensitivity")
    method = text_attribute(dataset.attrs.get("method", ""))
    require_method_layout(path, dataset, "sensitivity", method, METHOD_VARIABLES)
    return dataset


def sensitivity_method(dataset):
    """"sobol" or "morris"."""
    return text_attribute(dataset.attrs["method"])


def sensitivity_table(dataset):
    """One row per (statistic, parameter) with a column per index and bound."""
    statistics = [str(label) for label in dataset["statistic_label"].values]
    parameters = [str(label) for label in dataset["parameter_label"].values]
    rows = []
    for s, statistic in enumerate(statistics):
        for p, parameter in enumerate(parameters):
            row = {"statistic": statistic, "parameter": parameter}
            for name in METHOD_VARIABLES[sensitivity_method(dataset)]:
                row[name] = float(dataset[name].values[s, p])
            if "output_variance" in dataset:
                row["output_variance"] = float(dataset["output_variance"].values[s])
            rows.append(row)
    return pd.DataFrame(rows)


def source_candidates(dataset, path):
    """Where the sweep the indices came from may be: the `source` attribute as written (it
    is relative to the folder the command ran in), beside the sensitivity file, or the
    folder holding it (the default output is DIR/sensitivity.h5)."""
    source = text_attribute(dataset.attrs.get("source", ""))
    here = os.path.dirname(os.path.abspath(path))
    candidates = [source, os.path.join(here, os.path.basename(source))] if source else []
    return candidates + [here]


def sweep_file_of(candidate):
    """A merged sweep file, or a sweep directory's first chunk file, at candidate; None."""
    if os.path.isdir(candidate):
        chunks = sorted(glob.glob(os.path.join(candidate, "chunk-[0-9]*.h5")))
        candidate = chunks[0] if chunks else ""
    if candidate and os.path.isfile(candidate) and h5py.is_hdf5(candidate):
        return candidate
    return None


def statistic_units(dataset, path):
    """{statistic label: unit of its metric} read from the source sweep when it can be found
    (a Morris elementary effect has the statistic's unit); {} otherwise."""
    labels = [str(value) for value in dataset["statistic_label"].values]
    for candidate in source_candidates(dataset, path):
        sweep_file = sweep_file_of(candidate)
        if sweep_file is None:
            continue
        with h5py.File(sweep_file, "r") as handle:
            units = {label: text_attribute(handle[label.partition(":")[0]].attrs.get("units", ""))
                     for label in labels if label.partition(":")[0] in handle}
        if units:
            return units
    return {}
