#include "models/approvals/approval_unit_layout.h"

#include <stdexcept>

namespace reformsim::models {
namespace {

std::vector<std::string> numbered(const std::string& stem, std::int32_t count) {
  std::vector<std::string> labels;
  for (std::int32_t i = 0; i < count; ++i)
    labels.push_back(stem + std::to_string(i + 1));
  return labels;
}

}  // namespace

ApprovalUnitLayout::ApprovalUnitLayout(std::vector<std::int32_t> merged_of,
                                       std::int32_t merged_departments,
                                       std::vector<std::string> department_labels,
                                       std::vector<std::string> merged_labels)
    : merged_of_(std::move(merged_of)),
      merged_departments_(merged_departments),
      department_labels_(std::move(department_labels)),
      merged_labels_(std::move(merged_labels)) {
  std::vector<bool> received(static_cast<std::size_t>(std::max(merged_departments, 0)), false);
  for (std::int32_t merged : merged_of_) {
    if (merged < 0 || merged >= merged_departments)
      throw std::invalid_argument("approval department mapped to merged department " +
                                  std::to_string(merged) + " of 0.." +
                                  std::to_string(merged_departments - 1));
    received[static_cast<std::size_t>(merged)] = true;
  }
  for (std::size_t m = 0; m < received.size(); ++m)
    if (!received[m])
      throw std::invalid_argument("merged approval department " + std::to_string(m) +
                                  " receives no department");
  if (department_labels_.empty()) department_labels_ = numbered("department_", departments());
  if (merged_labels_.empty()) merged_labels_ = numbered("merged_department_", merged_departments);
  if (department_labels_.size() != merged_of_.size() ||
      merged_labels_.size() != static_cast<std::size_t>(merged_departments))
    throw std::invalid_argument("approval unit labels do not match the units");
}

ApprovalUnitLayout ApprovalUnitLayout::even(std::int32_t departments,
                                            std::int32_t merged_departments) {
  std::vector<std::int32_t> merged_of(static_cast<std::size_t>(departments));
  for (std::int32_t d = 0; d < departments; ++d)
    merged_of[static_cast<std::size_t>(d)] =
        static_cast<std::int32_t>(static_cast<std::int64_t>(d) * merged_departments / departments);
  return ApprovalUnitLayout(std::move(merged_of), merged_departments);
}

std::vector<std::string> ApprovalUnitLayout::labels() const {
  std::vector<std::string> labels = department_labels_;
  labels.insert(labels.end(), merged_labels_.begin(), merged_labels_.end());
  labels.push_back("approval_bureau");
  labels.push_back("city");
  return labels;
}

std::vector<std::int32_t> ApprovalUnitLayout::servers(std::int32_t per_department,
                                                      std::int32_t city_servers) const {
  std::vector<std::int32_t> servers(static_cast<std::size_t>(unit_count()), 0);
  for (std::int32_t d = 0; d < departments(); ++d) {
    servers[static_cast<std::size_t>(d)] = per_department;
    servers[static_cast<std::size_t>(merged_department_of(d))] += per_department;
  }
  servers[static_cast<std::size_t>(bureau())] = per_department * departments();
  servers[static_cast<std::size_t>(city())] = city_servers;
  return servers;
}

}  // namespace reformsim::models
