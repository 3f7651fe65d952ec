"""The reported windows: January-September of a year is its first 187 working days
(MODEL.md section 1, 250 working days a year), and the reported growth figures compare that
window with the same window a year earlier.

A flow (entries, output per day) is summed over the window; a stock (firms, staff) is read
on the window's last day. Both work per replication and keep any metric dimension.
"""

import numpy as np
import xarray as xr

REPORTED_WINDOW_DAYS = 187
WINDOW_STATISTICS = ("sum", "mean", "end")
KIND_STATISTIC = {"flow": "sum", "stock": "end"}


def window_steps(dataset, year, window_days=REPORTED_WINDOW_DAYS):
    """The steps of the first window_days working days of year; ValueError if the file does
    not simulate all of them (a window cut short would give a wrong sum)."""
    in_window = (dataset["year"].values == year) & (dataset["day_of_year"].values < window_days)
    steps = dataset["step"].values[in_window]
    if steps.size != window_days:
        simulated = sorted(set(int(value) for value in dataset["year"].values))
        raise ValueError(f"the window of {window_days} working days of {year} is not fully "
                         f"simulated ({steps.size} steps found; years in the file: {simulated})")
    return steps


def select_metric(dataset, metric, label=None):
    """One metric's DataArray, optionally one label of its metric dimension ("sector_0")."""
    variable = dataset[metric]
    if label is None:
        return variable
    dimensions = [name for name in variable.dims if name not in ("scenario", "replication", "step")]
    if len(dimensions) != 1:
        raise ValueError(f"{metric} has no metric dimension to pick label {label!r} from")
    labels = [str(value) for value in dataset[f"{dimensions[0]}_label"].values]
    if label not in labels:
        raise ValueError(f"{metric} has no label {label!r}; its labels: {', '.join(labels)}")
    return variable.isel({dimensions[0]: labels.index(label)})


def window_statistic(dataset, metric, year, statistic="sum", window_days=REPORTED_WINDOW_DAYS,
                     label=None):
    """sum, mean or end (value on the last day) of metric over the window of year, per
    replication (a DataArray without the step dimension)."""
    if statistic not in WINDOW_STATISTICS:
        raise ValueError(f"unknown window statistic {statistic!r}; accepted {WINDOW_STATISTICS}")
    values = select_metric(dataset, metric, label).sel(step=window_steps(dataset, year, window_days))
    if statistic == "end":
        return values.isel(step=-1, drop=True)
    reduced = values.sum("step") if statistic == "sum" else values.mean("step")
    return reduced.assign_attrs(values.attrs)


def growth(value, base):
    """value / base - 1, NaN where the base is 0 (no growth rate is defined)."""
    safe_base = xr.where(base != 0, base, np.nan)
    return value / safe_base - 1


def window_growth(dataset, metric, year_pairs, kind="flow", window_days=REPORTED_WINDOW_DAYS,
                  label=None):
    """Year-on-year growth of metric's reported window for each (year, base_year) pair, per
    replication: dims (year_pair, replication, ...), coordinates year and base_year.
    kind "flow" compares window sums, "stock" the values at the windows' ends."""
    if kind not in KIND_STATISTIC:
        raise ValueError(f"unknown metric kind {kind!r}; accepted flow or stock")
    statistic = KIND_STATISTIC[kind]
    rates = [growth(window_statistic(dataset, metric, year, statistic, window_days, label),
                    window_statistic(dataset, metric, base_year, statistic, window_days, label))
             for year, base_year in year_pairs]
    result = xr.concat(rates, dim="year_pair")
    return result.assign_coords(
        year_pair=[f"{year} vs {base}" for year, base in year_pairs],
        year=("year_pair", [year for year, _ in year_pairs]),
        base_year=("year_pair", [base for _, base in year_pairs])).assign_attrs(
            long_name=f"growth of {metric} over the first {window_days} working days, {kind}",
            units="yoy fraction")
