"""Loaders on files the engine writes: run, compare and decompose, as xarray and tidy pandas."""

import h5py
import numpy as np

import reformsim_analysis as analysis

TIDY_RUN_COLUMNS = ["replication", "step", "year", "day_of_year", "burn_in", "sector",
                    "variable", "value", "unit", "long_name"]


def test_run_dataset_keeps_dimensions_units_and_long_names(run_file):
    dataset = analysis.open_dataset(run_file)
    assert dataset.attrs["kind"] == "run"
    assert dataset.sizes["replication"] == 3 and dataset.sizes["step"] == 40 + 2 * 250
    assert dataset["firms"].attrs["units"] == "firms"
    assert dataset["firms"].attrs["long_name"] == "firms in the market at the end of the day"
    assert list(dataset["sector_label"].values) == ["sector_0", "sector_1", "sector_2", "sector_3"]


def test_run_dataset_matches_the_arrays_in_the_file(run_file):
    dataset = analysis.open_dataset(run_file)
    with h5py.File(run_file, "r") as handle:
        np.testing.assert_array_equal(dataset["entries"].values, handle["entries"][...])


def test_tidy_frame_has_one_row_per_value_with_labels_and_units(run_file):
    table = analysis.open_dataframe(run_file)
    assert list(table.columns) == TIDY_RUN_COLUMNS
    steps, replications = 540, 3
    scalar_series, sectors, summaries = 6, 4, 2
    assert len(table) == replications * (steps * (scalar_series + sectors) + summaries)
    by_sector = table[table["variable"] == "firms_by_sector"]
    assert set(by_sector["sector"]) == {"sector_0", "sector_1", "sector_2", "sector_3"}
    assert set(table[table["variable"] == "exits"]["unit"]) == {"firms"}
    summary = table[table["variable"] == "total_entries"]
    assert len(summary) == 3 and summary["step"].isna().all()


def test_drop_burn_in_removes_the_flagged_steps_from_dataset_and_frame(run_file):
    dataset = analysis.open_dataset(run_file, burn_in=False)
    assert dataset.sizes["step"] == 500 and int(dataset["burn_in"].max()) == 0
    table = analysis.drop_burn_in(analysis.open_dataframe(run_file, variables=["firms"]))
    assert len(table) == 3 * 500 and table["year"].min() == 2017


def test_parameters_group_read_as_python_values(run_file):
    parameters = analysis.open_parameters(run_file)
    assert parameters["market.initial_firms"] == 200
    assert parameters["calendar.burn_in_days"] == 40
    assert parameters["reform.faster_licensing"] == 1


def test_run_targets_carry_reported_value_uncertainty_and_use(run_file):
    targets = analysis.open_targets(run_file).set_index("key")
    assert targets.loc["entry_growth", "reported_value"] == 0.4
    assert targets.loc["entry_growth", "uncertainty"] == 0.05
    assert targets.loc["mean_wait", "use"] == "check"
    assert len(targets.loc["total_entries", "simulated"]) == 3
    assert targets.loc["firms_end_of_september", "unit"] == "firms"


def test_compare_file_loads_with_scenarios_and_tidy_scenario_labels(compare_file):
    dataset = analysis.open_dataset(compare_file)
    assert dataset.attrs["kind"] == "compare"
    assert dataset.sizes["scenario"] == 2 and dataset.sizes["pair"] == 1
    table = analysis.open_dataframe(compare_file, variables=["entries"])
    assert set(table["scenario"]) == {"demo_market", "subsidy"}
    targets = analysis.open_targets(compare_file)
    assert set(targets["scenario"]) == {"demo_market", "subsidy"} and len(targets) == 10


def test_decompose_file_loads_measures_and_trend_and_full_targets(decompose_file):
    dataset = analysis.open_dataset(decompose_file)
    assert dataset.attrs["kind"] == "decompose"
    assert list(dataset["measure_label"].values) == ["faster_licensing", "entry_subsidy"]
    table = analysis.open_dataframe(decompose_file, variables=["shapley_value"])
    assert len(table) == 3 * 2 * 5 and set(table["measure"]) == {"faster_licensing", "entry_subsidy"}
    targets = analysis.open_targets(decompose_file)
    assert set(targets["scenario"]) == {"trend (no measures)", "full reform"}


def test_file_kind_is_run_without_a_kind_attribute_and_the_attribute_otherwise(
        run_file, compare_file, decompose_file):
    assert analysis.file_kind(run_file) == "run"
    assert analysis.file_kind(compare_file) == "compare"
    assert analysis.file_kind(decompose_file) == "decompose"
