// target_values.h - target statistics of every replication of an ensemble, and the `targets`
// group of a run file: one variable per target over `replication`, with the reported value,
// the uncertainty, whether it is fitted or held out, and what was computed, as attributes.
#pragma once

#include <string>
#include <string_view>
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

// The `window` attribute of a summary target: a statistic of the whole replication (the
// re-hiring counts, for example), computed over no window of days.
inline constexpr std::string_view whole_run_window = "whole run";

// What a target was computed over: whole_run_window for a summary, else "working days 125-249
// of 2018" (growth: "... against the same days of 2017").
std::string target_window(const Target& target);

// Sets the attributes that describe a target (reported_value, uncertainty, weight, use,
// statistic (described), statistic_name, metric, weight_metric, window, source, note) on an
// HDF5 object; for window statistics also window_days, window_first_day, year and base_year
// (left out for a summary, whose window is the whole run).
void describe_target(hid_t object, const Target& target);

}  // namespace reformsim
