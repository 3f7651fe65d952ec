"""Loading a `reformsim run` file (sim/output/run_file.h): metric arrays over replication and
step (and metric dimensions), the parameters group and the targets group.
"""

import pandas as pd

from reformsim_analysis.hdf5_reading import (group_attributes, has_group, load_dataset,
                                             require_dimensions)

RUN_DIMENSIONS = ("replication", "step")


def load_run_dataset(path):
    """The run's root group as an xarray Dataset; root attributes gain kind = "run"."""
    dataset = load_dataset(path)
    require_dimensions(path, dataset, RUN_DIMENSIONS, "run")
    dataset.attrs.setdefault("kind", "run")
    return dataset


def read_parameters(path):
    """The effective parameters of the run, {"market.reform_day": 250, ...}."""
    return group_attributes(path, "parameters")


def read_run_targets(path):
    """The targets group as a DataFrame, one row per target: key, use, reported_value,
    uncertainty, weight, unit, statistic, year, base_year, window_days, source, note and
    `simulated` (a list with one value per replication). Empty if the run had no targets."""
    if not has_group(path, "targets"):
        return pd.DataFrame(columns=["key", "use", "reported_value", "uncertainty", "unit",
                                     "simulated"])
    targets = load_dataset(path, group="targets")
    rows = []
    for key, variable in targets.data_vars.items():
        row = {"key": key, "unit": variable.attrs.get("units", "")}
        for name in ("use", "reported_value", "uncertainty", "weight", "statistic", "year",
                     "base_year", "window_days", "source", "note"):
            row[name] = variable.attrs.get(name)
        row["simulated"] = variable.values.tolist()
        rows.append(row)
    return pd.DataFrame(rows)
