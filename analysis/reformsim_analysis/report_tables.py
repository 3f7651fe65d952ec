"""The tables of a report as Markdown: provenance, key metrics over the reported windows,
targets, scenario differences and Shapley values. Each returns a list of lines.
"""

import numpy as np

from reformsim_analysis.plot_style import format_number
from reformsim_analysis.reported_windows import (REPORTED_WINDOW_DAYS, growth, window_statistic)

PROVENANCE = ("kind", "title", "model", "model_description", "reformsim_version", "git_commit",
              "command_line", "config_file", "method", "master_seed", "replications",
              "threads", "start_time", "end_time", "complete")


def markdown_table(header, rows):
    """A Markdown table; cells' `|` escaped."""
    def cell(value):
        return str(value).replace("|", "\\|").replace("\n", " ")
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    return lines + ["| " + " | ".join(cell(value) for value in row) + " |" for row in rows]


def spread(values):
    """"median [5%, 95%]" of replications."""
    values = np.asarray(values, dtype=float).reshape(-1)
    values = values[np.isfinite(values)]
    if values.size == 0:
        return "n/a"
    low, median, high = np.percentile(values, [5, 50, 95])
    return f"{format_number(median)} [{format_number(low)}, {format_number(high)}]"


def provenance_table(dataset, path):
    """Where the file came from, from its root attributes."""
    rows = [("file", f"`{path}`")]
    rows += [(name, f"`{dataset.attrs[name]}`" if name in ("command_line", "git_commit")
              else dataset.attrs[name]) for name in PROVENANCE if name in dataset.attrs]
    return markdown_table(["attribute", "value"], rows)


def reported_years(dataset):
    """Years whose whole reported window is simulated outside the burn-in."""
    analysed = dataset["burn_in"].values == 0
    years = sorted(set(int(year) for year in dataset["year"].values[analysed]))
    return [year for year in years if np.count_nonzero(
        (dataset["year"].values == year) & analysed
        & (dataset["day_of_year"].values < REPORTED_WINDOW_DAYS)) == REPORTED_WINDOW_DAYS]


def key_metrics_table(dataset):
    """Each scalar series' January-September mean per reported year and its year-on-year
    growth (equal to the growth of the window sums for a flow), median [5%, 95%] over
    replications; then summary metrics."""
    years = reported_years(dataset)
    header = ["metric", "unit"] + [f"Jan-Sep mean {year}" for year in years] + \
        [f"growth {year} vs {year - 1}" for year in years[1:]]
    rows = []
    for name, variable in dataset.data_vars.items():
        if variable.dims != ("replication", "step"):
            continue
        means = [window_statistic(dataset, name, year, "mean") for year in years]
        growths = [growth(means[index], means[index - 1]) for index in range(1, len(years))]
        rows.append([name, variable.attrs.get("units", "")] + [spread(mean) for mean in means]
                    + [spread(rate) for rate in growths])
    lines = markdown_table(header, rows)
    summaries = [[name, variable.attrs.get("units", ""), spread(variable.values)]
                 for name, variable in dataset.data_vars.items() if variable.dims == ("replication",)]
    if summaries:
        lines += ["", *markdown_table(["summary metric", "unit", "value"], summaries)]
    return lines


def targets_table(table):
    """Reported against simulated, one row per target and scenario."""
    rows = [[row["key"], row["scenario"], "fitted" if row["use"] == "fit" else "held out",
             format_number(row["reported_value"]), spread(row["simulated"]), row["unit"]]
            for _, row in table.iterrows()]
    return markdown_table(["target", "scenario", "use", "reported", "simulated median [5%, 95%]",
                           "unit"], rows)


def interval_text(mean, low, high):
    """"mean (95% low to high)"."""
    return f"{format_number(mean)} (95% {format_number(low)} to {format_number(high)})"


def differences_table(dataset):
    """Each pair's mean difference per target with its 95% interval."""
    rows = []
    for pair, label in enumerate(dataset["pair_label"].values):
        for target, key in enumerate(dataset["target_label"].values):
            parts = [float(dataset[f"difference_{part}"].isel(pair=pair, target=target))
                     for part in ("mean", "low", "high")]
            rows.append([label, key, interval_text(*parts)])
    return markdown_table(["pair (second - first)", "target", "mean difference"], rows)


def shapley_table(dataset):
    """Trend, each measure's Shapley value and the total effect per target."""
    measures = [str(label) for label in dataset["measure_label"].values]
    rows = []
    for target, key in enumerate(dataset["target_label"].values):
        def estimate(name, **index):
            return interval_text(*(float(dataset[f"{name}_{part}"].isel(target=target, **index))
                                   for part in ("mean", "low", "high")))
        rows.append([key, estimate("trend")]
                    + [estimate("shapley", measure=m) for m in range(len(measures))]
                    + [estimate("total_effect")])
    return markdown_table(["target", "trend"] + measures + ["total effect"], rows)
