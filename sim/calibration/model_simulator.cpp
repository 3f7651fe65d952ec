#include "sim/calibration/model_simulator.h"

#include <cmath>
#include <limits>

#include "sim/config/config_error.h"
#include "sim/parallel/loops.h"
#include "sim/scenarios/scenario_outcomes.h"

namespace reformsim::calibration {

ModelSimulator::ModelSimulator(const Scenario& scenario, const ParameterSpace& space,
                               ProgressCounter* counter)
    : scenario_(scenario), space_(space), counter_(counter) {}

ParameterSet ModelSimulator::parameters_at(const std::vector<double>& theta) const {
  ParameterSet parameters = scenario_.parameters;
  const auto& free = space_.parameters();
  for (std::size_t k = 0; k < free.size(); ++k) {
    const ParameterValue value =
        free[k].integer ? ParameterValue{static_cast<std::int64_t>(std::llround(theta[k]))}
                        : ParameterValue{theta[k]};
    parameters.set_value(free[k].key, value, "calibration");
  }
  scenario_.model->validate(parameters);
  return parameters;
}

ReplicatedStatistics ModelSimulator::simulate_one(const EvaluationRequest& request) const {
  try {
    const ParameterSet parameters = parameters_at(request.theta);
    return run_scenario_outcomes(*scenario_.model, parameters, scenario_.targets, request.seeds,
                                 false, counter_)
        .targets;
  } catch (const ConfigError&) {
    const std::vector<double> undefined(request.seeds.size(),
                                        std::numeric_limits<double>::quiet_NaN());
    return ReplicatedStatistics(scenario_.targets.size(), undefined);
  }
}

std::vector<ReplicatedStatistics> ModelSimulator::simulate(
    const std::vector<EvaluationRequest>& batch) {
  std::vector<ReplicatedStatistics> results(batch.size());
  // Grain 1: one parameter set is a large task (its replications and phases nest inside).
  parallel_for_each_index(std::size_t{0}, batch.size(),
                          [&](std::size_t n) { results[n] = simulate_one(batch[n]); });
  return results;
}

}  // namespace reformsim::calibration
