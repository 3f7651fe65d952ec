// decomposition.h - splits the effect of a full reform on each target among its measures by
// Shapley values over measure subsets, per replication (common random numbers: every subset
// sees the same seeds), plus the trend: what the scenario with none of the measures gives.
#pragma once

#include <string>
#include <vector>

#include "sim/run/scenario.h"
#include "sim/scenarios/measure_set.h"
#include "sim/scenarios/scenario_outcomes.h"

namespace reformsim {

struct DecompositionPlan {
  std::vector<ReformMeasure> measures;
  bool exact = true;                             // all 2^n subsets
  std::vector<std::vector<std::size_t>> orders;  // sampled permutations when not exact
  std::vector<MeasureMask> masks;                // the subsets to simulate, sorted
};

// Exact when there are at most exact_up_to measures and permutations == 0, else `permutations`
// sampled orders (at least 1) drawn from seed.
DecompositionPlan plan_decomposition(std::vector<ReformMeasure> measures, std::size_t exact_up_to,
                                     std::size_t permutations, std::uint64_t seed);

struct Decomposition {
  DecompositionPlan plan;
  std::vector<ScenarioOutcomes> subsets;  // one per plan.masks entry
  // [target][replication][measure]
  std::vector<std::vector<std::vector<double>>> shapley;
  // [target][measure]: standard error from sampling permutations (0 when exact)
  std::vector<std::vector<double>> sampling_se;
  std::vector<std::vector<double>> trend, full;  // [target][replication]
};

// Shapley values from already simulated subsets (outcomes[k] for plan.masks[k]).
Decomposition decompose(DecompositionPlan plan, std::vector<ScenarioOutcomes> subsets,
                        std::size_t targets, std::size_t replications);

}  // namespace reformsim
