#include "models/binhai/approval_units_from_plan.h"

#include <stdexcept>

namespace reformsim::models {

ApprovalUnitsOfPlan approval_units_of(const MergePlan& plan) {
  ApprovalUnitsOfPlan units;
  std::vector<std::int32_t> merged_index(plan.new_units.size(), -1);
  std::vector<std::int32_t> merged_of;
  std::vector<std::string> department_labels, merged_labels;
  for (std::size_t u = 0; u < plan.old_units.size(); ++u) {
    const OldUnit& old = plan.old_units[u];
    if (old.kind != UnitKind::department || !old.approval_items) continue;
    auto& merged = merged_index[static_cast<std::size_t>(old.new_unit)];
    if (merged < 0) {  // numbered in the order their first approval department appears
      merged = static_cast<std::int32_t>(units.new_unit.size());
      units.new_unit.push_back(old.new_unit);
      merged_labels.push_back(plan.new_units[static_cast<std::size_t>(old.new_unit)]);
    }
    units.old_unit.push_back(static_cast<std::int32_t>(u));
    merged_of.push_back(merged);
    department_labels.push_back(old.name);
  }
  if (units.old_unit.empty())
    throw std::invalid_argument(plan.origin + ": no department holds approval items");
  units.layout =
      ApprovalUnitLayout(std::move(merged_of), static_cast<std::int32_t>(units.new_unit.size()),
                         std::move(department_labels), std::move(merged_labels));
  return units;
}

ApprovalSettings approval_settings_with(const ParameterSet& parameters, ApprovalUnitLayout layout) {
  ApprovalSettings settings = ApprovalSettings::from(parameters);
  settings.layout = std::move(layout);
  return settings;
}

}  // namespace reformsim::models
