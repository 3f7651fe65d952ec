"""What kind of quantity a metric is, read from its long name and unit, since the files do
not say: a flow (counted during each day: entries, exits, hirings), a log quantity (a
difference is meaningful, a growth rate is not) or a stock (everything else).

A flow's daily count is a rate per working day, so its unit is shown as "firms per working
day", and a daily integer count is noisy enough that plots smooth it by default.
"""

FLOW_PHRASES = ("during the day", "the day's", "per day")
FLOW_SUFFIXES = ("_today",)
DEFAULT_FLOW_ROLLING_DAYS = 20  # about one calendar month of working days


def is_flow(variable):
    """True for a metric counted over each day (long name "... during the day")."""
    long_name = str(variable.attrs.get("long_name", "")).lower()
    units = str(variable.attrs.get("units", "")).lower()
    if "per working day" in units or "per day" in units:
        return True
    return any(phrase in long_name for phrase in FLOW_PHRASES) or \
        str(variable.name).endswith(FLOW_SUFFIXES)


def is_log_metric(variable):
    """True for a metric in log units (mean log productivity, a log shock)."""
    units = str(variable.attrs.get("units", "")).lower()
    return units.startswith("log") or "_log_" in f"_{variable.name}_"


def display_units(variable):
    """The unit to print on an axis: a flow's count unit becomes "... per working day"."""
    units = str(variable.attrs.get("units", ""))
    if is_flow(variable) and units and units != "1" and "per" not in units.split():
        return f"{units} per working day"
    return units
