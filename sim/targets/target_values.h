// target_values.h - target statistics of every replication of an ensemble, and the `targets`
// group of a run file: one variable per target over `replication`, with the reported value,
// the uncertainty, whether it is fitted or held out, and what was computed, as attributes.
#pragma once

#include <vector>

#include "sim/output/labelled_arrays.h"
#include "sim/run/ensemble.h"
#include "sim/targets/target.h"

namespace reformsim {

// values[t][r]: target t in replication r.
std::vector<std::vector<double>> compute_target_values(const std::vector<ResolvedTarget>& targets,
                                                       const EnsembleResult& ensemble);

void write_targets_group(const LabelledArrayFile& file, const std::vector<ResolvedTarget>& targets,
                         const std::vector<std::vector<double>>& values);

// Sets the attributes that describe a target (reported_value, uncertainty, weight, use,
// statistic (described), statistic_name, metric, weight_metric, window_days, year, base_year,
// source, note) on an HDF5 object.
void describe_target(hid_t object, const Target& target);

}  // namespace reformsim
