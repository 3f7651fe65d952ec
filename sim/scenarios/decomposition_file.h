// decomposition_file.h - the file `reformsim decompose` writes (root attribute kind =
// "decompose", method = exact or sampled):
//   dimensions  measure, replication, target, subset (labelled)
//   variables   shapley_value(replication, measure, target); shapley_mean/low/high(measure,
//               target) with a 95% Student-t interval over replications; shapley_sampling_se
//               (measure, target); trend_value and full_value(replication, target);
//               trend_mean, total_effect_mean/low/high(target); subset_value(subset,
//               replication, target), subset_mask(subset); reported_value, target_fit(target);
//               measure_keys(measure): the parameters each measure switches
#pragma once

#include <filesystem>

#include "sim/scenarios/comparison_file.h"
#include "sim/scenarios/decomposition.h"

namespace reformsim {

void write_decomposition_file(const std::filesystem::path& path, const Provenance& provenance,
                              const Scenario& full, const Decomposition& decomposition,
                              const std::vector<std::uint64_t>& seeds);

}  // namespace reformsim
