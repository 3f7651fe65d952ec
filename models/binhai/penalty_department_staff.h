// penalty_department_staff.h - whose staff inspect for each enforcement department. With a
// staff model the enforcement departments are the merge plan's old departments holding penalty
// powers, in plan order (department k's field is the k-th holder's); their inspectors are the
// staff of that old unit, or after merge_departments of the new unit its staff moved to.
#pragma once

#include <string>
#include <vector>

#include "models/organisation/merge_plan.h"
#include "models/staff/staff_system.h"

namespace reformsim::models {

class PenaltyDepartmentStaff {
 public:
  // Throws std::invalid_argument when no old department holds penalty powers.
  explicit PenaltyDepartmentStaff(const MergePlan& plan);

  std::size_t departments() const { return old_unit_.size(); }
  // The old units' names, for the enforcement_department dimension.
  const std::vector<std::string>& labels() const { return labels_; }
  // Mean competence x effort of each department's inspectors, from the staff model's capacity
  // by unit today (as ApprovalUnitStaff::productivity), into `productivity` (size
  // departments()); a unit without staff takes `zone`. No allocation once sized.
  void productivity(const std::vector<UnitServiceCapacity>& capacity, bool merged, double zone,
                    std::vector<double>& productivity) const;

 private:
  std::vector<std::int32_t> old_unit_, new_unit_;
  std::vector<std::string> labels_;
};

}  // namespace reformsim::models
