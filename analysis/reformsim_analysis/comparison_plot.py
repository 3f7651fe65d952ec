"""Scenario differences of a `reformsim compare` file: per target, each pair's mean
difference (second - first, over paired replications with common random numbers) with its
95% interval, against a line at no difference.

    python3 -m reformsim_analysis.comparison_plot results/compare.h5 --out plots
"""

import os
import sys

from matplotlib.lines import Line2D

from reformsim_analysis.command_line import base_parser, output_folder, run_command
from reformsim_analysis.loading import open_dataset
from reformsim_analysis.plot_style import (axis_label, limit_value_ticks, panel_figure,
                                           save_figure, wrapped)
from reformsim_analysis.scenario_files import target_units

USE_COLOURS = {1: "#1f77b4", 0: "#e6550d"}
COLUMNS = 3
TITLE_WIDTH = 26  # characters of a panel title's line that fit over a panel's axes


def draw_target(axis, dataset, target, unit):
    """One target's forest panel: a row per scenario pair."""
    pairs = [str(label) for label in dataset["pair_label"].values]
    fitted = int(dataset["target_fit"].values[target])
    for row in range(len(pairs)):
        mean, low, high = (float(dataset[f"difference_{part}"].isel(pair=row, target=target))
                           for part in ("mean", "low", "high"))
        axis.errorbar(mean, row, xerr=[[mean - low], [high - mean]], fmt="o",
                      color=USE_COLOURS[fitted], capsize=3, markersize=5)
    axis.axvline(0, color="black", linewidth=0.9)
    axis.set_yticks(range(len(pairs)))
    axis.set_yticklabels([wrapped(label, 22) for label in pairs])
    axis.set_ylim(len(pairs) - 0.5, -0.5)
    axis.grid(axis="y", visible=False)
    axis.margins(x=0.1)
    limit_value_ticks(axis)
    axis.set_xlabel(axis_label("difference", unit or "target unit"))
    use = "fitted" if fitted else "held out"
    axis.set_title(wrapped(str(dataset["target_label"].values[target]), TITLE_WIDTH)
                   + f"\n({use})")


def plot_comparison(path, out, allow_incomplete=False):
    """Writes comparison.png (one panel per target) into out."""
    dataset = open_dataset(path, allow_incomplete)
    if dataset.attrs.get("kind") != "compare" or "pair" not in dataset.dims:
        raise ValueError(f"{path}: a comparison plot needs a `reformsim compare` file with at "
                         "least two scenarios")
    units = target_units(dataset)
    figure, axes, legend_axis = panel_figure(dataset.sizes["target"], COLUMNS)
    for target, axis in enumerate(axes):
        draw_target(axis, dataset, target, units[target])
    replications = dataset.sizes["replication"]
    legend_axis.legend(handles=[
        Line2D([], [], marker="o", color=USE_COLOURS[1], label="fitted target"),
        Line2D([], [], marker="o", color=USE_COLOURS[0], label="held-out target"),
        Line2D([], [], color="0.3", label=f"mean difference, 95% interval ({replications} "
                                          "paired replications)")],
        loc="center", ncol=3, frameon=False)
    return [save_figure(figure, os.path.join(output_folder(out), "comparison.png"))]


def main(arguments=None):
    parser = base_parser("comparison_plot", "Differences between scenarios, every target.")
    options = parser.parse_args(arguments)
    return plot_comparison(options.file, options.out, options.allow_incomplete)


if __name__ == "__main__":
    sys.exit(run_command(main))
