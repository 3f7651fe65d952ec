"""Loaders of sweeps (merged file, chunk file, directory), sensitivity and calibration files,
on files the engine writes, and the refusals of incomplete or malformed ones."""

import os
import shutil

import h5py
import numpy as np
import pytest

import reformsim_analysis as analysis

PARAMETERS = ["market.entry_value_days", "market.productivity_volatility"]


def test_merged_sweep_keeps_points_parameters_units_and_the_arrays(sweep_file):
    dataset = analysis.open_dataset(sweep_file)
    assert dataset.attrs["kind"] == "sweep"
    assert dict(dataset.sizes) == {"point": 16, "parameter": 2, "replication": 2, "step": 540,
                                   "sector": 4}
    assert list(dataset["parameter_label"].values) == PARAMETERS
    assert dataset["market.entry_value_days"].attrs["units"] == "working days"
    assert dataset["firms"].attrs["long_name"] == "firms in the market at the end of the day"
    with h5py.File(sweep_file, "r") as handle:
        np.testing.assert_array_equal(dataset["firms_by_sector"].values, handle["firms_by_sector"][...])
        np.testing.assert_array_equal(dataset["market.entry_value_days"].values,
                                      handle["market.entry_value_days"][...])


def test_sweep_directory_reads_the_same_as_the_merged_file(sweep_directory, sweep_file):
    directory = analysis.open_dataset(sweep_directory)
    merged = analysis.open_dataset(sweep_file)
    assert directory.attrs["kind"] == "sweep" and directory.attrs["complete"] == 1
    for name in ("firms", "total_entries", "unit_value", "market.productivity_volatility"):
        np.testing.assert_array_equal(directory[name].values, merged[name].values, err_msg=name)
    assert directory["entries"].attrs["units"] == "firms"


def test_a_chunk_file_reads_its_own_points(sweep_directory):
    chunk = analysis.open_dataset(os.path.join(sweep_directory, "chunk-000001.h5"))
    assert chunk.attrs["kind"] == "sweep_chunk"
    assert list(chunk["point"].values) == [4, 5, 6, 7] and chunk.sizes["replication"] == 2


def test_tidy_sweep_frame_has_the_swept_parameters_as_columns(sweep_file):
    table = analysis.open_dataframe(sweep_file, variables=["total_entries"])
    assert list(table.columns) == ["point", *PARAMETERS, "replication", "step", "variable",
                                   "value", "unit", "long_name"]
    assert len(table) == 16 * 2 and set(table["unit"]) == {"firms"} and table["step"].isna().all()
    first = table[table["point"] == 0].iloc[0]
    assert first["market.entry_value_days"] == analysis.open_dataset(sweep_file)[
        "market.entry_value_days"].values[0]


def test_sweep_parameters_are_the_base_config(sweep_directory):
    parameters = analysis.open_parameters(sweep_directory)
    assert parameters["market.initial_firms"] == 200 and parameters["calendar.burn_in_days"] == 40


@pytest.fixture
def sweep_copy(sweep_directory, tmp_path):
    path = str(tmp_path / "sweep")
    shutil.copytree(sweep_directory, path)
    return path


def test_sweep_directory_with_a_missing_chunk_refused_naming_the_points(sweep_copy):
    os.remove(os.path.join(sweep_copy, "chunk-000001.h5"))
    with pytest.raises(analysis.FileRefused) as refused:
        analysis.open_dataset(sweep_copy)
    assert str(refused.value).startswith(
        f"{sweep_copy}: incomplete sweep directory: 4 of 16 design points have no complete chunk "
        "file (points 4-7); rerun the same `reformsim sweep` command")
    dataset = analysis.open_dataset(sweep_copy, allow_incomplete=True)
    assert dataset.sizes["point"] == 12 and dataset.attrs["complete"] == 0


def test_chunk_of_another_sweep_refused(sweep_copy):
    chunk = os.path.join(sweep_copy, "chunk-000002.h5")
    with h5py.File(chunk, "r+") as handle:
        handle.attrs["sweep_definition"] = "model = demo_market\nsamples = 8\n"
    with pytest.raises(analysis.FileRefused, match="chunk-000002.h5: belongs to another sweep"):
        analysis.open_dataset(sweep_copy)


def test_incomplete_chunk_refused_unless_allowed(sweep_copy):
    chunk = os.path.join(sweep_copy, "chunk-000003.h5")
    with h5py.File(chunk, "r+") as handle:
        del handle.attrs["complete"]
    with pytest.raises(analysis.FileRefused, match="chunk-000003.h5: incomplete file"):
        analysis.open_dataset(sweep_copy)
    assert analysis.open_dataset(sweep_copy, allow_incomplete=True).sizes["point"] == 16


