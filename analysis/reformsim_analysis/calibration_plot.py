"""The figures of a `reformsim calibrate` file (docs/calibration.md):
- calibration_progress.png: ABC-SMC tolerance, effective sample size and acceptance rate per
  generation (a tolerance still falling means the posterior has not settled); MSM: the
  objective J of every evaluation by stage, with the best so far;
- calibration_marginals.png: per free parameter, the posterior's weighted histogram (last
  generation; earlier ones as outlines) against the prior's mass in the same bins over the
  prior support - a posterior as wide as its prior means the targets do not identify it; MSM:
  J against each parameter (a profile) with the point estimate;
- calibration_pairs.png: every pair of parameters, the particles sized by weight (MSM: the
  evaluations coloured by log J), the marginals on the diagonal, the weighted correlation above.

    python3 -m reformsim_analysis.calibration_plot results/demo_market_abc.h5 --out plots
"""

import math
import os
import sys

import numpy as np
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator

from reformsim_analysis.calibration_file import (MSM_STAGES, calibration_method,
                                                 generation_table, parameter_names,
                                                 posterior_particles, weighted_quantiles)
from reformsim_analysis.command_line import base_parser, output_folder, run_command
from reformsim_analysis.loading import open_dataset
from reformsim_analysis.plot_style import (SERIES_COLOURS, format_number, log_ticks,
                                           panel_figure, save_figure, wrapped)

POSTERIOR, PRIOR = SERIES_COLOURS[0], "0.45"
BINS = 20
PAIR_PANEL_INCHES = (2.7, 2.5)
STAGE_COLOURS = {0: "black", 1: SERIES_COLOURS[0], 2: SERIES_COLOURS[4]}


def prior_kind(text):
    """("uniform" | "log_uniform" | "normal" | "truncated_normal", [numbers]) of a prior text."""
    name, _, rest = str(text).partition("(")
    numbers = [float(value) for value in rest.rstrip(")").split(",") if value.strip()]
    return name.strip(), numbers


def normal_cdf(x, mean, sd):
    return 0.5 * (1 + math.erf((x - mean) / (sd * math.sqrt(2))))


def prior_mass(text, edges):
    """The prior's probability of each bin between consecutive edges."""
    kind, numbers = prior_kind(text)
    if kind in ("normal", "truncated_normal") and len(numbers) >= 2:
        cdf = np.array([normal_cdf(edge, numbers[0], numbers[1]) for edge in edges])
        return np.diff(cdf) / (cdf[-1] - cdf[0])
    if kind == "log_uniform":
        return np.diff(np.log(edges)) / (np.log(edges[-1]) - np.log(edges[0]))
    return np.diff(edges) / (edges[-1] - edges[0])


def bin_edges(dataset, index):
    """Bins over the prior support (log-spaced for a log-uniform prior) and whether log."""
    low = float(dataset["prior_low"].values[index])
    high = float(dataset["prior_high"].values[index])
    log = prior_kind(dataset["prior"].values[index])[0] == "log_uniform" and low > 0
    if not (np.isfinite(low) and np.isfinite(high)):  # an unbounded normal: the particles' range
        values = dataset["particle_theta"].values[..., index] if "particle_theta" in dataset \
            else dataset["evaluation_theta"].values[:, index]
        low, high = float(np.nanmin(values)), float(np.nanmax(values))
    edges = np.geomspace(low, high, BINS + 1) if log else np.linspace(low, high, BINS + 1)
    return edges, log


def draw_marginal(axis, dataset, index):
    """Weighted histograms of every generation (the last filled) against the prior's mass."""
    edges, log = bin_edges(dataset, index)
    generations = dataset.sizes["generation"]
    for generation in range(generations):
        particles = posterior_particles(dataset, generation)
        values = particles.iloc[:, index].values
        last = generation == generations - 1
        axis.hist(values, bins=edges, weights=particles["weight"].values,
                  histtype="stepfilled" if last else "step", color=POSTERIOR,
                  alpha=0.55 if last else 0.15 + 0.3 * generation / max(generations, 1),
                  linewidth=0 if last else 0.9)
    axis.stairs(prior_mass(dataset["prior"].values[index], edges), edges, color=PRIOR,
                linestyle="--", linewidth=1.2)
    last = posterior_particles(dataset)
    q05, q50, q95 = weighted_quantiles(last.iloc[:, index].values, last["weight"].values,
                                       [0.05, 0.5, 0.95])
    axis.axvline(q50, color="black", linewidth=1.1)
    axis.axvspan(q05, q95, color="black", alpha=0.07, linewidth=0)
    if log:
        axis.set_xscale("log")
        log_ticks(axis.xaxis)
    axis.set_xlim(edges[0], edges[-1])
    axis.set_ylabel("posterior weight per bin")
    axis.set_title(wrapped(parameter_names(dataset)[index], 30) + "\nmedian "
                   + format_number(q50) + " (90% " + format_number(q05) + " to "
                   + format_number(q95) + ")", fontsize=9)


