"""Time series plots: one PNG per metric, the replications drawn as a band (median and 5-95%
quantiles, or min-max) over calendar dates, the reform day(s) marked, burn-in shaded or
dropped. A metric with a dimension (sector, level, ...) or a compare file's scenarios get one
band per label: up to six share one axis with the legend beneath, up to twelve with the legend
at the right (line styles vary once the ten colours are used), more become small multiples
(one panel per outer label of a two-level label such as "level/identity", else per label) so
that no legend outgrows its figure. Flows (daily counts) are shown per working day with a
20-working-day trailing mean unless --rolling-days says otherwise: a daily integer count is
too jagged to read.

    python3 -m reformsim_analysis.timeseries results/demo.h5 --out plots [--metric firms]
"""

import os
import sys

import matplotlib.dates as mdates
from matplotlib.legend_handler import HandlerTuple
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
import numpy as np

from reformsim_analysis.calendar_axis import reform_dates, step_dates
from reformsim_analysis.command_line import base_parser, output_folder, run_command
from reformsim_analysis.loading import open_dataset, open_parameters
from reformsim_analysis.metric_kinds import DEFAULT_FLOW_ROLLING_DAYS, display_units, is_flow
from reformsim_analysis.plot_style import (SINGLE_FIGURE_INCHES, axis_label, new_figure,
                                           panel_figure, panel_grid_inches, save_figure,
                                           series_style, wrapped)
from reformsim_analysis.scenario_files import scenario_parameters
from reformsim_analysis.tidy import drop_burn_in

BANDS = {"quantile": (5, 95, "5-95% of replications"), "minmax": (0, 100, "range of replications")}
BAND_ALPHA = 0.15
LEGEND_BENEATH_MAX = 6   # series that fit a legend beneath a single axis
ONE_AXIS_MAX = 12        # series one axis can hold legibly (legend at the right)
WIDE_FIGURE_INCHES = (9.5, 4.3)
SMALL_PANEL_INCHES = (3.0, 2.2)
SMALL_PANEL_LEGEND_INCHES = 0.75


def series_metrics(dataset):
    """Names of the variables over (replication, step), in file order."""
    return [name for name, variable in dataset.data_vars.items()
            if "replication" in variable.dims and "step" in variable.dims]


def dimension_labels(dataset, variable, dimension):
    """Labels of one dimension of a variable (its `<dimension>_label`, else the index)."""
    if f"{dimension}_label" in dataset:
        return [str(label) for label in dataset[f"{dimension}_label"].values]
    return [str(label) for label in variable[dimension].values]


def band_groups(dataset, variable):
    """[(label parts, DataArray over replication x step)]: one per label of each dimension
    other than replication and step, parts outermost first (("subsidy", "sector_0")); a
    scalar metric of a run gives one group with no parts."""
    others = [name for name in variable.dims if name not in ("replication", "step")]
    if not others:
        return [((), variable)]
    dimension = others[0]
    groups = []
    for index, label in enumerate(dimension_labels(dataset, variable, dimension)):
        groups.extend(((label,) + parts, values) for parts, values in
                      band_groups(dataset, variable.isel({dimension: index})))
    return groups


def nested_parts(parts_list):
    """Two-level labels (outer, inner) for small multiples: the dimensions' own nesting, or a
    single label "level/identity" split at its slash; None when labels have one level."""
    if all(len(parts) == 2 for parts in parts_list):
        return list(parts_list)
    if all(len(parts) == 1 and "/" in parts[0] for parts in parts_list):
        return [tuple(parts[0].split("/", 1)) for parts in parts_list]
    return None


def series_layout(parts_list):
    """("beneath" | "right", [(None, all indices)]) for one axis, or ("panels", [(panel
    title, [series indices])]) for small multiples."""
    count = len(parts_list)
    if count <= LEGEND_BENEATH_MAX:
        return "beneath", [(None, list(range(count)))]
    if count <= ONE_AXIS_MAX:
        return "right", [(None, list(range(count)))]
    nested = nested_parts(parts_list)
    if nested is not None:
        outer = list(dict.fromkeys(parts[0] for parts in nested))
        inner = list(dict.fromkeys(parts[1] for parts in nested))
        if len(inner) <= ONE_AXIS_MAX:
            return "panels", [(name, [i for i, parts in enumerate(nested) if parts[0] == name])
                              for name in outer]
    return "panels", [(", ".join(parts), [index]) for index, parts in enumerate(parts_list)]


def panel_columns(panels):
    """Columns of a small-multiples grid: three, four from 10 panels, five from 17."""
    return 3 if panels < 10 else 4 if panels < 17 else 5


def timeseries_inches(parts_list):
    """(width, height) in inches of a metric's figure, from its series labels."""
    mode, panels = series_layout(parts_list)
    if mode == "beneath":
        return SINGLE_FIGURE_INCHES
    if mode == "right":
        return WIDE_FIGURE_INCHES
    return panel_grid_inches(len(panels), panel_columns(len(panels)), SMALL_PANEL_INCHES,
                             SMALL_PANEL_LEGEND_INCHES)


