"""Evaluating a targets file (configs/targets/README.md) on a run's arrays in Python, with
the engine's definitions (sim/targets/target.h), so a run can be compared with targets it
was not run with, without running it again.
"""

import numpy as np
import pandas as pd

from reformsim_analysis.reported_windows import (growth, select_metric, window_statistic,
                                                 window_steps)

WINDOW_OF_STATISTIC = {"window_sum": "sum", "window_mean": "mean", "window_end": "end",
                       "window_sum_growth": "sum", "window_mean_growth": "mean",
                       "window_end_growth": "end"}


def parse_selector(text):
    """"firms_by_sector[sector_0]" -> ("firms_by_sector", "sector_0"); "firms" -> ("firms", None)."""
    if text.endswith("]") and "[" in text:
        name, label = text[:-1].split("[", 1)
        return name, label
    return text, None


def weighted_window_mean(dataset, target):
    """sum(metric x weight) / sum(weight) over the window, days without weight left out."""
    metric, label = parse_selector(target["metric"])
    weight_metric, weight_label = parse_selector(target["weight_metric"])
    values = window_values(dataset, metric, label, target)
    weights = window_values(dataset, weight_metric, weight_label, target)
    weighted = (values.where(weights != 0, 0) * weights).sum("step")
    total = weights.sum("step")
    return (weighted / total.where(total > 0)).values


def window_values(dataset, metric, label, target):
    """metric's values over the target's window (replication x step)."""
    steps = window_steps(dataset, int(target["year"]), int(target["window_days"]))
    return select_metric(dataset, metric, label).sel(step=steps)


def evaluate_target(dataset, target):
    """One target's statistic per replication (a numpy array)."""
    statistic = target["statistic"]
    metric, label = parse_selector(target["metric"])
    if statistic == "summary":
        return select_metric(dataset, metric, label).values
    if statistic == "window_weighted_mean":
        return weighted_window_mean(dataset, target)
    if statistic not in WINDOW_OF_STATISTIC:
        raise ValueError(f"target {target['key']}: unknown statistic {statistic!r}")
    window = WINDOW_OF_STATISTIC[statistic]
    days = int(target["window_days"])
    value = window_statistic(dataset, metric, int(target["year"]), window, days, label)
    if not statistic.endswith("_growth"):
        return value.values
    base = window_statistic(dataset, metric, int(target["base_year"]), window, days, label)
    return growth(value, base).values


def evaluate_targets(dataset, targets_table, scenario="simulated"):
    """Every target of a targets table on a run dataset, in the form of
    reformsim_analysis.open_targets (key, scenario, use, reported_value, uncertainty, unit,
    simulated)."""
    rows = []
    for _, target in targets_table.iterrows():
        simulated = np.asarray(evaluate_target(dataset, target), dtype=float).reshape(-1)
        rows.append({"key": target["key"], "scenario": scenario, "use": target["use"],
                     "reported_value": float(target["value"]),
                     "uncertainty": float(target["uncertainty"]), "unit": target["unit"],
                     "statistic": target["statistic"], "simulated": simulated.tolist()})
    return pd.DataFrame(rows)
