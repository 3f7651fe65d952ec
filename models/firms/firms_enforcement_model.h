// firms_enforcement_model.h - firms and enforcement run together without the queueing network
// or the staff model: FirmSystem + EnforcementSystem + FixedDelayApprovals, through the reform
// measures of reform.*. Model name in configs: firms_enforcement.
#pragma once

#include <memory>

#include "models/enforcement/enforcement_system.h"
#include "models/firms/firm_system.h"
#include "models/firms/fixed_delay_approvals.h"
#include "sim/model/model.h"

namespace reformsim::models {

class FirmsEnforcementModel : public Model {
 public:
  std::string name() const override { return "firms_enforcement"; }
  std::string description() const override;
  void declare_parameters(ParameterRegistry& registry) const override;
  void validate(const ParameterSet& parameters) const override;
  MetricCatalogue metrics(const ParameterSet& parameters) const override;
  std::unique_ptr<ModelState> create_state(const ReplicationSetup& setup,
                                           const MetricCatalogue& metrics) const override;
};

// One replication. A day: inspections, production, exits, applications, the fixed-delay
// approvals advance, outcomes.
class FirmsEnforcementState : public ModelState {
 public:
  FirmsEnforcementState(const ReplicationSetup& setup, const MetricCatalogue& metrics);
  std::vector<Phase> phases() override;
  void record(const StepContext& context, MetricRow& row) const override;
  void summarise(MetricRow& row) const override;

  FirmSystem& firms() { return firms_; }
  EnforcementSystem& enforcement() { return enforcement_; }
  FixedDelayApprovals& approvals() { return approvals_; }

 private:
  ReformSchedule schedule_;
  FixedDelayApprovals approvals_;
  EnforcementSystem enforcement_;
  FirmSystem firms_;
};

}  // namespace reformsim::models