def test_a_folder_that_is_no_sweep_refused(tmp_path):
    with pytest.raises(analysis.FileRefused, match="is a directory but not a sweep directory "
                                                   r"\(no design.h5\)"):
        analysis.open_dataset(str(tmp_path))


def test_sobol_file_loads_indices_over_statistic_and_parameter(sobol_file):
    dataset = analysis.open_dataset(sobol_file)
    assert dataset.attrs["kind"] == "sensitivity" and dataset.attrs["method"] == "sobol"
    assert list(dataset["parameter_label"].values) == PARAMETERS
    assert "firms:last_year" in list(dataset["statistic_label"].values)
    assert dataset["first_order"].attrs["long_name"].startswith("first-order Sobol index")
    table = analysis.open_dataframe(sobol_file, variables=["first_order", "total_order"])
    assert list(table.columns) == ["statistic", "parameter", "variable", "value", "unit",
                                   "long_name"]
    assert len(table) == 2 * 2 * dataset.sizes["statistic"]


def test_morris_file_loads_mu_star_and_sigma(morris_file):
    from reformsim_analysis.sensitivity_file import sensitivity_table, statistic_units
    dataset = analysis.open_dataset(morris_file)
    assert dataset.attrs["method"] == "morris"
    table = sensitivity_table(dataset)
    assert {"mu", "mu_star", "mu_star_lower", "mu_star_upper", "sigma"} <= set(table.columns)
    assert (table["mu_star"].dropna() >= 0).all()
    assert statistic_units(dataset, morris_file)["total_entries"] == "firms"


def test_sensitivity_file_without_its_indices_refused(sobol_file, tmp_path):
    path = str(tmp_path / "broken.h5")
    shutil.copy(sobol_file, path)
    with h5py.File(path, "r+") as handle:
        del handle["first_order"]
    with pytest.raises(analysis.FileRefused, match="not a well-formed reformsim sensitivity file "
                                                   r"\(sobol\): missing variable\(s\) first_order"):
        analysis.open_dataset(path)


def test_abc_file_loads_generations_particles_and_targets(abc_file):
    from reformsim_analysis.calibration_file import generation_table, posterior_particles
    dataset = analysis.open_dataset(abc_file)
    assert dataset.attrs["kind"] == "calibration" and dataset.attrs["method"] == "abc-smc"
    assert dataset.sizes["generation"] == 2 and dataset.sizes["particle"] == 8
    generations = generation_table(dataset)
    assert list(generations["generation"]) == [0, 1]
    assert (generations["tolerance"].diff().dropna() <= 0).all()
    particles = posterior_particles(dataset)
    assert list(particles.columns) == PARAMETERS + ["weight", "distance"]
    assert particles["weight"].sum() == pytest.approx(1.0)
    targets = analysis.open_targets(abc_file).set_index("key")
    assert targets.loc["entry_growth", "uncertainty"] == 0.05
    assert targets.loc["mean_wait", "use"] == "check"
    assert len(targets.loc["total_entries", "simulated"]) == 8


def test_msm_file_loads_evaluations_and_the_best_point(msm_file):
    dataset = analysis.open_dataset(msm_file)
    assert dataset.attrs["method"] == "msm" and dataset.sizes["replication"] == 2
    best = int(dataset.attrs["best_evaluation"])
    np.testing.assert_array_equal(dataset["best_theta"].values,
                                  dataset["evaluation_theta"].values[best])
    targets = analysis.open_targets(msm_file)
    assert set(targets["scenario"]) == {"replications at the MSM point"}
    assert all(len(values) == 2 for values in targets["simulated"])
    table = analysis.open_dataframe(msm_file, variables=["evaluation_distance"])
    assert len(table) == dataset.sizes["evaluation"]


def test_calibration_checkpoint_refused_unless_allowed(abc_file, tmp_path):
    path = str(tmp_path / "checkpoint.h5")
    shutil.copy(abc_file, path)
    with h5py.File(path, "r+") as handle:
        del handle.attrs["complete"]
    with pytest.raises(analysis.FileRefused, match="checkpoint.h5: incomplete file"):
        analysis.open_dataset(path)
    assert analysis.open_dataset(path, allow_incomplete=True).sizes["generation"] == 2


def test_calibration_file_of_an_unknown_method_refused(msm_file, tmp_path):
    path = str(tmp_path / "odd.h5")
    shutil.copy(msm_file, path)
    with h5py.File(path, "r+") as handle:
        handle.attrs["method"] = "grid-search"
    with pytest.raises(analysis.FileRefused, match="not a well-formed reformsim calibration file: "
                                                   "method 'grid-search' is neither"):
        analysis.open_dataset(path)


def test_compare_targets_carry_the_files_uncertainty(compare_file):
    targets = analysis.open_targets(compare_file).set_index(["key", "scenario"])
    assert targets.loc[("entry_growth", "subsidy"), "uncertainty"] == 0.05
    assert np.isfinite(targets["uncertainty"]).all()
