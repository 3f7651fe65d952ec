"""Simulated against reported figures: one panel per target, the reported value as a point
(with its uncertainty as an interval when the file knows it), each scenario's simulated
values as replications, median and 5-95% interval; held-out targets drawn in another colour
and marked "held out" in the panel title.

    python3 -m reformsim_analysis.targets_plot results/demo.h5 --out plots
    python3 -m reformsim_analysis.targets_plot results/demo.h5 --out plots \
        --targets configs/targets/demo_market_targets.csv    # targets the run was not run with
"""

import os
import sys

import numpy as np
from matplotlib.lines import Line2D

from reformsim_analysis.command_line import base_parser, output_folder, run_command
from reformsim_analysis.loading import checked_kind, open_dataset, open_targets
from reformsim_analysis.plot_style import (axis_label, limit_value_ticks, panel_figure,
                                           save_figure, wrapped)
from reformsim_analysis.reported_figures import read_targets_table
from reformsim_analysis.target_evaluation import evaluate_targets

USE_COLOURS = {"fit": "#1f77b4", "check": "#e6550d"}
USE_TITLES = {"fit": "fitted", "check": "held out"}
COLUMNS = 3
TITLE_WIDTH = 26  # characters of a panel title's line that fit over a panel's axes


def draw_reported(axis, target, row):
    """The reported value: a black diamond, with +-uncertainty bars when known."""
    uncertainty = target["uncertainty"]
    error = None if uncertainty is None or not np.isfinite(uncertainty) else uncertainty
    axis.errorbar(target["reported_value"], row, xerr=error, fmt="D", color="black",
                  markersize=5, capsize=3, linewidth=1.2)


def draw_simulated(axis, values, row, colour):
    """Replications as dots, their median and 5-95% interval."""
    values = np.asarray(values, dtype=float)
    values = values[np.isfinite(values)]
    if values.size == 0:
        axis.text(0.5, row, "undefined in every replication", ha="center", va="center",
                  transform=axis.get_yaxis_transform(), fontsize=8, color=colour)
        return
    low, median, high = np.percentile(values, [5, 50, 95])
    axis.plot([low, high], [row, row], color=colour, linewidth=2.4, solid_capstyle="butt")
    axis.scatter(values, np.full(values.size, row + 0.18), s=9, color=colour, alpha=0.55,
                 linewidths=0)
    axis.plot(median, row, "o", markersize=6, markerfacecolor="white", markeredgecolor=colour,
              markeredgewidth=1.6)


def draw_target(axis, rows):
    """One target's panel: reported on top, then one row per scenario."""
    first = rows.iloc[0]
    colour = USE_COLOURS.get(first["use"], "#555555")
    draw_reported(axis, first, 0)
    for index, (_, row) in enumerate(rows.iterrows(), start=1):
        draw_simulated(axis, row["simulated"], index, colour)
    axis.set_yticks(range(len(rows) + 1))
    axis.set_yticklabels(["reported"] + [wrapped(name, 18) for name in rows["scenario"]])
    axis.set_ylim(len(rows) + 0.6, -0.6)
    axis.margins(x=0.08)
    axis.grid(axis="y", visible=False)
    unit = first["unit"] or "unit not recorded in the file"
    limit_value_ticks(axis)
    axis.set_xlabel(axis_label("value", unit))
    use = USE_TITLES.get(first["use"], first["use"])
    axis.set_title(wrapped(first["key"], TITLE_WIDTH) + f"\n({use})",
                   color=colour if first["use"] == "check" else "black")


def legend_entries():
    """Handles explaining the markers."""
    return [Line2D([], [], marker="D", color="black", linestyle="none",
                   label="reported (bars: +-uncertainty)"),
            Line2D([], [], marker="o", markerfacecolor="white", markeredgecolor="0.3",
                   color="0.3", linewidth=2.4, label="simulated median, 5-95% of replications"),
            Line2D([], [], marker=".", color="0.3", linestyle="none", alpha=0.6,
                   label="simulated replications"),
            Line2D([], [], color=USE_COLOURS["fit"], linewidth=2.4, label="fitted target"),
            Line2D([], [], color=USE_COLOURS["check"], linewidth=2.4, label="held-out target")]


def plot_target_table(table, path):
    """Writes the panel figure of a target table (open_targets form) to path."""
    keys = list(dict.fromkeys(table["key"]))
    figure, axes, legend_axis = panel_figure(len(keys), COLUMNS)
    for axis, key in zip(axes, keys):
        draw_target(axis, table[table["key"] == key])
    legend_axis.legend(handles=legend_entries(), loc="center", ncol=3, frameon=False)
    return save_figure(figure, path)


def target_table(path, targets_file=None, allow_incomplete=False):
    """The file's own targets, or those of targets_file evaluated on a run file's arrays."""
    if targets_file is None:
        return open_targets(path, allow_incomplete)
    if checked_kind(path, allow_incomplete) != "run":
        raise ValueError(f"{path}: --targets evaluates a targets file on a run file only")
    dataset = open_dataset(path, allow_incomplete)
    return evaluate_targets(dataset, read_targets_table(targets_file),
                            scenario=str(dataset.attrs.get("model", "simulated")))


def plot_targets(path, out, targets_file=None, allow_incomplete=False):
    """Writes targets.png into out; ValueError if there are no targets to plot."""
    table = target_table(path, targets_file, allow_incomplete)
    if table.empty:
        raise ValueError(f"{path}: holds no targets (run with run.targets_file set, or pass "
                         "--targets FILE)")
    return [plot_target_table(table, os.path.join(output_folder(out), "targets.png"))]


def main(arguments=None):
    parser = base_parser("targets_plot", "Simulated against reported figures, every target.")
    parser.add_argument("--targets", metavar="CSV",
                        help="a targets file (configs/targets/README.md) to evaluate on a run "
                             "file instead of the targets stored in it")
    options = parser.parse_args(arguments)
    return plot_targets(options.file, options.out, options.targets, options.allow_incomplete)


if __name__ == "__main__":
    sys.exit(run_command(main))
