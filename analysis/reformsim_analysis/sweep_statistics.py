"""One number per design point from a sweep, with the rules of `reformsim sensitivity`
(docs/sweeps.md), so a response surface shows the same statistic the indices are computed on:
a summary metric is its value; a series metric `METRIC:RULE` is reduced per replication by
`last_year` (mean over the last simulated calendar year, the default), `last` (the last step)
or `mean` (every step after the burn-in); then the replications are averaged.
"""

import numpy as np

from reformsim_analysis.metric_kinds import display_units

RULES = ("last_year", "last", "mean")
FLAT_DIMENSIONS = ("point", "replication", "step")


def scalar_metrics(dataset):
    """Metrics with one value per (point, replication) or per (point, replication, step): the
    ones a statistic can be made of (metrics with a sector or level dimension cannot)."""
    names = []
    for name, variable in dataset.data_vars.items():
        extra = [dim for dim in variable.dims if dim not in FLAT_DIMENSIONS]
        if not extra and "point" in variable.dims and "replication" in variable.dims:
            names.append(name)
    return names


def default_statistics(dataset):
    """Every scalar metric with its default rule, as `reformsim sensitivity` does."""
    return [name if "step" not in dataset[name].dims else f"{name}:last_year"
            for name in scalar_metrics(dataset)]


def parse_statistic(dataset, text):
    """("firms", "last_year") from "firms:last_year" or "firms"; ValueError naming the
    problem for an unknown metric or rule, or a metric with an extra dimension."""
    name, _, rule = text.partition(":")
    if name not in dataset.data_vars or "point" not in dataset[name].dims:
        raise ValueError(f"no sweep metric named {name!r}; scalar metrics: "
                         + ", ".join(scalar_metrics(dataset)))
    if name not in scalar_metrics(dataset):
        raise ValueError(f"{name} has a dimension besides point, replication and step and "
                         "cannot be reduced to one number per point")
    if "step" not in dataset[name].dims:
        if rule:
            raise ValueError(f"{name} is a summary metric: it takes no rule (got {rule!r})")
        return name, None
    rule = rule or "last_year"
    if rule not in RULES:
        raise ValueError(f"unknown rule {rule!r} for {name}; accepted: {', '.join(RULES)}")
    return name, rule


def per_replication(dataset, text):
    """The statistic per (point, replication) as a DataArray keeping units and long_name."""
    name, rule = parse_statistic(dataset, text)
    variable = dataset[name]
    if rule is None:
        values = variable
    elif rule == "last":
        values = variable.isel(step=-1, drop=True)
    else:
        analysed = dataset["burn_in"].values == 0
        if rule == "last_year":
            analysed &= dataset["year"].values == int(dataset["year"].values[analysed].max())
        values = variable.isel(step=np.flatnonzero(analysed)).mean("step")
    return values.reset_coords(drop=True).assign_attrs(
        units=display_units(variable) if rule else variable.attrs.get("units", ""),
        long_name=statistic_description(variable, rule))


def statistic_description(variable, rule):
    """A readable name of the statistic for axis labels."""
    long_name = variable.attrs.get("long_name", variable.name)
    return {None: long_name, "last": f"{long_name}, last step",
            "mean": f"{long_name}, mean after burn-in",
            "last_year": f"{long_name}, mean over the last year"}[rule]


def point_statistic(dataset, text):
    """The statistic per design point: the mean over replications of per_replication."""
    values = per_replication(dataset, text)
    return values.mean("replication").assign_attrs(values.attrs)
