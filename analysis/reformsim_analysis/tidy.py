"""Labelled arrays as a tidy (long) pandas DataFrame: one row per value.

Columns: every dimension of the variable (a labelled dimension such as `sector` or `scenario`
gives its label, "sector_0", not its index), the step's calendar (year, day_of_year,
burn_in) where there is a step, the swept parameters' values where there is a design point
(a sweep), then variable, value, unit and long_name. Variables without a step (summary
metrics) have missing step and calendar columns, so one table can hold both.
"""

import numpy as np

import pandas as pd

STEP_COORDINATES = ("year", "day_of_year", "burn_in")


def labelled(dataset, dimension):
    """True if dimension has a `<dimension>_label` coordinate holding names."""
    return f"{dimension}_label" in dataset.coords or f"{dimension}_label" in dataset


def swept_parameter_names(dataset):
    """The swept parameters of a sweep (coordinates over point named by parameter_label)."""
    if "point" not in dataset.dims or "parameter_label" not in dataset:
        return []
    return [str(label) for label in dataset["parameter_label"].values
            if str(label) in dataset and dataset[str(label)].dims == ("point",)]


def variable_frame(dataset, name):
    """The tidy rows of one variable."""
    variable = dataset[name]
    frame = variable.reset_coords(drop=True).to_dataframe(name="value").reset_index()
    for dimension in variable.dims:
        if labelled(dataset, dimension):
            labels = dataset[f"{dimension}_label"].to_series()
            frame[dimension] = frame[dimension].map(labels).astype(str)
    if "point" in variable.dims:
        for parameter in swept_parameter_names(dataset):
            frame[parameter] = frame["point"].map(dataset[parameter].to_series())
    if "step" in variable.dims:
        for coordinate in STEP_COORDINATES:
            if coordinate in dataset.coords or coordinate in dataset:
                frame[coordinate] = frame["step"].map(dataset[coordinate].to_series())
    frame["variable"] = name
    frame["unit"] = variable.attrs.get("units", "")
    frame["long_name"] = variable.attrs.get("long_name", "")
    return frame


def leading_columns(dataset):
    """Column order: scenario, point and swept parameters, replication, step, calendar
    first, then other dimensions."""
    first = ["scenario", "point", *swept_parameter_names(dataset), "replication", "step",
             *STEP_COORDINATES]
    others = [name for name in dataset.dims if name not in first]
    return first, others


def default_variables(dataset):
    """The data variables tidy_frame takes when none are named. A calibration's replication
    dimension (MSM's common seeds) holds one variable of many, so it takes them all."""
    replicated = [name for name, variable in dataset.data_vars.items()
                  if "replication" in variable.dims]
    if replicated and dataset.attrs.get("kind") != "calibration":
        return replicated
    return [name for name, variable in dataset.data_vars.items()
            if np.issubdtype(variable.dtype, np.number)]


def tidy_frame(dataset, variables=None):
    """The variables as one tidy DataFrame with stable columns. By default every data
    variable with a replication dimension (the simulated metrics), or, in a file without one
    (a sensitivity file, an ABC-SMC calibration), every numeric data variable."""
    if variables is None:
        variables = default_variables(dataset)
    frames = [variable_frame(dataset, name) for name in variables]
    first, others = leading_columns(dataset)
    frame = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
    columns = [name for name in first if name in frame.columns
               or (name in ("replication", "step") and name in dataset.dims)]
    columns += [name for name in others if name in frame.columns]
    columns += ["variable", "value", "unit", "long_name"]
    frame = frame.reindex(columns=columns)
    for name in ("step",) + STEP_COORDINATES:
        if name in frame.columns:
            frame[name] = frame[name].astype("Int64")
    return frame


def drop_burn_in(data):
    """A Dataset or tidy DataFrame without the burn-in steps (burn_in == 1), which the engine
    simulates only to reach a steady state and flags for analyses to drop."""
    if isinstance(data, pd.DataFrame):
        if "burn_in" not in data.columns:
            return data
        return data[data["burn_in"].fillna(0) == 0].reset_index(drop=True)
    if "burn_in" not in data.coords and "burn_in" not in data:
        return data
    return data.isel(step=(data["burn_in"].values == 0))
