#include "models/staff/organisation_staff_model.h"

namespace reformsim::models {

std::string OrganisationStaffModel::description() const {
  return "organisation and staff: departments merged by plan, layers flattened, competitive "
         "re-hiring, KPI pay and effort, careers (seed section 1)";
}

void OrganisationStaffModel::declare_parameters(ParameterRegistry& registry) const {
  declare_reform_parameters(registry);
  StaffSystem::declare_parameters(registry);
}

void OrganisationStaffModel::validate(const ParameterSet& parameters) const {
  StaffSystem::validate(parameters);
}

MetricCatalogue OrganisationStaffModel::metrics(const ParameterSet& parameters) const {
  MetricCatalogue catalogue;
  StaffSystem::declare_metrics(parameters, catalogue);
  return catalogue;
}

std::unique_ptr<ModelState> OrganisationStaffModel::create_state(
    const ReplicationSetup& setup, const MetricCatalogue& metrics) const {
  return std::make_unique<OrganisationStaffState>(setup, metrics);
}

}  // namespace reformsim::models
