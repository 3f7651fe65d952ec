"""Loading the file of `reformsim calibrate` (docs/calibration.md, kind "calibration"):
ABC-SMC (method "abc-smc": generations of weighted particles) or the method of simulated
moments (method "msm": evaluations of the objective J), and the tables plots and reports
read from it: generations, the posterior particles, and the targets in open_targets form.
"""

import numpy as np
import pandas as pd

from reformsim_analysis.file_inspection import text_attribute
from reformsim_analysis.hdf5_reading import (load_dataset, require_dimensions,
                                             require_method_layout)

METHOD_DIMENSIONS = {"abc-smc": ("parameter", "target", "evaluation", "generation", "particle"),
                     "msm": ("parameter", "target", "evaluation", "replication")}
METHOD_VARIABLES = {"abc-smc": ("tolerance", "effective_sample_size", "particle_theta",
                                "particle_weight", "particle_statistic", "prior_low",
                                "prior_high"),
                    "msm": ("evaluation_theta", "evaluation_distance", "evaluation_stage",
                            "evaluation_replicated_statistic", "best_theta", "prior_low",
                            "prior_high")}
MSM_STAGES = {0: "starting point", 1: "global search", 2: "local polish"}


def load_calibration_dataset(path):
    """A calibration file as an xarray Dataset; FileRefused if its method's layout is missing."""
    dataset = load_dataset(path)
    method = text_attribute(dataset.attrs.get("method", ""))
    require_method_layout(path, dataset, "calibration", method, METHOD_VARIABLES)
    require_dimensions(path, dataset, METHOD_DIMENSIONS[method], f"calibration ({method})")
    return dataset


def calibration_method(dataset):
    """"abc-smc" or "msm"."""
    return text_attribute(dataset.attrs["method"])


def parameter_names(dataset):
    return [str(label) for label in dataset["parameter_label"].values]


def target_names(dataset):
    return [str(label) for label in dataset["target_label"].values]


def generation_table(dataset):
    """One row per ABC-SMC generation: tolerance, acceptance rate, ESS, simulations."""
    columns = {"tolerance": "tolerance", "acceptance_rate": "acceptance_rate",
               "effective_sample_size": "effective_sample_size",
               "generation_simulations": "simulations"}
    table = pd.DataFrame({"generation": dataset["generation"].values.astype(int)})
    for variable, column in columns.items():
        if variable in dataset:
            table[column] = dataset[variable].values
    return table


def posterior_particles(dataset, generation=-1):
    """The particles of one generation (default the last: the posterior), one row each:
    a column per parameter, weight and distance."""
    theta = dataset["particle_theta"].isel(generation=generation).values
    table = pd.DataFrame(theta, columns=parameter_names(dataset))
    table["weight"] = dataset["particle_weight"].isel(generation=generation).values
    if "particle_distance" in dataset:
        table["distance"] = dataset["particle_distance"].isel(generation=generation).values
    return table


def systematic_resample(weights):
    """Indices of len(weights) draws proportional to weights, by systematic resampling at
    the fixed offsets (i + 0.5) / N: deterministic, so a report does not change between runs,
    and every particle with weight >= 1/N is kept."""
    weights = np.asarray(weights, dtype=float)
    cumulative = np.cumsum(weights / weights.sum())
    positions = (np.arange(weights.size) + 0.5) / weights.size
    return np.minimum(np.searchsorted(cumulative, positions), weights.size - 1)


def simulated_by_target(dataset):
    """(scenario name, array draws x target): the ABC posterior predictive (the last
    generation's particle statistics resampled by weight) or MSM's replications at the
    best point."""
    if calibration_method(dataset) == "abc-smc":
        statistics = dataset["particle_statistic"].isel(generation=-1).values
        weights = dataset["particle_weight"].isel(generation=-1).values
        return "posterior predictive", statistics[systematic_resample(weights)]
    best = int(dataset.attrs.get("best_evaluation",
                                 int(np.nanargmin(dataset["evaluation_distance"].values))))
    return "replications at the MSM point", \
        dataset["evaluation_replicated_statistic"].isel(evaluation=best).values


def calibration_targets(dataset):
    """The targets in open_targets form (key, scenario, use, reported_value, uncertainty,
    unit, simulated); a calibration file records no units."""
    scenario, values = simulated_by_target(dataset)
    rows = []
    for index, key in enumerate(target_names(dataset)):
        rows.append({"key": key, "scenario": scenario, "unit": "",
                     "use": "fit" if int(dataset["target_fit"].values[index]) else "check",
                     "reported_value": float(dataset["reported_value"].values[index]),
                     "uncertainty": float(dataset["uncertainty"].values[index]),
                     "simulated": np.asarray(values)[:, index].tolist()})
    return pd.DataFrame(rows)


def weighted_quantiles(values, weights, quantiles):
    """Quantiles of weighted values (the midpoint rule on the cumulative weights)."""
    order = np.argsort(values)
    values, weights = np.asarray(values)[order], np.asarray(weights, dtype=float)[order]
    cumulative = (np.cumsum(weights) - 0.5 * weights) / weights.sum()
    return np.interp(quantiles, cumulative, values)
