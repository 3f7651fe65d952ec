"""The sweep, sensitivity and calibration commands and their reports: exit 0 and non-empty
PNGs of the size the plot style fixes; and the time-series layouts for many series (legend at
the right, small multiples). Each command runs once as a user runs it (a new process); the
other cases call the same main() in this process, which saves a Python start per case."""

import os

import numpy as np
import pytest
import xarray as xr

from conftest import run_analysis_command
from reformsim_analysis import calibration_plot, report, sensitivity_plot, sweep_plot, timeseries
from reformsim_analysis.command_line import run_command
from reformsim_analysis.plot_style import panel_grid_inches, pixel_size
from test_plot_commands import png_size, written_files


class InProcess:
    """What run_analysis_command returns, from main() called in this process."""

    def __init__(self, module, arguments, capsys):
        self.returncode = run_command(module.main, arguments)
        captured = capsys.readouterr()
        self.stdout, self.stderr = captured.out, captured.err


def test_sweep_surface_of_a_directory(sweep_directory, tmp_path):
    paths = written_files(run_analysis_command("sweep_plot", [
        sweep_directory, "--out", str(tmp_path), "--output", "firms:last_year",
        "--output", "total_entries"]))
    assert [os.path.basename(path) for path in paths] == ["sweep_firms_last_year.png",
                                                          "sweep_total_entries.png"]
    assert all(png_size(path) == pixel_size(sweep_plot.SURFACE_INCHES) for path in paths)


def test_sweep_plot_of_an_unknown_statistic_or_a_run_file_exits_2(sweep_file, run_file, tmp_path,
                                                                  capsys):
    result = InProcess(sweep_plot, [sweep_file, "--out", str(tmp_path), "--output", "profits"],
                       capsys)
    assert result.returncode == 2 and "no sweep metric named 'profits'" in result.stderr
    result = InProcess(sweep_plot, [run_file, "--out", str(tmp_path)], capsys)
    assert result.returncode == 2 and "a sweep plot needs a sweep" in result.stderr


def test_heat_map_of_a_grid_and_response_of_one_parameter(sweep_file, tmp_path):
    import reformsim_analysis as analysis
    dataset = analysis.open_dataset(sweep_file).isel(point=slice(0, 4))
    grid = dataset.assign_coords({"market.entry_value_days": ("point", [5.0, 60.0, 5.0, 60.0]),
                                  "market.productivity_volatility": ("point",
                                                                     [0.005, 0.005, 0.05, 0.05])})
    parameters = sweep_plot.swept_parameters(grid)
    assert sweep_plot.grid_levels(grid["market.entry_value_days"].values,
                                  grid["market.productivity_volatility"].values) is not None
    path = sweep_plot.draw_surface(grid, "total_entries", parameters, str(tmp_path / "grid.png"))
    assert png_size(path) == pixel_size(sweep_plot.SURFACE_INCHES)
    path = sweep_plot.draw_response(grid, "firms:last", parameters[0], str(tmp_path / "one.png"))
    assert os.path.getsize(path) > 10_000


@pytest.mark.parametrize("fixture", ["sobol_file", "morris_file"])
def test_sensitivity_plot_has_one_panel_per_statistic(fixture, request, tmp_path, capsys):
    import reformsim_analysis as analysis
    path = request.getfixturevalue(fixture)
    statistics = analysis.open_dataset(path).sizes["statistic"]
    arguments = [path, "--out", str(tmp_path)]
    paths = written_files(run_analysis_command("sensitivity_plot", arguments)
                          if fixture == "sobol_file" else
                          InProcess(sensitivity_plot, arguments, capsys))
    assert [os.path.basename(p) for p in paths] == ["sensitivity.png"]
    assert png_size(paths[0]) == pixel_size(panel_grid_inches(statistics,
                                                              sensitivity_plot.COLUMNS))


@pytest.mark.parametrize("fixture,progress", [
    ("abc_file", panel_grid_inches(3, 3, (3.0, 2.6))),
    ("msm_file", panel_grid_inches(1, 1, (6.4, 3.6)))])
