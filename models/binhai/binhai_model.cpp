#include "models/binhai/binhai_model.h"

#include "models/binhai/approval_units_from_plan.h"
#include "models/binhai/binhai_state.h"
#include "sim/config/config_error.h"

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
  // The approval units are the organisation's departments holding approval items.
  const std::string departments = "approvals.departments";
  const std::string holders = "organisation.departments_with_approval_items";
  if (parameters.integer(departments) != parameters.integer(holders))
    throw ConfigError(parameters.origin(departments), departments,
                      format_parameter_value(parameters.value(departments)),
                      "must equal " + holders + " = " +
                          format_parameter_value(parameters.value(holders)) +
                          ": the approval departments are the organisation's departments "
                          "holding approval items");
  ApprovalNetwork::validate(parameters);
  EnforcementSystem::validate(parameters);
  FirmSystem::validate(parameters);
}

MetricCatalogue BinhaiModel::metrics(const ParameterSet& parameters) const {
  MetricCatalogue catalogue;
  StaffSystem::declare_metrics(parameters, catalogue);
  ApprovalNetwork::declare_metrics(
      approval_settings_of(parameters, OrganisationSettings::from(parameters).merge_plan()),
      catalogue);
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