def draw_profile(axis, dataset, index):
    """MSM: J of every evaluation against one parameter, the best point starred."""
    theta = dataset["evaluation_theta"].values[:, index]
    objective = dataset["evaluation_distance"].values
    stages = dataset["evaluation_stage"].values
    for stage, name in MSM_STAGES.items():
        chosen = stages == stage
        axis.scatter(theta[chosen], objective[chosen], s=14, color=STAGE_COLOURS[stage],
                     alpha=0.75, linewidths=0, label=name)
    best = float(dataset["best_theta"].values[index])
    axis.scatter([best], [np.nanmin(objective)], marker="*", s=140, color="gold",
                 edgecolors="black", linewidths=0.7, zorder=4)
    edges, log = bin_edges(dataset, index)
    if log:
        axis.set_xscale("log")
        log_ticks(axis.xaxis)
    axis.set_xlim(edges[0], edges[-1])
    if np.nanmin(objective) > 0:
        axis.set_yscale("log")
    axis.set_ylabel("objective J")
    axis.set_title(wrapped(parameter_names(dataset)[index], 30) + "\nMSM point "
                   + format_number(best), fontsize=9)


def parameter_label(dataset, index):
    return wrapped(parameter_names(dataset)[index], 30)


def progress_figure(dataset, path):
    """Tolerance, ESS and acceptance per generation, or J per evaluation."""
    if calibration_method(dataset) == "msm":
        figure, axes, legend_axis = panel_figure(1, 1, (6.4, 3.6))
        axis = axes[0]
        objective = dataset["evaluation_distance"].values
        stages = dataset["evaluation_stage"].values
        evaluations = np.arange(objective.size)
        for stage, name in MSM_STAGES.items():
            chosen = stages == stage
            axis.scatter(evaluations[chosen], objective[chosen], s=14,
                         color=STAGE_COLOURS[stage], label=name)
        axis.plot(evaluations, np.fmin.accumulate(objective), color="black", linewidth=1.1,
                  label="best so far")
        if np.nanmin(objective) > 0:
            axis.set_yscale("log")
        axis.set_xlabel("evaluation")
        axis.set_ylabel("objective J = g' W g")
        axis.set_title(f"MSM: {dataset.attrs.get('stop_reason', '')}", fontsize=9.5)
        legend_axis.legend(*axis.get_legend_handles_labels(), loc="center", ncol=4, frameon=False)
        return save_figure(figure, path)
    table = generation_table(dataset)
    figure, axes, legend_axis = panel_figure(3, 3, (3.0, 2.6))
    population = dataset.sizes["particle"]
    panels = [("tolerance", "tolerance epsilon (distance)", True),
              ("effective_sample_size", "effective sample size [particles]", False),
              ("acceptance_rate", "acceptance rate", False)]
    for axis, (column, label, log) in zip(axes, panels):
        axis.plot(table["generation"], table[column], marker="o", color=POSTERIOR)
        axis.set_xlabel("generation")
        axis.set_ylabel(label)
        axis.xaxis.set_major_locator(MaxNLocator(integer=True))
        if log and (table[column] > 0).all() and table[column].max() > 10 * table[column].min():
            axis.set_yscale("log")  # only when it spans a decade: else plain numbers read better
    axes[1].axhline(population, color=PRIOR, linestyle="--", linewidth=1)
    axes[1].set_ylim(0, population * 1.08)
    axes[2].set_ylim(0, 1.05)
    legend_axis.legend(handles=[
        Line2D([], [], color=POSTERIOR, marker="o", label="ABC-SMC generation"),
        Line2D([], [], color=PRIOR, linestyle="--", label=f"population ({population} particles)")],
        loc="center", ncol=2, frameon=False,
        title=f"stopped: {dataset.attrs.get('stop_reason', 'n/a')}; "
              f"{dataset.attrs.get('simulations', '?')} simulations")
    return save_figure(figure, path)


def marginals_figure(dataset, path):
    """One panel per free parameter."""
    count = dataset.sizes["parameter"]
    figure, axes, legend_axis = panel_figure(count, min(count, 3))
    msm = calibration_method(dataset) == "msm"
    for index, axis in enumerate(axes):
        (draw_profile if msm else draw_marginal)(axis, dataset, index)
        axis.set_xlabel(parameter_label(dataset, index) + " (prior support)")
    if msm:
        handles = [Line2D([], [], marker="o", linestyle="none", color=STAGE_COLOURS[stage],
                          label=name) for stage, name in MSM_STAGES.items()]
        handles.append(Line2D([], [], marker="*", linestyle="none", markersize=11,
                              markerfacecolor="gold", markeredgecolor="black",
                              label="MSM point estimate"))
    else:
        handles = [Patch(color=POSTERIOR, alpha=0.55, label="posterior (last generation)"),
                   Line2D([], [], color=POSTERIOR, alpha=0.4, label="earlier generations"),
                   Line2D([], [], color=PRIOR, linestyle="--", label="prior"),
                   Line2D([], [], color="black", label="posterior median"),
                   Patch(color="black", alpha=0.1, label="posterior 5-95%")]
    legend_axis.legend(handles=handles, loc="center", ncol=min(len(handles), 3), frameon=False)
    return save_figure(figure, path)


