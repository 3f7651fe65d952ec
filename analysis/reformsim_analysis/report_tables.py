"""The tables of a report as Markdown: provenance, key metrics over the reported windows,
targets, scenario differences and Shapley values. Each returns a list of lines.
"""

import numpy as np

from reformsim_analysis.metric_kinds import is_log_metric
from reformsim_analysis.plot_style import format_number
from reformsim_analysis.reported_windows import (REPORTED_WINDOW_DAYS, growth, window_statistic)

PROVENANCE = ("kind", "title", "model", "model_description", "reformsim_version", "git_commit",
              "command_line", "config_file", "method", "master_seed", "replications",
              "threads", "start_time", "end_time", "design", "points", "source",
              "bootstrap_resamples", "confidence", "stop_reason", "simulations", "complete")


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


def year_change(variable, value, base):
    """The change between two windows' means: the growth rate value / base - 1, or, where a
    rate means nothing (a log quantity, whose ratio depends on where its zero is, or a base
    that is not positive), the difference, marked as such."""
    if is_log_metric(variable) or not bool((base > 0).all()):
        return "difference " + spread(value - base)
    return spread(growth(value, base))


def key_metrics_table(dataset):
    """Each scalar series' January-September mean per reported year and its year-on-year
    growth (equal to the growth of the window sums for a flow), or the difference for log
    metrics, median [5%, 95%] over replications; then summary metrics."""
    years = reported_years(dataset)
    header = ["metric", "unit"] + [f"Jan-Sep mean {year}" for year in years] + \
        [f"growth {year} vs {year - 1}" for year in years[1:]]
    rows = []
    for name, variable in dataset.data_vars.items():
        if variable.dims != ("replication", "step"):
            continue
        means = [window_statistic(dataset, name, year, "mean") for year in years]
        changes = [year_change(variable, means[index], means[index - 1])
                   for index in range(1, len(years))]
        rows.append([name, variable.attrs.get("units", "")] + [spread(mean) for mean in means]
                    + changes)
    lines = markdown_table(header, rows)
    if len(years) > 1:
        lines += ["", "Growth is the fraction value / base - 1; metrics in log units (and any "
                      "whose base mean is not positive) show the difference instead."]
    summaries = [[name, variable.attrs.get("units", ""), spread(variable.values)]
                 for name, variable in dataset.data_vars.items() if variable.dims == ("replication",)]
    if summaries:
        lines += ["", *markdown_table(["summary metric", "unit", "value"], summaries)]
    return lines


def targets_table(table):
    """Reported against simulated, one row per target and scenario."""
    rows = [[row["key"], row["scenario"], "fitted" if row["use"] == "fit" else "held out",
             format_number(row["reported_value"]), uncertainty_text(row.get("uncertainty")),
             spread(row["simulated"]), row["unit"]]
            for _, row in table.iterrows()]
    return markdown_table(["target", "scenario", "use", "reported", "uncertainty (+-)",
                           "simulated median [5%, 95%]", "unit"], rows)


def uncertainty_text(value):
    """The uncertainty of a reported value, "n/a" where none is recorded."""
    try:
        return format_number(float(value))
    except (TypeError, ValueError):
        return "n/a"


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


def sweep_design_table(dataset):
    """The swept parameters with their ranges and scales, and the design's size."""
    from reformsim_analysis.sweep_files import swept_parameters
    rows = [[parameter["name"], dataset[parameter["name"]].attrs.get("units", ""),
             format_number(parameter["low"]), format_number(parameter["high"]),
             "log-uniform" if parameter["log"] else "linear", parameter["type"]]
            for parameter in swept_parameters(dataset)]
    lines = markdown_table(["parameter", "unit", "low", "high", "scale", "type"], rows)
    return lines + ["", f"Design `{dataset.attrs.get('design', '?')}`: "
                        f"{dataset.sizes['point']} points read, "
                        f"{dataset.sizes['replication']} replications each."]


