"""Time series plots: one PNG per metric, the replications drawn as a band (median and 5-95%
quantiles, or min-max) over calendar dates, the reform day(s) marked, burn-in shaded or
dropped. A metric with a dimension (sector, level, ...) or a compare file's scenarios get one
band per label.

    python3 -m reformsim_analysis.timeseries results/demo.h5 --out plots [--metric firms]
"""

import os
import sys

import matplotlib.dates as mdates
from matplotlib.legend_handler import HandlerTuple
import numpy as np

from reformsim_analysis.calendar_axis import reform_dates, step_dates
from reformsim_analysis.command_line import base_parser, output_folder, run_command
from reformsim_analysis.loading import open_dataset, open_parameters
from reformsim_analysis.plot_style import (SERIES_COLOURS, axis_label, new_figure, save_figure,
                                           wrapped)
from reformsim_analysis.scenario_files import scenario_parameters
from reformsim_analysis.tidy import drop_burn_in

BANDS = {"quantile": (5, 95, "5-95% of replications"), "minmax": (0, 100, "range of replications")}


def series_metrics(dataset):
    """Names of the variables over (replication, step), in file order."""
    return [name for name, variable in dataset.data_vars.items()
            if "replication" in variable.dims and "step" in variable.dims]


def band_groups(dataset, variable):
    """[(label or None, DataArray over replication x step)]: one per label of each dimension
    other than replication and step (a scalar metric of a run gives one unlabelled group)."""
    others = [name for name in variable.dims if name not in ("replication", "step")]
    if not others:
        return [(None, variable)]
    dimension = others[0]
    labels = dataset[f"{dimension}_label"].values if f"{dimension}_label" in dataset else \
        variable[dimension].values
    groups = []
    for index, label in enumerate(labels):
        groups.extend((f"{label}" + (f", {sub}" if sub else ""), values) for sub, values in
                      band_groups(dataset, variable.isel({dimension: index})))
    return groups


def smoothed(values, rolling_days):
    """Trailing mean over rolling_days steps (1 = unchanged), per replication."""
    if rolling_days <= 1:
        return values
    return values.rolling(step=rolling_days, min_periods=1).mean()


def draw_band(axis, dates, values, band, colour):
    """Median line and a shaded band over replications; returns both artists for one legend
    entry."""
    low, high, _ = BANDS[band]
    data = values.transpose("replication", "step").values
    area = axis.fill_between(dates, np.nanpercentile(data, low, axis=0),
                             np.nanpercentile(data, high, axis=0), color=colour, alpha=0.22,
                             linewidth=0)
    (line,) = axis.plot(dates, np.nanmedian(data, axis=0), color=colour)
    return (area, line)


def mark_burn_in(axis, dataset, dates):
    """Grey shading over the burn-in steps."""
    flags = dataset["burn_in"].values.astype(bool)
    if flags.any():
        return [axis.axvspan(dates[flags][0], dates[flags][-1], color="0.85", alpha=0.6,
                             linewidth=0, label="burn-in (dropped in analyses)")]
    return []


def mark_reforms(axis, events):
    """A dashed vertical line per reform day, named by its measures."""
    lines = []
    for index, (date, measures) in enumerate(events):
        names = ", ".join(measures) if len(measures) <= 3 else f"{len(measures)} measures"
        lines.append(axis.axvline(date, color="black", linestyle=(0, (4, 2)), linewidth=1.1,
                                  alpha=0.8 - 0.15 * (index % 3),
                                  label=f"reform: {names} ({np.datetime_as_string(date, unit='D')})"))
    return lines


def format_date_axis(axis):
    """Calendar dates on the x axis with concise labels."""
    locator = mdates.AutoDateLocator(minticks=4, maxticks=10)
    axis.xaxis.set_major_locator(locator)
    axis.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    axis.set_xlabel("date (working days placed evenly over the calendar year)")


