#include "models/binhai/binhai_model.h"

#include "models/binhai/approval_units_from_plan.h"
#include "models/binhai/binhai_state.h"
#include "models/binhai/penalty_department_staff.h"
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

namespace {

// The approval units and the enforcement departments are the organisation's departments
// holding approval items and penalty powers: one count, not two that could disagree.
void require_equal(const ParameterSet& parameters, const std::string& key,
                   const std::string& organisation_key, const std::string& holding) {
  if (parameters.integer(key) != parameters.integer(organisation_key))
    throw ConfigError(parameters.origin(key), key, format_parameter_value(parameters.value(key)),
                      "must equal " + organisation_key + " = " +
                          format_parameter_value(parameters.value(organisation_key)) +
                          ": they are "
                          "the organisation's departments holding " +
                          holding);
}

}  // namespace

void BinhaiModel::validate(const ParameterSet& parameters) const {
  StaffSystem::validate(parameters);
  require_equal(parameters, "approvals.departments", "organisation.departments_with_approval_items",
                "approval items");
  require_equal(parameters, "enforcement.departments_before",
                "organisation.departments_with_penalty_powers", "penalty powers");
  ApprovalNetwork::validate(parameters);
  EnforcementSystem::validate(parameters);
  FirmSystem::validate(parameters);
}

MetricCatalogue BinhaiModel::metrics(const ParameterSet& parameters) const {
  MetricCatalogue catalogue;
  // The approval units and enforcement departments are the merge plan's (read once here).
  const MergePlan plan = OrganisationSettings::from(parameters).merge_plan();
  StaffSystem::declare_metrics(parameters, catalogue);
  ApprovalNetwork::declare_metrics(
      approval_settings_with(parameters, approval_units_of(plan).layout), catalogue);
  EnforcementSystem::declare_metrics(parameters, catalogue, PenaltyDepartmentStaff(plan).labels());
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
