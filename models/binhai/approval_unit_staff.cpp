#include "models/binhai/approval_unit_staff.h"

namespace reformsim::models {

ApprovalUnitStaff::ApprovalUnitStaff(ApprovalUnitsOfPlan units, const MergePlan& plan)
    : units_(std::move(units)) {
  for (const OldUnit& old : plan.old_units)
    new_unit_of_old_.push_back(old.new_unit);
  const ApprovalUnitLayout& layout = units_.layout;
  old_units_of_merged_.resize(static_cast<std::size_t>(layout.merged_departments()));
  for (std::int32_t d = 0; d < layout.departments(); ++d) {
    const std::int32_t old_unit = units_.old_unit[static_cast<std::size_t>(d)];
    const auto merged =
        static_cast<std::size_t>(layout.merged_department_of(d) - layout.departments());
    old_units_of_merged_[merged].push_back(old_unit);
    approval_old_units_.push_back(old_unit);
  }
  approval_new_units_ = units_.new_unit;
}

UnitServiceCapacity ApprovalUnitStaff::pooled(const std::vector<UnitServiceCapacity>& capacity,
                                              const std::vector<std::int32_t>& staff_units) {
  UnitServiceCapacity pool;
  for (std::int32_t unit : staff_units) {
    pool.output += capacity[static_cast<std::size_t>(unit)].output;
    pool.staff += capacity[static_cast<std::size_t>(unit)].staff;
  }
  return pool;
}

void ApprovalUnitStaff::productivity(const std::vector<UnitServiceCapacity>& capacity, bool merged,
                                     std::vector<double>& productivity) const {
  const ApprovalUnitLayout& layout = units_.layout;
  productivity.assign(static_cast<std::size_t>(layout.unit_count()), 0.0);
  const double zone = pooled(capacity, merged ? approval_new_units_ : approval_old_units_)
                          .mean_productivity_or(1.0);
  for (std::int32_t d = 0; d < layout.departments(); ++d) {
    const std::int32_t old_unit = units_.old_unit[static_cast<std::size_t>(d)];
    const std::int32_t staff_unit =
        merged ? new_unit_of_old_[static_cast<std::size_t>(old_unit)] : old_unit;
    productivity[static_cast<std::size_t>(d)] =
        capacity[static_cast<std::size_t>(staff_unit)].mean_productivity_or(zone);
  }
  for (std::int32_t m = 0; m < layout.merged_departments(); ++m) {
    const auto index = static_cast<std::size_t>(m);
    const UnitServiceCapacity unit =
        merged ? capacity[static_cast<std::size_t>(units_.new_unit[index])]
               : pooled(capacity, old_units_of_merged_[index]);
    productivity[static_cast<std::size_t>(layout.departments() + m)] =
        unit.mean_productivity_or(zone);
  }
  productivity[static_cast<std::size_t>(layout.bureau())] = zone;
}

}  // namespace reformsim::models
