"""Every command, run as a user runs it, exits 0 and writes non-empty PNGs of the size the
plot style fixes (no tight cropping that would cut labels)."""

import os
import struct
import subprocess

import pytest

from conftest import ANALYSIS, run_analysis_command
from reformsim_analysis.plot_style import SINGLE_FIGURE_INCHES, panel_grid_inches, pixel_size


def png_size(path):
    """(width, height) from a PNG's IHDR chunk; fails if the file is not a PNG."""
    with open(path, "rb") as image:
        header = image.read(24)
    assert header[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    return struct.unpack(">II", header[16:24])


def written_files(result):
    assert result.returncode == 0, result.stderr
    paths = result.stdout.split()
    for path in paths:
        assert os.path.getsize(path) > 10_000, f"{path} is nearly empty"
    return paths


def test_timeseries_writes_one_figure_per_series_metric(run_file, tmp_path):
    paths = written_files(run_analysis_command("timeseries", [run_file, "--out", str(tmp_path)]))
    names = sorted(os.path.basename(path) for path in paths)
    assert names == sorted(f"timeseries_{name}.png" for name in (
        "firms", "entries", "exits", "output", "mean_log_productivity", "approval_days",
        "firms_by_sector"))
    assert all(png_size(path) == pixel_size(SINGLE_FIGURE_INCHES) for path in paths)


def test_timeseries_of_chosen_metrics_without_burn_in_and_minmax_band(run_file, tmp_path):
    paths = written_files(run_analysis_command("timeseries", [
        run_file, "--out", str(tmp_path), "--metric", "entries", "--band", "minmax",
        "--drop-burn-in", "--rolling-days", "20"]))
    assert [os.path.basename(path) for path in paths] == ["timeseries_entries.png"]


def test_timeseries_of_an_unknown_metric_exits_2_naming_it(run_file, tmp_path):
    result = run_analysis_command("timeseries", [run_file, "--out", str(tmp_path),
                                                 "--metric", "profits"])
    assert result.returncode == 2 and "no time series named profits" in result.stderr


def test_timeseries_of_a_compare_file_draws_each_scenario(compare_file, tmp_path):
    paths = written_files(run_analysis_command("timeseries", [compare_file, "--out",
                                                              str(tmp_path), "--metric", "firms"]))
    assert png_size(paths[0]) == pixel_size(SINGLE_FIGURE_INCHES)


@pytest.mark.parametrize("fixture", ["run_file", "compare_file", "decompose_file"])
def test_targets_plot_has_one_panel_per_target(fixture, request, tmp_path):
    path = request.getfixturevalue(fixture)
    paths = written_files(run_analysis_command("targets_plot", [path, "--out", str(tmp_path)]))
    assert png_size(paths[0]) == pixel_size(panel_grid_inches(5, 3))


def test_targets_plot_evaluates_a_targets_file_on_a_run(run_file, tmp_path):
    paths = written_files(run_analysis_command("targets_plot", [
        run_file, "--out", str(tmp_path), "--targets", "configs/targets/demo_market_targets.csv"]))
    assert png_size(paths[0]) == pixel_size(panel_grid_inches(5, 3))


def test_comparison_plot_of_a_compare_file(compare_file, tmp_path):
    paths = written_files(run_analysis_command("comparison_plot", [compare_file, "--out",
                                                                   str(tmp_path)]))
    assert png_size(paths[0]) == pixel_size(panel_grid_inches(5, 3))


def test_decomposition_plot_of_a_decompose_file(decompose_file, tmp_path):
    paths = written_files(run_analysis_command("decomposition_plot", [decompose_file, "--out",
                                                                      str(tmp_path)]))
    assert png_size(paths[0]) == pixel_size(panel_grid_inches(5, 2))


def test_decomposition_plot_of_a_run_file_exits_2(run_file, tmp_path):
    result = run_analysis_command("decomposition_plot", [run_file, "--out", str(tmp_path)])
    assert result.returncode == 2 and "needs a `reformsim decompose` file" in result.stderr


@pytest.mark.parametrize("fixture,figures,sections", [
    ("run_file", 8, ["## Provenance", "## Key metrics over the reported windows",
                     "## Targets: reported against simulated"]),
    ("compare_file", 8, ["## Differences between scenarios"]),
    ("decompose_file", 2, ["## Effect by measure (Shapley values) and trend"])])
def test_report_writes_every_plot_and_a_markdown_summary(fixture, figures, sections, request,
                                                         tmp_path):
    path = request.getfixturevalue(fixture)
    paths = run_analysis_command("report", [path, "--out", str(tmp_path)]).stdout.split()
    assert len([p for p in paths if p.endswith(".png")]) == figures
    report = open(tmp_path / "report.md", encoding="utf-8").read()
    assert report.startswith(f"# Report on {os.path.basename(path)}")
    for section in sections:
        assert section in report
    for png in (p for p in paths if p.endswith(".png")):
        assert f"]({os.path.basename(png)})" in report and png_size(png)[0] > 0


def test_report_with_metric_plots_only_the_named_time_series(run_file, tmp_path):
    paths = run_analysis_command("report", [run_file, "--out", str(tmp_path),
                                            "--metric", "firms"]).stdout.split()
    series = [os.path.basename(p) for p in paths if os.path.basename(p).startswith("timeseries_")]
    assert series == ["timeseries_firms.png"]
    assert "](timeseries_firms.png)" in open(tmp_path / "report.md", encoding="utf-8").read()


def test_wrapper_runs_a_command_without_pythonpath(run_file, tmp_path):
    result = subprocess.run([os.path.join(ANALYSIS, "reformsim-plot"), "targets", run_file,
                             "--out", str(tmp_path)], capture_output=True, text=True,
                            env={key: value for key, value in os.environ.items()
                                 if key != "PYTHONPATH"})
    assert written_files(result) == [str(tmp_path / "targets.png")]


def test_band_statistics_leave_a_gap_without_warning_where_no_replication_has_a_value():
    import warnings

    import numpy as np

    from reformsim_analysis.timeseries import band_statistics

    data = np.array([[1.0, np.nan, 3.0], [2.0, np.nan, np.nan], [3.0, np.nan, 5.0]])
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # numpy's all-NaN RuntimeWarning would fail the test
        low, high, median = band_statistics(data, 0, 100)
    np.testing.assert_array_equal(low, [1.0, np.nan, 3.0])
    np.testing.assert_array_equal(high, [3.0, np.nan, 5.0])
    np.testing.assert_array_equal(median, [2.0, np.nan, 4.0])
