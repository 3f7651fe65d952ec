"""The reported figures and targets tables: read with their numbers, refused when malformed."""

import pytest

import reformsim_analysis as analysis

REPORTED = "configs/targets/binhai_2018_reported.csv"


def test_reported_figures_read_with_before_and_after_as_numbers():
    table = analysis.read_reported_figures(REPORTED).set_index("key")
    assert table.loc["investment_approval_days", "before"] == 54
    assert table.loc["investment_approval_days", "after"] == 8
    assert table.loc["industrial_output_growth", "after"] == 0.125
    assert table["before"].isna().loc["industrial_output_growth"]


def test_reported_figures_missing_a_column_refused(tmp_path):
    path = tmp_path / "figures.csv"
    path.write_text("key,kind,after\nx,outcome,1\n")
    with pytest.raises(analysis.FileRefused, match="missing column.s. before, unit, period"):
        analysis.read_reported_figures(str(path))


def test_targets_table_fills_defaults_and_skips_comments(tmp_path):
    path = tmp_path / "targets.csv"
    path.write_text("# a comment line\nkey,value,uncertainty,use,statistic,metric\n"
                    "entries_2018,100,10,check,window_sum,entries\n")
    row = analysis.read_targets_table(str(path)).iloc[0]
    assert row["weight"] == 1.0 and row["window_days"] == 187 and row["use"] == "check"


def test_targets_table_with_a_bad_use_refused(tmp_path):
    path = tmp_path / "targets.csv"
    path.write_text("key,value,uncertainty,use,statistic,metric\nx,1,1,maybe,summary,total\n")
    with pytest.raises(analysis.FileRefused, match="target x: use 'maybe' is not fit or check"):
        analysis.read_targets_table(str(path))


def test_targets_table_with_a_non_number_refused(tmp_path):
    path = tmp_path / "targets.csv"
    path.write_text("key,value,uncertainty,use,statistic,metric\nx,many,1,fit,summary,total\n")
    with pytest.raises(analysis.FileRefused, match="column value, row 1: 'many' is not a number"):
        analysis.read_targets_table(str(path))
