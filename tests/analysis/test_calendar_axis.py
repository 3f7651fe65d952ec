"""Working days as dates and reform days from parameters."""

import numpy as np

import reformsim_analysis as analysis
from reformsim_analysis.calendar_axis import reform_dates, reform_days, working_day_dates


def test_working_day_zero_is_new_year_and_day_187_of_250_ends_september():
    dates = working_day_dates([2018, 2018, 2018], [0, 186, 187], 250)
    assert str(dates[0]) == "2018-01-01"
    assert str(dates[1]).startswith("2018-09-") and str(dates[2]) == "2018-10-01"


def test_each_switched_on_measure_gets_its_own_day():
    parameters = {"reform.merge_departments": 1, "reform.merge_departments_day": 250,
                  "reform.pre_review": 1, "reform.pre_review_day": 300,
                  "reform.pre_review_phase_in_days": 20,
                  "reform.delegation": 0, "reform.delegation_day": 100}
    assert reform_days(parameters) == {250: ["merge_departments"], 300: ["pre_review"]}


def test_a_shared_reform_day_without_switches_is_named_reform():
    assert reform_days({"market.reform_day": 250}) == {250: ["reform"]}


def test_demo_run_reform_falls_on_the_first_day_of_2018(run_file):
    dataset = analysis.open_dataset(run_file)
    events = reform_dates(dataset, analysis.open_parameters(run_file))
    assert [(str(date), measures) for date, measures in events] == [
        ("2018-01-01", ["faster_licensing"])]
    assert np.all(np.diff(working_day_dates(dataset["year"].values, dataset["day_of_year"].values,
                                            250).astype(np.int64)) >= 1)