def pair_points(dataset):
    """(theta array points x parameters, sizes or colours, is_msm) for the pair plot."""
    if calibration_method(dataset) == "msm":
        objective = dataset["evaluation_distance"].values
        return dataset["evaluation_theta"].values, np.log10(np.maximum(objective, 1e-300)), True
    last = posterior_particles(dataset)
    weights = last["weight"].values
    return last.iloc[:, :dataset.sizes["parameter"]].values, 8 + 400 * weights / weights.max() \
        / max(1, math.sqrt(weights.size)), False


def pairs_figure(dataset, path):
    """A k x k grid: marginals on the diagonal, pairs below, correlations above."""
    count = dataset.sizes["parameter"]
    figure, axes, legend_axis = panel_figure(count * count, count, PAIR_PANEL_INCHES)
    theta, marks, msm = pair_points(dataset)
    scatter = None
    for row in range(count):
        for column in range(count):
            axis = axes[row * count + column]
            if row == column:
                (draw_profile if msm else draw_marginal)(axis, dataset, row)
                axis.set_title(parameter_label(dataset, row), fontsize=8.5)
                axis.set_ylabel("J" if msm else "weight per bin", fontsize=8)
            elif row > column:
                x_edges, x_log = bin_edges(dataset, column)
                y_edges, y_log = bin_edges(dataset, row)
                if msm:
                    scatter = axis.scatter(theta[:, column], theta[:, row], c=marks, s=12,
                                           cmap="viridis_r", linewidths=0)
                else:
                    axis.scatter(theta[:, column], theta[:, row], s=marks, color=POSTERIOR,
                                 alpha=0.5, linewidths=0)
                if x_log:
                    axis.set_xscale("log")
                    log_ticks(axis.xaxis)
                if y_log:
                    axis.set_yscale("log")
                    log_ticks(axis.yaxis)
                axis.set_xlim(x_edges[0], x_edges[-1])
                axis.set_ylim(y_edges[0], y_edges[-1])
                axis.set_ylabel(parameter_label(dataset, row), fontsize=8)
            else:
                axis.axis("off")
                if "posterior_correlation" in dataset:
                    value = float(dataset["posterior_correlation"].values[row, column])
                    axis.text(0.5, 0.5, f"weighted\ncorrelation\n{value:+.2f}", ha="center",
                              va="center", transform=axis.transAxes, fontsize=10)
            axis.tick_params(labelsize=7.5)
            if row == count - 1 or row == column:
                axis.set_xlabel(parameter_label(dataset, column), fontsize=8)
    if msm and scatter is not None:
        figure.colorbar(scatter, ax=legend_axis, orientation="horizontal", fraction=0.6,
                        label="log10 J of the evaluation")
    else:
        legend_axis.legend(handles=[
            Line2D([], [], marker="o", linestyle="none", color=POSTERIOR, alpha=0.5,
                   label="particle of the last generation (area: weight)"),
            Patch(color=POSTERIOR, alpha=0.55, label="marginal posterior"),
            Line2D([], [], color=PRIOR, linestyle="--", label="prior")],
            loc="center", ncol=1 if count < 3 else 3, frameon=False, fontsize=8)
    return save_figure(figure, path)


def plot_calibration(path, out, allow_incomplete=False):
    """Writes calibration_progress.png, calibration_marginals.png, calibration_pairs.png."""
    dataset = open_dataset(path, allow_incomplete)
    if dataset.attrs.get("kind") != "calibration":
        raise ValueError(f"{path}: a calibration plot needs a `reformsim calibrate` file, not "
                         f"a {dataset.attrs.get('kind')} file")
    folder = output_folder(out)
    written = [progress_figure(dataset, os.path.join(folder, "calibration_progress.png")),
               marginals_figure(dataset, os.path.join(folder, "calibration_marginals.png"))]
    if dataset.sizes["parameter"] > 1:
        written.append(pairs_figure(dataset, os.path.join(folder, "calibration_pairs.png")))
    return written


def main(arguments=None):
    parser = base_parser("calibration_plot", "Progress, marginal posteriors and pairs of a "
                                             "calibration.")
    options = parser.parse_args(arguments)
    return plot_calibration(options.file, options.out, options.allow_incomplete)


if __name__ == "__main__":
    sys.exit(run_command(main))
