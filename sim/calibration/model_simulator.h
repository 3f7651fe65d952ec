// model_simulator.h - the BatchSimulator of a scenario: each request's free parameters set on
// a copy of the scenario's parameters (integers rounded to the nearest whole number), the
// model's own validation applied, then its replications run and its targets computed. Requests
// run in parallel with each other and TBB nests each ensemble's replications and phases inside,
// so both levels keep the cores busy without a hand-made pool.
#pragma once

#include "sim/calibration/batch_simulator.h"
#include "sim/calibration/prior.h"
#include "sim/run/progress.h"
#include "sim/run/scenario.h"

namespace reformsim::calibration {

class ModelSimulator : public BatchSimulator {
 public:
  // counter (optional) is advanced once per simulated day.
  ModelSimulator(const Scenario& scenario, const ParameterSpace& space,
                 ProgressCounter* counter = nullptr);

  std::vector<ReplicatedStatistics> simulate(const std::vector<EvaluationRequest>& batch) override;

  // The scenario's parameters with theta set; ConfigError when the model refuses the
  // combination (a request the model refuses yields NaN statistics instead: never accepted).
  ParameterSet parameters_at(const std::vector<double>& theta) const;

 private:
  ReplicatedStatistics simulate_one(const EvaluationRequest& request) const;

  const Scenario& scenario_;
  const ParameterSpace& space_;
  ProgressCounter* counter_;
};

}  // namespace reformsim::calibration
