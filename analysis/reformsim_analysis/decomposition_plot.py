"""The effect decomposition of a `reformsim decompose` file: per target, a waterfall from the
trend (no measures, at 0) through each measure's Shapley value to the total effect of the
full reform (full minus trend), every bar with its 95% interval over replications, and the
trend's own level and interval written in the panel.

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

RAISES, LOWERS, TOTAL = "#2c7fb8", "#d95f0e", "0.35"
COLUMNS = 2


def measure_effects(dataset, target):
    """[(measure, mean, low, high)] of one target's Shapley values."""
    labels = [str(label) for label in dataset["measure_label"].values]
    return [(label,
             float(dataset["shapley_mean"].isel(measure=index, target=target)),
             float(dataset["shapley_low"].isel(measure=index, target=target)),
             float(dataset["shapley_high"].isel(measure=index, target=target)))
            for index, label in enumerate(labels)]


def draw_waterfall(axis, effects, total):
    """Floating bars from the running sum, each with its interval at the bar's end; the total
    bar from 0 with its interval."""
    running = 0.0
    for position, (_, mean, low, high) in enumerate(effects):
        axis.bar(position, mean, bottom=running, color=RAISES if mean >= 0 else LOWERS,
                 width=0.62)
        end = running + mean
        axis.errorbar(position, end, yerr=[[mean - low], [high - mean]], color="black",
                      capsize=3, linewidth=1)
        if position + 1 < len(effects) + 1:
            axis.plot([position + 0.31, position + 0.69], [end, end], color="0.5",
                      linewidth=0.8, linestyle=":")
        running = end
    position = len(effects)
    _, mean, low, high = total
    axis.bar(position, mean, color=TOTAL, width=0.62)
    axis.errorbar(position, mean, yerr=[[mean - low], [high - mean]], color="black", capsize=3,
                  linewidth=1)
    axis.axhline(0, color="black", linewidth=0.8)


def draw_target(axis, dataset, target, unit):
    """One target's waterfall panel."""
    effects = measure_effects(dataset, target)
    total = ("full reform",
             *(float(dataset[f"total_effect_{part}"].isel(target=target))
               for part in ("mean", "low", "high")))
    draw_waterfall(axis, effects, total)
    names = [wrapped(name, 14) for name, *_ in effects] + ["total\n(full - trend)"]
    axis.set_xticks(range(len(names)))
    axis.set_xticklabels(names, rotation=30 if len(names) > 4 else 0,
                         ha="right" if len(names) > 4 else "center")
    axis.grid(axis="x", visible=False)
    axis.set_ylabel(axis_label("effect vs trend", unit or "target unit"))
    trend = [float(dataset[f"trend_{part}"].isel(target=target)) for part in ("mean", "low", "high")]
    axis.set_title(wrapped(str(dataset["target_label"].values[target]), 40)
                   + "\ntrend " + format_number(trend[0]) + " (95% " + format_number(trend[1])
                   + " to " + format_number(trend[2]) + ")",
                   fontsize=9.5)


def legend_entries(dataset):
    """Handles explaining the bars."""
    return [Patch(color=RAISES, label="measure raises the target (Shapley value)"),
            Patch(color=LOWERS, label="measure lowers the target"),
            Patch(color=TOTAL, label="total effect of the full reform"),
            Patch(color="white", label="trend: the target with no measure (in titles)"),
            Line2D([], [], color="black", marker="_", markersize=8,
                   label=f"95% interval over {dataset.sizes['replication']} replications")]


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
