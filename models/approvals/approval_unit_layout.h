// approval_unit_layout.h - the approval units every regime uses and which department goes into
// which merged department: the approval departments, the merged departments
// (merge_departments), the approval bureau (one_window_bureau) and the city (items not yet
// delegated). Alone, the approvals spread the departments evenly over the merged ones; in a
// composite model with an organisation the layout follows its merge plan
// (models/binhai/approval_units_from_plan.h). Labels are fixed for a parameter set, so the output
// has one column per unit whether or not the unit is in use on a given day.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace reformsim::models {

// Unit indices: departments, then merged departments, then the bureau, then the city.
class ApprovalUnitLayout {
 public:
  ApprovalUnitLayout() = default;
  // Department d goes into merged department merged_of[d] (0-based, every merged department
  // receiving at least one); labels name the units (empty: department_1, ...). Throws
  // std::invalid_argument for a mapping that leaves a merged department empty or points
  // outside 0..merged_departments-1.
  ApprovalUnitLayout(std::vector<std::int32_t> merged_of, std::int32_t merged_departments,
                     std::vector<std::string> department_labels = {},
                     std::vector<std::string> merged_labels = {});
  // Departments dealt in order, evenly over the merged ones: d goes to floor(d x M / D).
  static ApprovalUnitLayout even(std::int32_t departments, std::int32_t merged_departments);

  std::int32_t departments() const { return static_cast<std::int32_t>(merged_of_.size()); }
  std::int32_t merged_departments() const { return merged_departments_; }
  std::int32_t department(std::int32_t index) const { return index; }
  // The unit index of the merged department department `index` goes into.
  std::int32_t merged_department_of(std::int32_t index) const {
    return departments() + merged_of_[static_cast<std::size_t>(index)];
  }
  std::int32_t bureau() const { return departments() + merged_departments_; }
  std::int32_t city() const { return bureau() + 1; }
  std::int32_t unit_count() const { return city() + 1; }
  std::vector<std::string> labels() const;
  // Servers of every unit: `per_department` in each department; a merged department and the
  // bureau pool the servers of the departments they absorb; `city` at the city.
  std::vector<std::int32_t> servers(std::int32_t per_department, std::int32_t city) const;

 private:
  std::vector<std::int32_t> merged_of_;
  std::int32_t merged_departments_ = 0;
  std::vector<std::string> department_labels_, merged_labels_;
};

}  // namespace reformsim::models
