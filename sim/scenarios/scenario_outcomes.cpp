#include "sim/scenarios/scenario_outcomes.h"

#include "sim/targets/target_values.h"

namespace reformsim {

std::vector<MetricSpec> scalar_series(const MetricCatalogue& metrics) {
  std::vector<MetricSpec> scalars;
  for (const auto& spec : metrics.series())
    if (spec.dimension.empty()) scalars.push_back(spec);
  return scalars;
}

ScenarioOutcomes run_scenario_outcomes(const Model& model, const ParameterSet& parameters,
                                       const std::vector<ResolvedTarget>& targets,
                                       const std::vector<std::uint64_t>& seeds, bool keep_series,
                                       ProgressCounter* counter) {
  const EnsembleResult ensemble = run_ensemble(model, parameters, seeds, counter);
  ScenarioOutcomes outcomes{compute_target_values(targets, ensemble), {}};
  if (!keep_series) return outcomes;
  const std::size_t width = ensemble.metrics.series_width();
  for (const auto& spec : scalar_series(ensemble.metrics)) {
    std::vector<double> values;
    for (const auto& replication : ensemble.replications)
      for (std::size_t row = 0; row * width < replication.series.size(); ++row)
        values.push_back(replication.series[row * width + spec.offset]);
    outcomes.series.push_back(std::move(values));
  }
  return outcomes;
}

}  // namespace reformsim
