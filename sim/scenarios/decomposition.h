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

// Sampled permutations when there are more measures than --exact-up-to and no --permutations
// is given: enough that the sampling error (standard error over permutations) is a tenth of
// the spread of the measures' marginal contributions (1 / sqrt(200) = 0.07), at most 200 x n
// + 1 subsets.
inline constexpr std::size_t default_permutations = 200;

// Exact when there are at most exact_up_to measures and permutations == 0; else `permutations`
// sampled orders drawn from seed, default_permutations when permutations == 0.
DecompositionPlan plan_decomposition(std::vector<ReformMeasure> measures, std::size_t exact_up_to,
                                     std::size_t permutations, std::uint64_t seed);

struct Decomposition {
  DecompositionPlan plan;
  std::vector<ScenarioOutcomes> subsets;  // one per plan.masks entry
  // [target][replication][measure]
  std::vector<std::vector<std::vector<double>>> shapley;
  // [target][measure]: standard error from sampling permutations (0 when exact, NaN from a
  // single permutation: no spread to estimate it from)
  std::vector<std::vector<double>> sampling_se;
  std::vector<std::vector<double>> trend, full;  // [target][replication]
};

// Shapley values from already simulated subsets (outcomes[k] for plan.masks[k]).
Decomposition decompose(DecompositionPlan plan, std::vector<ScenarioOutcomes> subsets,
                        std::size_t targets, std::size_t replications);

}  // namespace reformsim
