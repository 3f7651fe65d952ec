// binhai_model.h - the Binhai 2018 model: organisation and staff, approval workflows, firms and
// enforcement running together through the reform (MODEL.md sections 1-7). Each mechanism is a
// component of its own folder; this file only wires them:
//   staff  -> approvals, enforcement: service-rate factors from staff competence x effort
//   firms  -> approvals: applications; approvals -> firms: waits, trips and permits
//   enforcement -> firms: compliance burden
#pragma once

#include "sim/model/model.h"

namespace reformsim::models {

class BinhaiModel : public Model {
 public:
  std::string name() const override { return "binhai_2018"; }
  std::string description() const override;
  void declare_parameters(ParameterRegistry& registry) const override;
  void validate(const ParameterSet& parameters) const override;
  MetricCatalogue metrics(const ParameterSet& parameters) const override;
  std::unique_ptr<ModelState> create_state(const ReplicationSetup& setup,
                                           const MetricCatalogue& metrics) const override;
};

}  // namespace reformsim::models