def reform_events(dataset, parameters_by_group):
    """[(date, [measures])] over every scenario's parameters, one entry per date."""
    events = {}
    for group_parameters in parameters_by_group.values():
        for date, measures in reform_dates(dataset, group_parameters):
            events.setdefault(date, set()).update(measures)
    return [(date, sorted(measures)) for date, measures in sorted(events.items())]


def add_legend(axis, handles, labels, band, replications):
    """One legend beneath the axes: each band with its median, then burn-in and reforms."""
    title = f"lines: median; bands: {BANDS[band][2]} ({replications})"
    axis.legend(handles, labels, title=title, loc="upper center", bbox_to_anchor=(0.5, -0.2),
                ncol=min(3, max(1, len(labels) // 3 + 1)), frameon=False,
                handler_map={tuple: HandlerTuple(ndivide=1)})


def plot_metric(dataset, name, parameters_by_group, path, band="quantile", rolling_days=1):
    """One metric's figure saved at path."""
    variable = dataset[name]
    figure, axes = new_figure()
    axis = axes[0, 0]
    dates = step_dates(dataset, next(iter(parameters_by_group.values()), {}))
    handles, labels = [], []
    for index, (label, values) in enumerate(band_groups(dataset, variable)):
        handles.append(draw_band(axis, dates, smoothed(values, rolling_days), band,
                                 SERIES_COLOURS[index % len(SERIES_COLOURS)]))
        labels.append(label or "simulated")
    for artist in mark_burn_in(axis, dataset, dates) + mark_reforms(
            axis, reform_events(dataset, parameters_by_group)):
        handles.append(artist)
        labels.append(artist.get_label())
    format_date_axis(axis)
    axis.set_ylabel(axis_label(name, variable.attrs.get("units", "")))
    smoothing = f" ({rolling_days}-working-day trailing mean)" if rolling_days > 1 else ""
    axis.set_title(wrapped(variable.attrs.get("long_name", name).capitalize() + smoothing, 80))
    add_legend(axis, handles, labels, band, f"{variable.sizes['replication']} replications")
    return save_figure(figure, path)


def parameters_by_group(path, dataset, allow_incomplete):
    """{group: parameters} for reform dates: a run's own, or each scenario's of a compare."""
    if dataset.attrs.get("kind") == "compare":
        return scenario_parameters(path)
    return {"run": open_parameters(path, allow_incomplete)}


def plot_timeseries(path, out, metrics=None, band="quantile", burn_in=True, rolling_days=1,
                    allow_incomplete=False):
    """Writes timeseries_<metric>.png for each metric (default: every series metric)."""
    dataset = open_dataset(path, allow_incomplete=allow_incomplete)
    available = series_metrics(dataset)
    unknown = [name for name in metrics or [] if name not in available]
    if unknown:
        raise ValueError(f"{path}: no time series named {', '.join(unknown)}; it has "
                         + ", ".join(available))
    groups = parameters_by_group(path, dataset, allow_incomplete)
    if not burn_in:
        dataset = drop_burn_in(dataset)
    return [plot_metric(dataset, name, groups, os.path.join(output_folder(out),
                                                            f"timeseries_{name}.png"),
                        band, rolling_days) for name in metrics or available]


def main(arguments=None):
    parser = base_parser("timeseries", "Time series of metrics with replications as a band.")
    parser.add_argument("--metric", action="append", help="a metric (repeat); default: all")
    parser.add_argument("--band", choices=sorted(BANDS), default="quantile",
                        help="quantile: median and 5-95%% (default); minmax: the full range")
    parser.add_argument("--drop-burn-in", action="store_true", help="leave the burn-in out")
    parser.add_argument("--rolling-days", type=int, default=1,
                        help="trailing mean over this many working days (default 1: none)")
    options = parser.parse_args(arguments)
    return plot_timeseries(options.file, options.out, options.metric, options.band,
                           not options.drop_burn_in, options.rolling_days,
                           options.allow_incomplete)


if __name__ == "__main__":
    sys.exit(run_command(main))
