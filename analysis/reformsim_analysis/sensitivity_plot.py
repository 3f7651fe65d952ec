"""The indices of a `reformsim sensitivity` file, one panel per output statistic:
- Sobol (Saltelli designs): first-order S1 and total-order ST of each parameter as paired
  bars with their bootstrap intervals; the axis runs over [-0.25, 1.25] of the variance share,
  and intervals reaching beyond it (small samples give wide ones) end at the panel's edge.
- Morris designs: mu* (mean absolute elementary effect) against sigma (their standard
  deviation) with mu*'s bootstrap interval; points near the line sigma = mu* act non-linearly
  or through interactions (Morris 1991; Campolongo et al. 2007).

    python3 -m reformsim_analysis.sensitivity_plot results/sweep_demo/sensitivity.h5 --out plots
"""

import os
import sys

import numpy as np
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from reformsim_analysis.command_line import base_parser, output_folder, run_command
from reformsim_analysis.loading import open_dataset
from reformsim_analysis.plot_style import (SERIES_COLOURS, axis_label, panel_figure, save_figure,
                                           series_style, wrapped)
from reformsim_analysis.sensitivity_file import (sensitivity_method, sensitivity_table,
                                                 statistic_units)

COLUMNS = 2
INDEX_LIMITS = (-0.25, 1.25)
FIRST, TOTAL = SERIES_COLOURS[0], SERIES_COLOURS[4]
MARKERS = ("o", "s", "^", "D")


def interval(values, lower, upper):
    """Error bar lengths [[below], [above]] from bounds, 0 where a bound is missing."""
    below = np.where(np.isfinite(lower), values - lower, 0.0)
    above = np.where(np.isfinite(upper), upper - values, 0.0)
    return [np.maximum(below, 0), np.maximum(above, 0)]


def undefined(axis, text):
    """A panel whose statistic gave no index (it does not vary over the design)."""
    axis.text(0.5, 0.5, text, ha="center", va="center", transform=axis.transAxes,
              fontsize=8.5, color="0.35", wrap=True)
    axis.set_xticks([])
    axis.set_yticks([])


def draw_sobol(axis, rows):
    """Paired horizontal bars S1 (upper) and ST (lower) per parameter with intervals."""
    parameters = list(rows["parameter"])
    if not np.isfinite(rows[["first_order", "total_order"]].values).any():
        undefined(axis, "indices undefined:\nthe statistic does not vary over the design")
        return
    positions = np.arange(len(parameters))
    for offset, name, colour in ((-0.19, "first_order", FIRST), (0.19, "total_order", TOTAL)):
        values = rows[name].values
        axis.barh(positions + offset, np.nan_to_num(values), height=0.36, color=colour)
        axis.errorbar(values, positions + offset, xerr=interval(values, rows[f"{name}_lower"].values,
                                                                rows[f"{name}_upper"].values),
                      fmt="none", ecolor="black", capsize=2.5, linewidth=0.9)
    axis.set_yticks(positions)
    axis.set_yticklabels([wrapped(name, 22) for name in parameters], fontsize=8)
    axis.set_ylim(len(parameters) - 0.5, -0.5)
    axis.set_xlim(*INDEX_LIMITS)
    axis.axvline(0, color="black", linewidth=0.8)
    axis.axvline(1, color="0.6", linewidth=0.6, linestyle=":")
    axis.grid(axis="y", visible=False)
    axis.set_xlabel("share of the output variance")


def draw_morris(axis, rows, unit):
    """mu* against sigma per parameter, mu*'s interval, the line sigma = mu*."""
    mu_star, sigma = rows["mu_star"].values, rows["sigma"].values
    if not np.isfinite(mu_star).any() or np.nanmax(np.abs(mu_star)) == 0:
        undefined(axis, "no effect: the statistic\ndoes not vary over the design")
        return
    errors = interval(mu_star, rows["mu_star_lower"].values, rows["mu_star_upper"].values)
    for index in range(len(mu_star)):  # one colour per parameter, named in the legend
        colour, _ = series_style(index)
        axis.errorbar(mu_star[index], sigma[index],
                      xerr=[[errors[0][index]], [errors[1][index]]], fmt=MARKERS[index % 4],
                      color=colour, ecolor=colour, capsize=2.5, markersize=6, linewidth=0.9)
    top = np.nanmax(np.concatenate([rows["mu_star_upper"].values, sigma, mu_star])) * 1.25
    top = top if np.isfinite(top) and top > 0 else 1.0
    axis.plot([0, top], [0, top], color="0.5", linewidth=0.8, linestyle="--")
    axis.set_xlim(0, top)
    axis.set_ylim(0, top)
    effect_unit = f"{unit} per unit range" if unit and unit != "1" else "output per unit range"
    axis.set_xlabel(axis_label("mu*", effect_unit, 34))
    axis.set_ylabel(axis_label("sigma", effect_unit, 30))


def legend_entries(dataset):
    if sensitivity_method(dataset) == "sobol":
        confidence = float(dataset.attrs.get("confidence", 0.95))
        return [Patch(color=FIRST, label="first-order index S1"),
                Patch(color=TOTAL, label="total-order index ST"),
                Line2D([], [], color="black", marker="|", linestyle="none", markersize=8,
                       label=f"{confidence:.0%} bootstrap interval "
                             f"({dataset.attrs.get('bootstrap_resamples', '?')} resamples; "
                             "cut at the panel edge)")]
    parameters = [str(label) for label in dataset["parameter_label"].values]
    confidence = float(dataset.attrs.get("confidence", 0.95))
    return [Line2D([], [], color=series_style(index)[0], marker=MARKERS[index % 4],
                   linestyle="none", label=name) for index, name in enumerate(parameters)] + [
            Line2D([], [], color="0.4", marker="|", linestyle="none", markersize=8,
                   label=f"{confidence:.0%} bootstrap interval of mu*"),
            Line2D([], [], color="0.5", linestyle="--",
                   label="sigma = mu*: above it, non-linear or interacting")]


def plot_sensitivity(path, out, allow_incomplete=False):
    """Writes sensitivity.png (one panel per statistic) into out."""
    dataset = open_dataset(path, allow_incomplete)
    if dataset.attrs.get("kind") != "sensitivity":
        raise ValueError(f"{path}: a sensitivity plot needs a `reformsim sensitivity` file, "
                         f"not a {dataset.attrs.get('kind')} file")
    table = sensitivity_table(dataset)
    units = statistic_units(dataset, path)
    statistics = list(dict.fromkeys(table["statistic"]))
    method = sensitivity_method(dataset)
    figure, axes, legend_axis = panel_figure(len(statistics), COLUMNS)
    for axis, statistic in zip(axes, statistics):
        rows = table[table["statistic"] == statistic]
        if method == "sobol":
            draw_sobol(axis, rows)
        else:
            draw_morris(axis, rows, units.get(statistic, ""))
        axis.set_title(wrapped(statistic, 40))
    legend_axis.legend(handles=legend_entries(dataset), loc="center", ncol=2, frameon=False,
                       title=("Sobol indices" if method == "sobol" else
                              "Morris screening (effects per unit of a parameter's scaled range)")
                       + f" of {dataset.attrs.get('source', 'the sweep')}")
    return [save_figure(figure, os.path.join(output_folder(out), "sensitivity.png"))]


def main(arguments=None):
    parser = base_parser("sensitivity_plot", "Sobol or Morris indices, one panel per statistic.")
    options = parser.parse_args(arguments)
    return plot_sensitivity(options.file, options.out, options.allow_incomplete)


if __name__ == "__main__":
    sys.exit(run_command(main))