def smoothed(values, rolling_days):
    """Trailing mean over rolling_days steps (1 = unchanged), per replication."""
    if rolling_days <= 1:
        return values
    return values.rolling(step=rolling_days, min_periods=1).mean()


def draw_band(axis, dates, values, band, style):
    """Median line and a shaded band over replications; returns both artists for one legend
    entry."""
    low, high, _ = BANDS[band]
    colour, line_style = style
    data = values.transpose("replication", "step").values
    low_line, high_line, median = band_statistics(data, low, high)
    area = axis.fill_between(dates, low_line, high_line, color=colour, alpha=BAND_ALPHA,
                             linewidth=0)
    (line,) = axis.plot(dates, median, color=colour, linestyle=line_style)
    return (area, line)


def band_statistics(data, low, high):
    """Percentiles low and high and the median over replications (axis 0) of each step, NaN at
    steps where no replication has a value (a time to permit on a day nothing completed): a gap
    in the plot, without numpy's all-NaN warning."""
    shape = data.shape[1:]
    low_line, high_line, median = (np.full(shape, np.nan) for _ in range(3))
    some = ~np.all(np.isnan(data), axis=0)
    if some.any():
        present = data[:, some]
        low_line[some] = np.nanpercentile(present, low, axis=0)
        high_line[some] = np.nanpercentile(present, high, axis=0)
        median[some] = np.nanmedian(present, axis=0)
    return low_line, high_line, median


def mark_burn_in(axis, dataset, dates):
    """Grey shading over the burn-in steps."""
    flags = dataset["burn_in"].values.astype(bool)
    if flags.any():
        return [axis.axvspan(dates[flags][0], dates[flags][-1], color="0.85", alpha=0.6,
                             linewidth=0, label="burn-in (dropped in analyses)")]
    return []


def reform_label(date, measures):
    """"reform: a, b (2018-01-01)"; many measures are counted, not listed."""
    names = ", ".join(measures) if len(measures) <= 3 else f"{len(measures)} measures"
    return f"reform: {names} ({np.datetime_as_string(date, unit='D')})"


def mark_reforms(axis, events):
    """A dashed vertical line per reform day, named by its measures."""
    return [axis.axvline(date, color="black", linestyle=(0, (4, 2)), linewidth=1.1,
                         alpha=0.8 - 0.15 * (index % 3), label=reform_label(date, measures))
            for index, (date, measures) in enumerate(events)]


def format_date_axis(axis, label=True, maxticks=10):
    """Calendar dates on the x axis with concise labels."""
    locator = mdates.AutoDateLocator(minticks=3, maxticks=maxticks)
    axis.xaxis.set_major_locator(locator)
    axis.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    if label:
        axis.set_xlabel("date (working days placed evenly over the calendar year)")


def reform_events(dataset, parameters_by_group):
    """[(date, [measures])] over every scenario's parameters, one entry per date."""
    events = {}
    for group_parameters in parameters_by_group.values():
        for date, measures in reform_dates(dataset, group_parameters):
            events.setdefault(date, set()).update(measures)
    return [(date, sorted(measures)) for date, measures in sorted(events.items())]


def band_title(band, replications):
    return f"lines: median; bands: {BANDS[band][2]} ({replications})"


