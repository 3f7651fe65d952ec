"""The report of a file: every plot that applies to its kind, and report.md beside them
(what the file is, its provenance, key metrics, targets, differences or Shapley values).

    python3 -m reformsim_analysis.report results/demo.h5 --out results/demo_report
"""

import os
import sys

from reformsim_analysis.command_line import base_parser, output_folder, run_command
from reformsim_analysis.comparison_plot import plot_comparison
from reformsim_analysis.decomposition_plot import plot_decomposition
from reformsim_analysis.loading import open_dataset, open_targets
from reformsim_analysis.calibration_plot import plot_calibration
from reformsim_analysis.report_tables import (calibration_markdown, differences_table,
                                              key_metrics_table, provenance_table,
                                              sensitivity_markdown, shapley_table,
                                              sweep_design_table, sweep_statistics_table,
                                              targets_table)
from reformsim_analysis.sensitivity_plot import plot_sensitivity
from reformsim_analysis.sweep_files import SWEEP_KINDS
from reformsim_analysis.sweep_plot import plot_sweep
from reformsim_analysis.targets_plot import plot_targets
from reformsim_analysis.timeseries import plot_timeseries

KIND_TITLES = {"run": "simulation run (`reformsim run`)",
               "compare": "scenario comparison (`reformsim compare`)",
               "decompose": "effect decomposition (`reformsim decompose`)",
               "sweep": "parameter sweep (`reformsim sweep`, `reformsim merge`)",
               "sweep_chunk": "chunk of a parameter sweep (`reformsim sweep`)",
               "sensitivity": "sensitivity analysis (`reformsim sensitivity`)",
               "calibration": "calibration (`reformsim calibrate`)"}


def with_article(text):
    """"A ..." or "An ..." before text, as a sentence starts."""
    return ("An " if text[:1].lower() in "aeiou" else "A ") + text


def plots_for(path, out, dataset, has_targets, allow_incomplete, metrics=None):
    """Every plot that applies to the file's kind (time series: metrics, default all); returns
    the PNG paths."""
    kind = dataset.attrs["kind"]
    written = []
    if kind in ("run", "compare"):
        written += plot_timeseries(path, out, metrics, allow_incomplete=allow_incomplete)
    if has_targets:
        written += plot_targets(path, out, allow_incomplete=allow_incomplete)
    if kind == "compare" and "pair" in dataset.dims:
        written += plot_comparison(path, out, allow_incomplete)
    if kind == "decompose":
        written += plot_decomposition(path, out, allow_incomplete)
    if kind in SWEEP_KINDS:
        written += plot_sweep(path, out, allow_incomplete=allow_incomplete)
    if kind == "sensitivity":
        written += plot_sensitivity(path, out, allow_incomplete)
    if kind == "calibration":
        written += plot_calibration(path, out, allow_incomplete)
    return written


def summary_sections(dataset, targets):
    """The Markdown sections after the provenance, by kind."""
    kind = dataset.attrs["kind"]
    lines = []
    if kind == "run":
        lines += ["", "## Key metrics over the reported windows",
                  "", "January-September = the first 187 working days of each year; median "
                  "[5%, 95%] over replications.", "", *key_metrics_table(dataset)]
    if kind in SWEEP_KINDS:
        lines += ["", "## Design", "", *sweep_design_table(dataset),
                  "", "## Statistics over the design", "",
                  "Each statistic as `reformsim sensitivity` computes it (series: mean over the "
                  "last simulated year), averaged over replications, then its range over the "
                  "design points.", "", *sweep_statistics_table(dataset)]
    if kind == "sensitivity":
        lines += ["", "## Sensitivity indices", "", *sensitivity_markdown(dataset)]
    if kind == "calibration":
        lines += ["", "## Calibration", "", *calibration_markdown(dataset)]
    if not targets.empty and kind != "calibration":  # a calibration's fit table says it all
        lines += ["", "## Targets: reported against simulated", "", *targets_table(targets)]
    if kind == "compare" and "pair" in dataset.dims:
        lines += ["", "## Differences between scenarios (common random numbers)", "",
                  *differences_table(dataset)]
    if kind == "decompose":
        lines += ["", "## Effect by measure (Shapley values) and trend, 95% intervals", "",
                  *shapley_table(dataset)]
    return lines


def write_report(path, out, allow_incomplete=False, metrics=None):
    """Writes the plots and report.md into out; returns their paths. metrics: the time series
    to plot (default: every one)."""
    dataset = open_dataset(path, allow_incomplete)
    targets = open_targets(path, allow_incomplete)
    figures = plots_for(path, out, dataset, not targets.empty, allow_incomplete, metrics)
    kind = dataset.attrs["kind"]
    lines = [f"# Report on {os.path.basename(path)}", "",
             with_article(KIND_TITLES.get(kind, kind)) + " file"
             + (f" of the model `{dataset.attrs['model']}`" if "model" in dataset.attrs else "")
             + f"; dimensions: " + ", ".join(f"{name} {size}" for name, size in dataset.sizes.items())
             + ".", "", "## Provenance", "", *provenance_table(dataset, path)]
    lines += summary_sections(dataset, targets)
    lines += ["", "## Figures", ""] + [f"![{os.path.basename(figure)}]({os.path.basename(figure)})"
                                       for figure in figures]
    report_path = os.path.join(output_folder(out), "report.md")
    with open(report_path, "w", encoding="utf-8") as report:
        report.write("\n".join(lines) + "\n")
    return figures + [report_path]


def main(arguments=None):
    parser = base_parser("report", "All plots for a file and a Markdown summary beside them.")
    parser.add_argument("--metric", action="append", metavar="NAME",
                        help="plot only this time series (repeatable; default: every one)")
    options = parser.parse_args(arguments)
    return write_report(options.file, options.out, options.allow_incomplete, options.metric)


if __name__ == "__main__":
    sys.exit(run_command(main))
