"""Simulated working days as calendar dates, and the reform days of a scenario.

A step is a working day (MODEL.md section 1: 250 a year by default). For plotting, working
day d of year Y is placed at the calendar date Y-01-01 + d / days_per_year of the year, so
the reported window (the first 187 of 250 working days) ends at the end of September.
Reform switch-on days count working days from the first day of calendar.first_year
(models/README.md), i.e. step = burn_in_days + day.
"""

import numpy as np

MEASURE_SUFFIXES = ("_day", "_phase_in_days")


def days_per_year(dataset, parameters):
    """Working days per year: the parameter if known, else the largest day_of_year + 1."""
    if "calendar.days_per_year" in parameters:
        return int(parameters["calendar.days_per_year"])
    return int(dataset["day_of_year"].values.max()) + 1


def burn_in_days(dataset, parameters):
    """Burn-in steps: the parameter if known, else the steps flagged burn_in."""
    if "calendar.burn_in_days" in parameters:
        return int(parameters["calendar.burn_in_days"])
    return int(np.count_nonzero(dataset["burn_in"].values))


def working_day_dates(years, days_of_year, working_days_per_year):
    """numpy datetime64[D] dates of (year, working day) pairs, spread evenly over the year."""
    years = np.asarray(years, dtype=np.int64)
    starts = (years - 1970).astype("datetime64[Y]").astype("datetime64[D]")
    lengths = ((years + 1 - 1970).astype("datetime64[Y]").astype("datetime64[D]") - starts)
    offsets = np.floor(np.asarray(days_of_year) / working_days_per_year
                       * lengths.astype(np.int64)).astype(np.int64)
    return starts + offsets.astype("timedelta64[D]")


def step_dates(dataset, parameters):
    """The calendar date of every step of dataset."""
    return working_day_dates(dataset["year"].values, dataset["day_of_year"].values,
                             days_per_year(dataset, parameters))


def measures_switched_on(parameters):
    """Names of the reform measures switched on (reform.<measure> = 1)."""
    names = []
    for key, value in parameters.items():
        if not key.startswith("reform.") or key.endswith(MEASURE_SUFFIXES):
            continue
        if isinstance(value, (int, float)) and value:
            names.append(key[len("reform."):])
    return names


def reform_days(parameters):
    """{reported working day: [measures starting that day]} for the measures switched on.

    A measure's day is reform.<measure>_day; models with one shared reform day (the demo
    model's market.reform_day) give it to every measure without its own day, and name it
    "reform" when no measure switch exists at all."""
    shared_day = parameters.get("market.reform_day")
    measures = measures_switched_on(parameters)
    has_switches = any(key.startswith("reform.") for key in parameters)
    days = {}
    for measure in measures:
        day = parameters.get(f"reform.{measure}_day", shared_day)
        if day is not None:
            days.setdefault(int(day), []).append(measure)
    if not has_switches and shared_day is not None:
        days[int(shared_day)] = ["reform"]
    return days


def reform_dates(dataset, parameters):
    """[(date, [measures])] for reform days inside the simulated steps, in time order."""
    dates = step_dates(dataset, parameters)
    first_step = int(dataset["step"].values[0])
    offset = burn_in_days(dataset, parameters)
    events = []
    for day, measures in sorted(reform_days(parameters).items()):
        index = offset + day - first_step
        if 0 <= index < len(dates):
            events.append((dates[index], measures))
    return events
