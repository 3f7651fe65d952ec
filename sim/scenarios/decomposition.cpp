#include "sim/scenarios/decomposition.h"

#include <algorithm>
#include <map>

namespace reformsim {

DecompositionPlan plan_decomposition(std::vector<ReformMeasure> measures, std::size_t exact_up_to,
                                     std::size_t permutations, std::uint64_t seed) {
  DecompositionPlan plan{std::move(measures), true, {}, {}};
  const std::size_t n = plan.measures.size();
  plan.exact = permutations == 0 && n <= exact_up_to;
  if (plan.exact) {
    for (MeasureMask mask = 0; mask < (MeasureMask{1} << n); ++mask)
      plan.masks.push_back(mask);
  } else {
    plan.orders =
        sample_permutations(n, permutations > 0 ? permutations : default_permutations, seed);
    plan.masks = masks_for_permutations(plan.orders);
  }
  return plan;
}

Decomposition decompose(DecompositionPlan plan, std::vector<ScenarioOutcomes> subsets,
                        std::size_t targets, std::size_t replications) {
  const std::size_t n = plan.measures.size();
  const MeasureMask all = (MeasureMask{1} << n) - 1;
  Decomposition result{std::move(plan), std::move(subsets), {}, {}, {}, {}};
  const auto& masks = result.plan.masks;
  const auto index_of = [&](MeasureMask mask) {
    return static_cast<std::size_t>(std::lower_bound(masks.begin(), masks.end(), mask) -
                                    masks.begin());
  };
  result.shapley.assign(targets, std::vector<std::vector<double>>(replications));
  result.sampling_se.assign(targets, std::vector<double>(n, 0.0));
  result.trend.assign(targets, std::vector<double>(replications));
  result.full.assign(targets, std::vector<double>(replications));
  for (std::size_t t = 0; t < targets; ++t) {
    std::map<MeasureMask, double> mean_value;  // replication means, for the sampling error
    for (std::size_t r = 0; r < replications; ++r) {
      std::vector<double> value(masks.size());
      std::map<MeasureMask, double> by_mask;
      for (std::size_t k = 0; k < masks.size(); ++k) {
        value[k] = result.subsets[k].targets[t][r];
        by_mask[masks[k]] = value[k];
        mean_value[masks[k]] += value[k] / static_cast<double>(replications);
      }
      result.shapley[t][r] = result.plan.exact ? exact_shapley(n, value)
                                               : sampled_shapley(n, result.plan.orders, by_mask);
      result.trend[t][r] = value[index_of(0)];
      result.full[t][r] = value[index_of(all)];
    }
    if (!result.plan.exact)
      sampled_shapley(n, result.plan.orders, mean_value, &result.sampling_se[t]);
  }
  return result;
}

}  // namespace reformsim
