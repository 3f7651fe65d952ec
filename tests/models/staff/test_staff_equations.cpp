// The staff mathematics against hand computations: organisational efficiency, Gini, competence
// carried over or drawn anew between levels, the bonus pool under performance pay, effort.
#include <gtest/gtest.h>

#include <cmath>

#include "models/staff/staff_equations.h"
#include "models/staff/workforce.h"
#include "sim/random/random_stream.h"

namespace reformsim::models {
namespace {

TEST(OrganisationalEfficiency, EqualsTheHandComputationOverOccupiedPosts) {
  Workforce staff;
  const std::array<StaffMember, 4> members{{{0, 0, 0, 0},   // head, post 0
                                            {1, 0, 1, 1},   // middle, post 1
                                            {2, 0, 1, -1},  // middle without a post: not counted
                                            {3, 0, 2, 3}}};
  const std::array<double, 4> competence{0.8, 0.6, 0.9, 0.5};
  for (std::size_t i = 0; i < members.size(); ++i) {
    StaffMember member = members[i];
    member.competence = competence[i];
    staff.push_back(member);
  }
  const std::vector<double> weights{3, 2, 1};
  // (3 x 0.8 + 2 x 0.6 + 1 x 0.5) / (3 + 2 + 1) = 4.1 / 6
  EXPECT_DOUBLE_EQ(organisational_efficiency(staff, weights), 4.1 / 6.0);
  staff.post[1] = -1;  // the middle manager loses the post: (2.4 + 0.5) / 4
  EXPECT_DOUBLE_EQ(organisational_efficiency(staff, weights), 2.9 / 4.0);
}

TEST(OrganisationalEfficiency, IsOneWhenEveryHolderIsFullyCompetent) {
  Workforce staff;
  for (std::uint64_t i = 0; i < 10000; ++i) {
    StaffMember member{i, 0, static_cast<std::int32_t>(i % 3), static_cast<std::int64_t>(i)};
    member.competence = 1.0;
    staff.push_back(member);
  }
  EXPECT_DOUBLE_EQ(organisational_efficiency(staff, std::vector<double>{5, 2, 1}), 1.0);
}

TEST(PayGini, MatchesHandValues) {
  EXPECT_DOUBLE_EQ(gini_of_sorted(std::vector<double>{1, 1, 1, 1}), 0.0);
  EXPECT_DOUBLE_EQ(gini_of_sorted(std::vector<double>{0, 0, 0, 1}), 0.75);
  // {1, 2, 3}: mean absolute difference 8/9, over twice the mean 4: 2/9.
  EXPECT_DOUBLE_EQ(gini_of_sorted(std::vector<double>{1, 2, 3}), 2.0 / 9.0);
}

TEST(Competence, IsFitTimesClampedAbilityPlusAptitude) {
  EXPECT_DOUBLE_EQ(competence(0.6, 1.0, 0.85, 0.1), 0.85 * 0.7);
  EXPECT_DOUBLE_EQ(competence(0.95, 2.0, 1.0, 0.1), 1.0);
  EXPECT_DOUBLE_EQ(competence(0.05, -1.0, 1.0, 0.1), 0.0);
}

TEST(Competence, IsCarriedOverAtCorrelationOneAndDrawnAnewAtZero) {
  EXPECT_DOUBLE_EQ(aptitude_after_move(0.7, 1.0, -1.3), 0.7);
  EXPECT_DOUBLE_EQ(aptitude_after_move(0.7, 0.0, -1.3), -1.3);
  // rho = 0.5 between: the sample correlation of 20000 pairs has standard error ~0.006; 0.03
  // is five of them.
  double sum_xy = 0, sum_xx = 0, sum_yy = 0;
  for (std::uint64_t k = 0; k < 20000; ++k) {
    RandomStream random(2, DrawAddress{1, 1, k, 0});
    const double before = random.normal();
    const double after = aptitude_after_move(before, 0.5, random.normal());
    sum_xy += before * after, sum_xx += before * before, sum_yy += after * after;
  }
  EXPECT_NEAR(sum_xy / std::sqrt(sum_xx * sum_yy), 0.5, 0.03);
  EXPECT_NEAR(sum_yy / 20000, 1.0, 0.05);  // the aptitude stays standard normal
}

TEST(Pay, KeepsTheBonusPoolWhateverTheSensitivity) {
  StaffSettings settings;
  settings.bonus_share = 0.3, settings.additional_pay_share = 0.1;
  const std::vector<double> kpi{0.2, 0.5, 0.8};
  for (double sensitivity : {0.0, 0.4, 1.0}) {
    double total = 0;
    for (double k : kpi)
      total += pay(100, settings, sensitivity, k, 0.5);
    EXPECT_NEAR(total / 3, flat_pay(100, settings), 1e-9) << sensitivity;
  }
  EXPECT_DOUBLE_EQ(pay(100, settings, 0.0, 0.2, 0.5), 140.0);  // one big pot: all equal
  EXPECT_DOUBLE_EQ(pay(100, settings, 1.0, 0.2, 0.5), 100 + 30 * 0.4 + 10);
}

TEST(Effort, RisesWithPayPerformanceSensitivityFromItsFloor) {
  StaffSettings settings;
  settings.effort_floor = 0.6, settings.effort_half_sensitivity = 0.2;
  EXPECT_DOUBLE_EQ(effort_target(settings, 0.0, 0.0), 0.6);
  EXPECT_DOUBLE_EQ(effort_target(settings, 0.2, 0.0), 0.8);  // half the gap at the half point
  EXPECT_LT(effort_target(settings, 0.05, 0.0), effort_target(settings, 0.6, 0.0));
  EXPECT_DOUBLE_EQ(effort_target(settings, 0.6, 0.5), 1.0);  // never above 1
  EXPECT_DOUBLE_EQ(next_effort(0.6, 0.9, 0.1), 0.63);
}

}  // namespace
}  // namespace reformsim::models
