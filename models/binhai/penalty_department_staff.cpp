#include "models/binhai/penalty_department_staff.h"

#include <stdexcept>

namespace reformsim::models {

PenaltyDepartmentStaff::PenaltyDepartmentStaff(const MergePlan& plan) {
  for (std::size_t u = 0; u < plan.old_units.size(); ++u) {
    const OldUnit& old = plan.old_units[u];
    if (old.kind != UnitKind::department || !old.penalty_powers) continue;
    old_unit_.push_back(static_cast<std::int32_t>(u));
    new_unit_.push_back(old.new_unit);
    labels_.push_back(old.name);
  }
  if (old_unit_.empty())
    throw std::invalid_argument(plan.origin + ": no department holds penalty powers");
}

void PenaltyDepartmentStaff::productivity(const std::vector<UnitServiceCapacity>& capacity,
                                          bool merged, double zone,
                                          std::vector<double>& productivity) const {
  productivity.resize(old_unit_.size());
  for (std::size_t k = 0; k < old_unit_.size(); ++k)
    productivity[k] = capacity[static_cast<std::size_t>(merged ? new_unit_[k] : old_unit_[k])]
                          .mean_productivity_or(zone);
}

}  // namespace reformsim::models
