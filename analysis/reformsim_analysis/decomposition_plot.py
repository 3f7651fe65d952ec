"""The effect decomposition of a `reformsim decompose` file: per target, a waterfall in the
target's own unit from the trend (the target with no measure, the first bar) through each
measure's Shapley value (floating bars) to the full reform (trend + total effect, the last
bar), every bar with its 95% Student-t interval over replications: the trend's own, each
Shapley value's at the bar's end, and the total effect's at the full reform's bar.

When the effects are small against the level (a stock of 11 000 firms moved by 300), the
value axis is cut above 0 so the effects stay visible, and the panel says so.

    python3 -m reformsim_analysis.decomposition_plot results/decompose.h5 --out plots
"""

import os
import sys

import numpy as np
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from reformsim_analysis.command_line import base_parser, output_folder, run_command
from reformsim_analysis.loading import open_dataset
from reformsim_analysis.plot_style import (axis_label, format_number, panel_figure, save_figure,
                                           wrapped)
from reformsim_analysis.scenario_files import target_units

RAISES, LOWERS, TREND, FULL = "#2c7fb8", "#d95f0e", "0.72", "0.35"
COLUMNS = 2
BAR_WIDTH = 0.62
UPRIGHT_BARS = 5  # bars whose wrapped names fit upright under a panel; more are slanted
CUT_AXIS_SHARE = 0.35  # cut the axis when the bars' span is below this share of the level


def estimate(dataset, name, target, **index):
    """(mean, low, high) of one estimate of the file, e.g. estimate(d, "trend", 0)."""
    return tuple(float(dataset[f"{name}_{part}"].isel(target=target, **index))
                 for part in ("mean", "low", "high"))


def measure_effects(dataset, target):
    """[(measure, mean, low, high)] of one target's Shapley values."""
    labels = [str(label) for label in dataset["measure_label"].values]
    return [(label, *estimate(dataset, "shapley", target, measure=index))
            for index, label in enumerate(labels)]


def waterfall_bars(trend, effects, total):
    """[(name, bottom, top, interval low, interval high, colour)] of the waterfall: the trend
    from 0, each measure from the running sum, the full reform from 0 to trend + total."""
    bars = [("trend", 0.0, trend[0], trend[1], trend[2], TREND)]
    running = trend[0]
    for name, mean, low, high in effects:
        end = running + mean
        bars.append((name, running, end, running + low, running + high,
                     RAISES if mean >= 0 else LOWERS))
        running = end
    full = trend[0] + total[0]
    bars.append(("full reform", 0.0, full, trend[0] + total[1], trend[0] + total[2], FULL))
    return bars


def value_limits(bars):
    """(bottom, top) of the value axis: from 0 with a margin, or cut above (below) 0 when
    every value has one sign and the bars' tops span little of the level."""
    values = np.array([value for bar in bars for value in bar[2:5]], dtype=float)
    values = values[np.isfinite(values)]
    if values.size == 0:
        return None
    low, high = min(values.min(), 0.0), max(values.max(), 0.0)
    ends = values
    span = ends.max() - ends.min()
    margin = 0.08 * max(high - low, 1e-12)
    if ends.min() > 0 and span < CUT_AXIS_SHARE * ends.max():
        margin = 0.15 * max(span, 1e-12 * ends.max())
        return ends.min() - 2 * margin, ends.max() + margin
    if ends.max() < 0 and span < CUT_AXIS_SHARE * -ends.min():
        margin = 0.15 * max(span, 1e-12 * -ends.min())
        return ends.min() - margin, ends.max() + 2 * margin
    return low - margin, high + margin


def draw_waterfall(axis, bars):
    """The bars, their intervals and the connectors between consecutive bar ends; returns
    True if the value axis had to be cut (does not include 0)."""
    limits = value_limits(bars)
    cut = limits is not None and not (limits[0] <= 0 <= limits[1])
    for position, (_, bottom, top, low, high, colour) in enumerate(bars):
        if cut and bottom == 0.0:
            bottom = limits[0] if top > 0 else limits[1]
        axis.bar(position, top - bottom, bottom=bottom, color=colour, width=BAR_WIDTH)
        if np.isfinite(low) and np.isfinite(high):
            axis.errorbar(position, top, yerr=[[max(top - low, 0)], [max(high - top, 0)]],
                          color="black", capsize=3, linewidth=1)
        if position + 1 < len(bars):
            axis.plot([position + BAR_WIDTH / 2, position + 1 - BAR_WIDTH / 2], [top, top],
                      color="0.5", linewidth=0.8, linestyle=":")
    if limits is not None:
        axis.set_ylim(*limits)
    if not cut:
        axis.axhline(0, color="black", linewidth=0.8)
    return cut


def draw_target(axis, dataset, target, unit):
    """One target's waterfall panel."""
    trend = estimate(dataset, "trend", target)
    total = estimate(dataset, "total_effect", target)
    bars = waterfall_bars(trend, measure_effects(dataset, target), total)
    cut = draw_waterfall(axis, bars)
    names = [bar[0] for bar in bars]
    axis.set_xticks(range(len(names)))
    if len(names) <= UPRIGHT_BARS:  # upright, wrapped at underscores to fit under a bar
        axis.set_xticklabels([wrapped(name, 9) for name in names], fontsize=8)
    else:
        axis.set_xticklabels(names, rotation=40, ha="right", rotation_mode="anchor", fontsize=8)
    axis.set_xlim(-0.6, len(names) - 0.4)
    axis.grid(axis="x", visible=False)
    axis.set_ylabel(axis_label("target value", unit or "target unit", 34))
    if cut:
        axis.text(0.01, 0.01, "axis does not start at 0", transform=axis.transAxes,
                  fontsize=7.5, color="0.35", ha="left", va="bottom")
    axis.set_title(wrapped(str(dataset["target_label"].values[target]), 40)
                   + "\ntotal effect " + format_number(total[0]) + " (95% "
                   + format_number(total[1]) + " to " + format_number(total[2]) + ")",
                   fontsize=9.5)


def legend_entries(dataset):
    """Handles explaining the bars."""
    return [Patch(color=TREND, label="trend: the target with no measure"),
            Patch(color=RAISES, label="measure raises the target (Shapley value)"),
            Patch(color=LOWERS, label="measure lowers the target"),
            Patch(color=FULL, label="full reform = trend + total effect"),
            Line2D([], [], color="black", marker="_", markersize=8,
                   label=f"95% interval over {dataset.sizes['replication']} replications "
                         "(full reform: of the total effect)")]


def plot_decomposition(path, out, allow_incomplete=False):
    """Writes decomposition.png (one panel per target) into out."""
    dataset = open_dataset(path, allow_incomplete)
    if dataset.attrs.get("kind") != "decompose":
        raise ValueError(f"{path}: a decomposition plot needs a `reformsim decompose` file, "
                         f"not a {dataset.attrs.get('kind')} file")
    units = target_units(dataset)
    figure, axes, legend_axis = panel_figure(dataset.sizes["target"], COLUMNS)
    for target, axis in enumerate(axes):
        draw_target(axis, dataset, target, units[target])
    legend_axis.legend(handles=legend_entries(dataset), loc="center", ncol=2, frameon=False,
                       title=wrapped(str(dataset.attrs.get("method", "")), 100))
    return [save_figure(figure, os.path.join(output_folder(out), "decomposition.png"))]


def main(arguments=None):
    parser = base_parser("decomposition_plot", "Effect decomposition by measure and trend.")
    options = parser.parse_args(arguments)
    return plot_decomposition(options.file, options.out, options.allow_incomplete)


if __name__ == "__main__":
    sys.exit(run_command(main))
