"""Loading the files of `reformsim compare` (sim/scenarios/comparison_file.h) and `reformsim
decompose` (sim/scenarios/decomposition_file.h), and their targets in the same table form as
a run file's, so the target plots read every kind alike.
"""

import configparser

import numpy as np
import pandas as pd

from reformsim_analysis.hdf5_reading import group_attributes, load_dataset, require_dimensions

COMPARE_DIMENSIONS = ("scenario", "replication", "target")
DECOMPOSE_DIMENSIONS = ("measure", "replication", "target")


def load_comparison_dataset(path):
    """A compare file as an xarray Dataset (scenario x replication x step series, targets)."""
    dataset = load_dataset(path)
    require_dimensions(path, dataset, COMPARE_DIMENSIONS, "compare")
    return dataset


def load_decomposition_dataset(path):
    """A decompose file as an xarray Dataset (Shapley values per measure and target)."""
    dataset = load_dataset(path)
    require_dimensions(path, dataset, DECOMPOSE_DIMENSIONS, "decompose")
    return dataset


def parameters_from_ini(text):
    """{"section.key": value} from the effective config INI text the engine stores; values
    that read as numbers become numbers, "true"/"false" become 1/0 as in a run file."""
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str
    parser.read_string(text)
    parameters = {}
    for section in parser.sections():
        for key, value in parser.items(section):
            parameters[f"{section}.{key}"] = ini_value(value)
    return parameters


def ini_value(text):
    """An INI value as int, float, 1/0 for booleans, or the text."""
    if text in ("true", "false"):
        return int(text == "true")
    for convert in (int, float):
        try:
            return convert(text)
        except ValueError:
            pass
    return text


def scenario_parameters(path):
    """{scenario name: parameters} of a compare file, from its `configs` group."""
    return {name: parameters_from_ini(text) for name, text in group_attributes(path, "configs").items()}


def target_units(dataset):
    """Each target's unit if the file records one (`target_unit(target)`), else empty texts."""
    if "target_unit" in dataset:
        return [str(unit) for unit in dataset["target_unit"].values]
    return [""] * dataset.sizes["target"]


def target_uncertainties(dataset):
    """Each target's uncertainty (`target_uncertainty(target)`), NaN where the file has none."""
    if "target_uncertainty" in dataset:
        return [float(value) for value in dataset["target_uncertainty"].values]
    return [np.nan] * dataset.sizes["target"]


def target_table(dataset, simulated_by_scenario):
    """Rows key, use, reported_value, uncertainty, unit, scenario, simulated (list over
    replications) from a compare or decompose dataset; simulated_by_scenario maps a
    scenario name to an array (replication x target)."""
    labels = [str(label) for label in dataset["target_label"].values]
    units = target_units(dataset)
    uncertainties = target_uncertainties(dataset)
    rows = []
    for scenario, values in simulated_by_scenario.items():
        for index, key in enumerate(labels):
            rows.append({"key": key, "scenario": scenario, "unit": units[index],
                         "use": "fit" if int(dataset["target_fit"].values[index]) else "check",
                         "reported_value": float(dataset["reported_value"].values[index]),
                         "uncertainty": uncertainties[index],
                         "simulated": np.asarray(values)[:, index].tolist()})
    return pd.DataFrame(rows)


def comparison_targets(dataset):
    """The targets of every scenario of a compare dataset, in target_table form."""
    values = dataset["target_value"].transpose("scenario", "replication", "target").values
    scenarios = [str(label) for label in dataset["scenario_label"].values]
    return target_table(dataset, dict(zip(scenarios, values)))


def decomposition_targets(dataset):
    """The trend (no measures) and full-reform targets of a decompose dataset."""
    return target_table(dataset, {
        "trend (no measures)": dataset["trend_value"].transpose("replication", "target").values,
        "full reform": dataset["full_value"].transpose("replication", "target").values})
