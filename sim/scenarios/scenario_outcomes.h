// scenario_outcomes.h - runs one parameter set over a fixed list of seeds and keeps only what
// comparisons need: the target statistics of every replication and, on request, the scalar
// time series. Comparisons give every scenario the same seeds (common random numbers), so
// their differences are the effect of the settings, not noise between draws.
#pragma once

#include <vector>

#include "sim/run/ensemble.h"
#include "sim/targets/target.h"

namespace reformsim {

struct ScenarioOutcomes {
  std::vector<std::vector<double>> targets;  // [target][replication]
  std::vector<std::vector<double>> series;   // [scalar series metric][replication x step]
};

ScenarioOutcomes run_scenario_outcomes(const Model& model, const ParameterSet& parameters,
                                       const std::vector<ResolvedTarget>& targets,
                                       const std::vector<std::uint64_t>& seeds, bool keep_series,
                                       ProgressCounter* counter = nullptr);

// The scalar (undimensioned) series metrics of a catalogue, in declaration order.
std::vector<MetricSpec> scalar_series(const MetricCatalogue& metrics);

}  // namespace reformsim
