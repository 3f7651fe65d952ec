#include "models/verification/function_model.h"

namespace reformsim::models {

MetricCatalogue FunctionModel::metrics(const ParameterSet&) const {
  MetricCatalogue catalogue;
  catalogue.add_summary("y", "value of the verification function at the parameters", "1");
  return catalogue;
}

std::unique_ptr<ModelState> FunctionModel::create_state(const ReplicationSetup& setup,
                                                        const MetricCatalogue& metrics) const {
  return std::make_unique<FunctionValueState>(evaluate(setup.parameters), metrics.id("y"));
}

}  // namespace reformsim::models