def test_calibration_plot_writes_progress_marginals_and_pairs(fixture, progress, request,
                                                              tmp_path, capsys):
    path = request.getfixturevalue(fixture)
    arguments = [path, "--out", str(tmp_path)]
    paths = written_files(run_analysis_command("calibration_plot", arguments)
                          if fixture == "abc_file" else
                          InProcess(calibration_plot, arguments, capsys))
    assert [os.path.basename(p) for p in paths] == [
        "calibration_progress.png", "calibration_marginals.png", "calibration_pairs.png"]
    assert png_size(paths[0]) == pixel_size(progress)
    assert png_size(paths[1]) == pixel_size(panel_grid_inches(2, 2))
    assert png_size(paths[2]) == pixel_size(panel_grid_inches(4, 2,
                                                              calibration_plot.PAIR_PANEL_INCHES))


def test_calibration_plot_of_a_sweep_exits_2(sweep_file, tmp_path, capsys):
    result = InProcess(calibration_plot, [sweep_file, "--out", str(tmp_path)], capsys)
    assert result.returncode == 2 and "needs a `reformsim calibrate` file" in result.stderr


@pytest.mark.parametrize("fixture,figures,sections", [
    ("sweep_directory", 8, ["A parameter sweep", "## Design", "## Statistics over the design"]),
    ("sobol_file", 1, ["A sensitivity analysis", "## Sensitivity indices", "first-order S1"]),
    ("morris_file", 1, ["## Sensitivity indices", "| mu* |"]),
    ("abc_file", 4, ["A calibration", "## Calibration", "posterior predictive mean",
                     "| generation | tolerance |"]),
    ("msm_file", 4, ["## Calibration", "MSM estimate"])])
def test_report_of_new_kinds_writes_every_plot_and_a_summary(fixture, figures, sections, request,
                                                             tmp_path, capsys):
    path = request.getfixturevalue(fixture)
    result = InProcess(report, [path, "--out", str(tmp_path)], capsys)
    assert result.returncode == 0, result.stderr
    pngs = [p for p in result.stdout.split() if p.endswith(".png")]
    assert len(pngs) == figures and all(os.path.getsize(png) > 10_000 for png in pngs)
    text = open(tmp_path / "report.md", encoding="utf-8").read()
    assert text.startswith(f"# Report on {os.path.basename(path)}")
    for section in sections:
        assert section in text, section
    for png in pngs:
        assert f"]({os.path.basename(png)})" in text


def synthetic_run(labels):
    """A run dataset of one metric with a labelled dimension, 3 replications, 60 steps."""
    steps = 60
    values = np.random.default_rng(1).poisson(3, (3, steps, len(labels))).astype(float)
    return xr.Dataset(
        {"staff_moved": (("replication", "step", "group"), values,
                         {"units": "persons", "long_name": "staff moved during the day"})},
        coords={"step": np.arange(steps), "year": ("step", np.full(steps, 2017)),
                "day_of_year": ("step", np.arange(steps)),
                "burn_in": ("step", np.zeros(steps, dtype=int)),
                "group_label": ("group", labels)})


@pytest.mark.parametrize("labels,mode", [
    ([f"unit_{index}" for index in range(4)], "beneath"),
    ([f"unit_{index}" for index in range(9)], "right"),
    ([f"{level}/{kind}" for level in ("head", "deputy", "middle", "staff", "clerk")
      for kind in ("civil_servant", "public_institution", "contract")], "panels"),
    ([f"department_{index}" for index in range(13)], "panels")])
def test_many_series_get_a_legend_at_the_right_or_small_multiples(labels, mode, tmp_path):
    dataset = synthetic_run(labels)
    parts = [(label,) for label in labels]
    layout, panels = timeseries.series_layout(parts)
    assert layout == mode
    if labels[0].count("/"):
        assert [title for title, _ in panels] == ["head", "deputy", "middle", "staff", "clerk"]
    path = timeseries.plot_metric(dataset, "staff_moved", {"run": {}}, str(tmp_path / "m.png"))
    assert png_size(path) == pixel_size(timeseries.timeseries_inches(parts))


def test_flows_are_smoothed_and_shown_per_working_day_by_default():
    variable = synthetic_run(["a"])["staff_moved"]
    assert timeseries.rolling_days_for(variable, None) == 20
    assert timeseries.rolling_days_for(variable, 1) == 1
    assert timeseries.display_units(variable) == "persons per working day"
