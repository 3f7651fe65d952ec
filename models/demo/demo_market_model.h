// demo_market_model.h - a small but complete demonstration model: a market of firms whose
// productivity follows a random walk, which exit when it falls too low, and potential entrants
// who register when the value of entry beats the cost of waiting for a licence. One reform
// switch shortens the wait. It exercises everything a model can use (parameters, a validate
// rule, SoA state, parallel phases, buffered entries, block reductions, a dimensioned metric,
// summaries) and is the engine's reference model in tests and benchmarks.
#pragma once

#include "sim/model/model.h"

namespace reformsim::models {

class DemoMarketModel : public Model {
 public:
  std::string name() const override { return "demo_market"; }
  std::string description() const override;
  void declare_parameters(ParameterRegistry& registry) const override;
  void validate(const ParameterSet& parameters) const override;
  MetricCatalogue metrics(const ParameterSet& parameters) const override;
  std::unique_ptr<ModelState> create_state(const ReplicationSetup& setup,
                                           const MetricCatalogue& metrics) const override;
};

}  // namespace reformsim::models
