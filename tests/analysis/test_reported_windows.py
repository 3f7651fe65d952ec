"""The January-September (first 187 working days) growth against a hand computation on the
raw arrays, and the Python target statistics against the engine's own targets group."""

import h5py
import numpy as np
import pytest

import reformsim_analysis as analysis
from reformsim_analysis.target_evaluation import evaluate_targets

BURN_IN, DAYS = 40, 250  # the tiny config of conftest.py


def raw(run_file, name):
    with h5py.File(run_file, "r") as handle:
        return handle[name][...]


def window(year):
    """Steps of the first 187 working days of year (2017 is the first reported year)."""
    first = BURN_IN + (year - 2017) * DAYS
    return slice(first, first + 187)


def test_flow_growth_is_the_ratio_of_window_sums_minus_one(run_file):
    entries = raw(run_file, "entries")
    expected = entries[:, window(2018)].sum(axis=1) / entries[:, window(2017)].sum(axis=1) - 1
    growth = analysis.window_growth(analysis.open_dataset(run_file), "entries", [(2018, 2017)])
    np.testing.assert_allclose(growth.sel(year_pair="2018 vs 2017").values, expected, rtol=1e-12)


def test_stock_growth_compares_the_last_days_of_the_windows(run_file):
    firms = raw(run_file, "firms_by_sector")[:, :, 2]
    expected = firms[:, BURN_IN + DAYS + 186] / firms[:, BURN_IN + 186] - 1
    growth = analysis.window_growth(analysis.open_dataset(run_file), "firms_by_sector",
                                    [(2018, 2017)], kind="stock", label="sector_2")
    np.testing.assert_allclose(growth.values[0], expected, rtol=1e-12)


def test_growth_keeps_the_metric_dimension_and_names_the_year_pairs(run_file):
    growth = analysis.window_growth(analysis.open_dataset(run_file), "firms_by_sector",
                                    [(2018, 2017)], kind="stock")
    assert growth.dims == ("year_pair", "replication", "sector")
    assert int(growth["year"][0]) == 2018 and int(growth["base_year"][0]) == 2017


def test_growth_of_a_zero_base_is_undefined_not_infinite(run_file):
    dataset = analysis.open_dataset(run_file)
    dataset["entries"][:] = 0.0
    assert np.isnan(analysis.window_growth(dataset, "entries", [(2018, 2017)]).values).all()


def test_window_not_fully_simulated_is_refused(run_file):
    with pytest.raises(ValueError, match="window of 187 working days of 2019 is not fully simulated"):
        analysis.window_growth(analysis.open_dataset(run_file), "entries", [(2019, 2018)])


def test_python_target_statistics_equal_the_engines_targets_group(run_file):
    table = analysis.read_targets_table("configs/targets/demo_market_targets.csv")
    python = evaluate_targets(analysis.open_dataset(run_file), table).set_index("key")
    engine = analysis.open_targets(run_file).set_index("key")
    for key in table["key"]:
        np.testing.assert_allclose(python.loc[key, "simulated"], engine.loc[key, "simulated"],
                                   rtol=1e-12, err_msg=key)
