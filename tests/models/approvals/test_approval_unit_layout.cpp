// The approval units: the even layout of the approvals alone, a layout from a mapping, the
// pooled servers and the labels.
#include <gtest/gtest.h>

#include <stdexcept>

#include "models/approvals/approval_unit_layout.h"

namespace reformsim::models {
namespace {

TEST(ApprovalUnitLayout, EvenLayoutDealsDepartmentsInOrderOverTheMergedOnes) {
  const auto layout = ApprovalUnitLayout::even(26, 10);
  EXPECT_EQ(layout.departments(), 26);
  EXPECT_EQ(layout.merged_departments(), 10);
  EXPECT_EQ(layout.merged_department_of(0), 26);       // floor(0 x 10 / 26)
  EXPECT_EQ(layout.merged_department_of(3), 26 + 1);   // floor(30 / 26)
  EXPECT_EQ(layout.merged_department_of(25), 26 + 9);  // floor(250 / 26)
  EXPECT_EQ(layout.bureau(), 36);
  EXPECT_EQ(layout.city(), 37);
  EXPECT_EQ(layout.unit_count(), 38);
  const auto labels = layout.labels();
  ASSERT_EQ(labels.size(), 38u);
  EXPECT_EQ(labels[0], "department_1");
  EXPECT_EQ(labels[26], "merged_department_1");
  EXPECT_EQ(labels[36], "approval_bureau");
  EXPECT_EQ(labels[37], "city");
}

TEST(ApprovalUnitLayout, MergedDepartmentsAndTheBureauPoolTheServersTheyAbsorb) {
  const ApprovalUnitLayout layout({1, 0, 1, 1}, 2, {"a", "b", "c", "d"}, {"north", "south"});
  EXPECT_EQ(layout.merged_department_of(0), 5);
  const auto servers = layout.servers(3, 7);
  EXPECT_EQ(servers, (std::vector<std::int32_t>{3, 3, 3, 3, 3, 9, 12, 7}));
  EXPECT_EQ(layout.labels(), (std::vector<std::string>{"a", "b", "c", "d", "north", "south",
                                                       "approval_bureau", "city"}));
}

TEST(ApprovalUnitLayout, RefusesAnEmptyMergedDepartmentOrAMappingOutOfRange) {
  EXPECT_THROW(ApprovalUnitLayout({0, 0}, 2), std::invalid_argument);
  EXPECT_THROW(ApprovalUnitLayout({0, 2}, 2), std::invalid_argument);
  EXPECT_THROW(ApprovalUnitLayout({0, 1}, 2, {"only one"}), std::invalid_argument);
}

}  // namespace
}  // namespace reformsim::models
