#include "models/firms/firms_enforcement_model.h"

namespace reformsim::models {

std::string FirmsEnforcementModel::description() const {
  return "market entities (entry, investment projects, production, taxes, trade, exit) and "
         "enforcement (34 departments or one bureau) with fixed approval delays";
}

void FirmsEnforcementModel::declare_parameters(ParameterRegistry& registry) const {
  declare_reform_parameters(registry);
  FixedDelayApprovals::declare_parameters(registry);
  EnforcementSystem::declare_parameters(registry);
  FirmSystem::declare_parameters(registry);
}

void FirmsEnforcementModel::validate(const ParameterSet& parameters) const {
  EnforcementSystem::validate(parameters);
  FirmSystem::validate(parameters);
}

MetricCatalogue FirmsEnforcementModel::metrics(const ParameterSet& parameters) const {
  MetricCatalogue catalogue;
  FirmSystem::declare_metrics(parameters, catalogue);
  EnforcementSystem::declare_metrics(parameters, catalogue);
  return catalogue;
}

std::unique_ptr<ModelState> FirmsEnforcementModel::create_state(
    const ReplicationSetup& setup, const MetricCatalogue& metrics) const {
  return std::make_unique<FirmsEnforcementState>(setup, metrics);
}

FirmsEnforcementState::FirmsEnforcementState(const ReplicationSetup& setup,
                                             const MetricCatalogue& metrics)
    : schedule_(setup.parameters),
      approvals_(FixedDelaySettings::from(setup.parameters), schedule_),
      enforcement_(setup, schedule_, metrics),
      firms_(setup, schedule_, metrics, approvals_, enforcement_) {}

std::vector<Phase> FirmsEnforcementState::phases() {
  std::vector<Phase> day = enforcement_.phases();
  for (Phase& phase : firms_.phases()) {
    // The approval side runs between the applications and their outcomes (firm_system.h).
    if (phase.name == "firm_approval_outcomes")
      day.push_back({"fixed_delay_approvals",
                     [this](const StepContext& context) { approvals_.advance(context); }});
    day.push_back(std::move(phase));
  }
  return day;
}

void FirmsEnforcementState::record(const StepContext& context, MetricRow& row) const {
  firms_.record(context, row);
  enforcement_.record(context, row);
}

void FirmsEnforcementState::summarise(MetricRow& row) const {
  firms_.summarise(row);
  enforcement_.summarise(row);
}

}  // namespace reformsim::models