def add_legend(axis, handles, labels, band, replications, where="beneath"):
    """One legend beneath or at the right of the axes: each band with its median, then
    burn-in and reforms."""
    common = dict(title=band_title(band, replications), frameon=False,
                  handler_map={tuple: HandlerTuple(ndivide=1)})
    if where == "right":
        axis.legend(handles, [wrapped(label, 34) for label in labels], loc="upper left",
                    bbox_to_anchor=(1.02, 1.0), ncol=1, title_fontsize=8.5, **common)
        return
    axis.legend(handles, labels, loc="upper center", bbox_to_anchor=(0.5, -0.2),
                ncol=min(3, max(1, len(labels) // 3 + 1)), **common)


def title_text(name, rolling_days):
    smoothing = f" ({rolling_days}-working-day trailing mean)" if rolling_days > 1 else ""
    return f"{name}{smoothing}"


def plot_one_axis(dataset, name, groups, parameters, events, path, band, rolling_days, mode):
    """A metric with at most ONE_AXIS_MAX series on one axis."""
    variable = dataset[name]
    inches = SINGLE_FIGURE_INCHES if mode == "beneath" else WIDE_FIGURE_INCHES
    figure, axes = new_figure(inches)
    axis = axes[0, 0]
    dates = step_dates(dataset, parameters)
    handles, labels = [], []
    for index, (parts, values) in enumerate(groups):
        handles.append(draw_band(axis, dates, smoothed(values, rolling_days), band,
                                 series_style(index)))
        labels.append(", ".join(parts) or "simulated")
    for artist in mark_burn_in(axis, dataset, dates) + mark_reforms(axis, events):
        handles.append(artist)
        labels.append(artist.get_label())
    format_date_axis(axis)
    axis.set_ylabel(axis_label(variable.attrs.get("long_name", name), display_units(variable)))
    axis.set_title(wrapped(title_text(name, rolling_days), 80))
    add_legend(axis, handles, labels, band, f"{variable.sizes['replication']} replications", mode)
    return save_figure(figure, path)


def plot_panels(dataset, name, groups, panels, parameters, events, path, band, rolling_days):
    """A metric with many series as small multiples with one shared legend beneath."""
    variable = dataset[name]
    figure, axes, legend_axis = panel_figure(len(panels), panel_columns(len(panels)),
                                             SMALL_PANEL_INCHES, SMALL_PANEL_LEGEND_INCHES,
                                             sharex=True)
    dates = step_dates(dataset, parameters)
    nested = nested_parts([parts for parts, _ in groups])
    one_per_panel = all(len(indices) == 1 for _, indices in panels)
    inner_styles = {}
    for axis, (title, indices) in zip(axes, panels):
        for index in indices:
            inner = nested[index][1] if nested and not one_per_panel else ""
            style = inner_styles.setdefault(inner, series_style(len(inner_styles)))
            draw_band(axis, dates, smoothed(groups[index][1], rolling_days), band, style)
        mark_burn_in(axis, dataset, dates)
        mark_reforms(axis, events)
        format_date_axis(axis, label=False, maxticks=4)
        axis.tick_params(labelsize=7.5)
        axis.set_title(wrapped(title, 34), fontsize=8.5)
    figure.supylabel(axis_label(variable.attrs.get("long_name", name), display_units(variable),
                                60), fontsize=9.5)
    figure.suptitle(wrapped(title_text(name, rolling_days), 100), fontsize=10.5)
    handles = [(Patch(color=colour, alpha=BAND_ALPHA * 2, linewidth=0),
                Line2D([], [], color=colour, linestyle=line_style))
               for colour, line_style in inner_styles.values()]
    labels = [inner or "median and band" for inner in inner_styles]
    handles += [Patch(color="0.85", alpha=0.6, linewidth=0),
                Line2D([], [], color="black", linestyle=(0, (4, 2)))]
    labels += ["burn-in (dropped in analyses)",
               "; ".join(reform_label(date, measures) for date, measures in events) or
               "reform (none in the simulated steps)"]
    legend_axis.legend(handles, labels, loc="center", frameon=False,
                       ncol=min(4, len(labels)), handler_map={tuple: HandlerTuple(ndivide=1)},
                       title=band_title(band, f"{variable.sizes['replication']} replications")
                       + "; dates: working days placed evenly over the calendar year")
    return save_figure(figure, path)


def rolling_days_for(variable, rolling_days):
    """The trailing mean to use: the one asked for, else DEFAULT_FLOW_ROLLING_DAYS for a
    flow and none for a stock."""
    if rolling_days is not None:
        return rolling_days
    return DEFAULT_FLOW_ROLLING_DAYS if is_flow(variable) else 1


def plot_metric(dataset, name, parameters_by_group, path, band="quantile", rolling_days=None):
    """One metric's figure saved at path (rolling_days None: the default by metric kind)."""
    groups = band_groups(dataset, dataset[name])
    rolling_days = rolling_days_for(dataset[name], rolling_days)
    parameters = next(iter(parameters_by_group.values()), {})
    events = reform_events(dataset, parameters_by_group)
    mode, panels = series_layout([parts for parts, _ in groups])
    if mode == "panels":
        return plot_panels(dataset, name, groups, panels, parameters, events, path, band,
                           rolling_days)
    return plot_one_axis(dataset, name, groups, parameters, events, path, band, rolling_days,
                         mode)


def parameters_by_group(path, dataset, allow_incomplete):
    """{group: parameters} for reform dates: a run's own, or each scenario's of a compare."""
    if dataset.attrs.get("kind") == "compare":
        return scenario_parameters(path)
    return {"run": open_parameters(path, allow_incomplete)}


def plot_timeseries(path, out, metrics=None, band="quantile", burn_in=True, rolling_days=None,
                    allow_incomplete=False):
    """Writes timeseries_<metric>.png for each metric (default: every series metric)."""
    dataset = open_dataset(path, allow_incomplete=allow_incomplete)
    if dataset.attrs["kind"] not in ("run", "compare"):
        raise ValueError(f"{path}: time series are drawn from run and compare files, not a "
                         f"{dataset.attrs['kind']} file (a sweep's surfaces: `sweep`)")
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
    parser.add_argument("--rolling-days", type=int, default=None,
                        help="trailing mean over this many working days (1: none; default "
                             f"{DEFAULT_FLOW_ROLLING_DAYS} for flows, none for stocks)")
    options = parser.parse_args(arguments)
    return plot_timeseries(options.file, options.out, options.metric, options.band,
                           not options.drop_burn_in, options.rolling_days,
                           options.allow_incomplete)


if __name__ == "__main__":
    sys.exit(run_command(main))
