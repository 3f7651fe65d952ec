"""Reading the two CSV tables analyses compare simulations with:
- the reported figures (configs/targets/binhai_2018_reported.csv: key, kind, before, after,
  unit, period, note, source), which document what was published;
- a targets file (configs/targets/README.md: key, value, uncertainty, weight, use, statistic,
  metric, weight_metric, year, base_year, window_days, unit, source, note), the schema the
  engine, the plots and calibration share.
"""

import pandas as pd

from reformsim_analysis.errors import FileRefused

REPORTED_COLUMNS = ("key", "kind", "before", "after", "unit", "period", "note", "source")
TARGET_REQUIRED_COLUMNS = ("key", "value", "uncertainty", "use", "statistic", "metric")
TARGET_DEFAULTS = {"weight": 1.0, "weight_metric": "", "year": 0, "base_year": 0,
                   "window_days": 187, "unit": "", "source": "", "note": ""}


def read_csv_table(path, required):
    """A CSV (with `#` comment lines allowed before the header) checked for its columns."""
    try:
        table = pd.read_csv(path, comment="#", dtype=str, keep_default_na=False)
    except (OSError, pd.errors.ParserError, UnicodeDecodeError) as error:
        raise FileRefused(path, f"cannot be read as CSV ({error})") from None
    missing = [column for column in required if column not in table.columns]
    if missing:
        raise FileRefused(path, "missing column(s) " + ", ".join(missing)
                                + "; expected " + ", ".join(required))
    return table


def numbers(table, column, path):
    """A column as floats (empty cells NaN); FileRefused naming the first bad cell."""
    converted = pd.to_numeric(table[column].replace("", None), errors="coerce")
    bad = table[column][converted.isna() & (table[column] != "")]
    if not bad.empty:
        raise FileRefused(path, f"column {column}, row {bad.index[0] + 1}: {bad.iloc[0]!r} is "
                                "not a number")
    return converted.astype(float)


def read_reported_figures(path):
    """The reported figures table, before and after as numbers (NaN where not reported)."""
    table = read_csv_table(path, REPORTED_COLUMNS)
    for column in ("before", "after"):
        table[column] = numbers(table, column, path)
    return table


def read_targets_table(path):
    """A targets file with defaults filled in, value/uncertainty/weight as numbers and year,
    base_year, window_days as integers; FileRefused on a bad `use` or number."""
    table = read_csv_table(path, TARGET_REQUIRED_COLUMNS)
    for column, default in TARGET_DEFAULTS.items():
        if column not in table.columns:
            table[column] = str(default)
        table[column] = table[column].replace("", str(default))
    for column in ("value", "uncertainty", "weight"):
        table[column] = numbers(table, column, path)
    for column in ("year", "base_year", "window_days"):
        table[column] = numbers(table, column, path).astype(int)
    bad_use = table[~table["use"].isin(["fit", "check"])]
    if not bad_use.empty:
        raise FileRefused(path, f"target {bad_use['key'].iloc[0]}: use {bad_use['use'].iloc[0]!r}"
                                " is not fit or check")
    return table