def sweep_statistics_table(dataset):
    """Each default statistic's mean over replications: its range over the design points."""
    from reformsim_analysis.sweep_statistics import default_statistics, point_statistic
    rows = []
    for statistic in default_statistics(dataset):
        values = point_statistic(dataset, statistic)
        finite = values.values[np.isfinite(values.values)]
        cells = [format_number(float(f(finite))) if finite.size else "n/a"
                 for f in (np.min, np.median, np.max)]
        rows.append([statistic, values.attrs.get("units", ""), *cells])
    return markdown_table(["statistic (mean over replications)", "unit", "lowest point",
                           "median point", "highest point"], rows)


def sensitivity_markdown(dataset):
    """Sobol S1 and ST with intervals, or Morris mu*, its interval and sigma."""
    from reformsim_analysis.sensitivity_file import sensitivity_method, sensitivity_table
    table = sensitivity_table(dataset)
    if sensitivity_method(dataset) == "sobol":
        rows = [[row["statistic"], row["parameter"],
                 interval_text(row["first_order"], row["first_order_lower"],
                               row["first_order_upper"]),
                 interval_text(row["total_order"], row["total_order_lower"],
                               row["total_order_upper"])] for _, row in table.iterrows()]
        return markdown_table(["statistic", "parameter", "first-order S1", "total-order ST"],
                              rows)
    rows = [[row["statistic"], row["parameter"], format_number(row["mu"]),
             interval_text(row["mu_star"], row["mu_star_lower"], row["mu_star_upper"]),
             format_number(row["sigma"])] for _, row in table.iterrows()]
    return markdown_table(["statistic", "parameter", "mu", "mu*", "sigma"], rows)


def calibration_markdown(dataset):
    """How the calibration stopped, its generations (ABC-SMC), the posterior or MSM point
    against the prior, and the fit of every target as the file records it."""
    from reformsim_analysis.calibration_file import (calibration_method, generation_table,
                                                     parameter_names, target_names)
    method = calibration_method(dataset)
    lines = [f"Method `{method}`; stopped: {dataset.attrs.get('stop_reason', 'n/a')}; "
             f"{dataset.attrs.get('simulations', '?')} simulated parameter sets.", ""]
    if method == "abc-smc":
        generations = generation_table(dataset)
        lines += markdown_table(["generation", "tolerance", "acceptance rate", "ESS",
                                 "simulations"],
                                [[int(row["generation"]), format_number(row["tolerance"]),
                                  format_number(row["acceptance_rate"]),
                                  format_number(row["effective_sample_size"]),
                                  int(row["simulations"])] for _, row in generations.iterrows()])
        lines += [""]
        rows = [[name, dataset["prior"].values[i]]
                + [format_number(float(dataset[f"posterior_{part}"].values[i]))
                   for part in ("mean", "sd", "q05", "median", "q95")]
                for i, name in enumerate(parameter_names(dataset))]
        lines += markdown_table(["parameter", "prior", "mean", "sd", "5%", "50%", "95%"], rows)
    else:
        rows = [[name, dataset["prior"].values[i],
                 format_number(float(dataset["best_theta"].values[i]))]
                for i, name in enumerate(parameter_names(dataset))]
        lines += markdown_table(["parameter", "prior", "MSM estimate"], rows)
        lines += ["", f"J = {format_number(float(dataset.attrs.get('best_objective', np.nan)))}"]
    fit_rows = [[key, "fitted" if int(dataset["target_fit"].values[i]) else "held out",
                 format_number(float(dataset["reported_value"].values[i])),
                 format_number(float(dataset["uncertainty"].values[i])),
                 f"{format_number(float(dataset['fit_mean'].values[i]))} "
                 f"[{format_number(float(dataset['fit_low'].values[i]))}, "
                 f"{format_number(float(dataset['fit_high'].values[i]))}]"]
                for i, key in enumerate(target_names(dataset))]
    what = "posterior predictive mean [5%, 95%]" if method == "abc-smc" else \
        "mean [5%, 95%] of replications at the MSM point"
    return lines + ["", *markdown_table(["target", "use", "reported", "uncertainty (+-)", what],
                                        fit_rows)]
