#include "models/binhai/binhai_model.h"

#include "models/binhai/binhai_state.h"

namespace reformsim::models {

std::string BinhaiModel::description() const {
  return "the 2018 reform of the Weifang Binhai development zone: organisation and staff, "
         "approval workflows, firms and enforcement together";
}

void BinhaiModel::declare_parameters(ParameterRegistry& registry) const {
  declare_reform_parameters(registry);
  StaffSystem::declare_parameters(registry);
  ApprovalNetwork::declare_parameters(registry);
  EnforcementSystem::declare_parameters(registry);
  FirmSystem::declare_parameters(registry);
  ServiceCapacityLinkSettings::declare_parameters(registry);
}

void BinhaiModel::validate(const ParameterSet& parameters) const {
  StaffSystem::validate(parameters);
  ApprovalNetwork::validate(parameters);
  EnforcementSystem::validate(parameters);
  FirmSystem::validate(parameters);
}

MetricCatalogue BinhaiModel::metrics(const ParameterSet& parameters) const {
  MetricCatalogue catalogue;
  StaffSystem::declare_metrics(parameters, catalogue);
  ApprovalNetwork::declare_metrics(parameters, catalogue);
  EnforcementSystem::declare_metrics(parameters, catalogue);
  FirmSystem::declare_metrics(parameters, catalogue);
  catalogue.add_series("approval_service_factor",
                       "service-rate factor of the approval units (staff link x learning dip)",
                       "1");
  catalogue.add_series("enforcement_service_factor",
                       "service-rate factor of the enforcement units (staff link x learning dip)",
                       "1");
  return catalogue;
}

std::unique_ptr<ModelState> BinhaiModel::create_state(const ReplicationSetup& setup,
                                                      const MetricCatalogue& metrics) const {
  return std::make_unique<BinhaiState>(setup, metrics);
}

}  // namespace reformsim::models
