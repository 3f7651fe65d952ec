#include "models/staff/workforce.h"

#include <gtest/gtest.h>
#include <tbb/global_control.h>

namespace reformsim::models {
namespace {

StaffMember numbered_member(std::uint64_t id) {
  const auto x = static_cast<double>(id);
  return {id,
          static_cast<std::int32_t>(id % 9),
          static_cast<std::int32_t>(id % 5),
          static_cast<std::int64_t>(id) - 3,
          static_cast<std::uint8_t>(id % 2),
          x + 0.1,
          x + 0.2,
          x + 0.3,
          x + 0.4,
          x + 0.5,
          x + 0.6,
          x + 0.7,
          x + 0.8,
          x + 0.9,
          x + 1.0,
          x + 1.1,
          x + 1.2};
}

TEST(Workforce, ForEachColumnVisitsColumnCountColumns) {
  Workforce staff;
  std::size_t visited = 0;
  staff.for_each_column([&](auto&) { ++visited; });
  EXPECT_EQ(visited, Workforce::column_count);
}

TEST(Workforce, RemovingLeaversKeepsEveryColumnOfTheOthersInOrderOnOneAndTwoThreads) {
  for (int threads : {1, 2}) {
    tbb::global_control control(tbb::global_control::max_allowed_parallelism,
                                static_cast<std::size_t>(threads));
    Workforce staff;
    const std::uint64_t total = 10000;
    for (std::uint64_t id = 0; id < total; ++id)
      staff.push_back(numbered_member(id));
    std::size_t leaving = 0;
    for (std::uint64_t id = 0; id < total; ++id)
      if (id % 13 == 6 || id == 0) {
        staff.leaving[id] = static_cast<std::uint8_t>(id % 2 ? Leaving::retires : Leaving::exits);
        ++leaving;
      }
    EXPECT_EQ(staff.remove_leavers(), leaving);
    ASSERT_EQ(staff.size(), total - leaving);
    std::uint64_t previous = 0;
    for (std::size_t i = 0; i < staff.size(); ++i) {
      const StaffMember got = staff.member(i), expected = numbered_member(got.id);
      ASSERT_NE(got.id % 13, 6u);
      if (i > 0) {
        EXPECT_LT(previous, got.id);
      }
      previous = got.id;
      EXPECT_EQ(staff.leaving[i], 0);
      EXPECT_EQ(got.unit, expected.unit);
      EXPECT_EQ(got.level, expected.level);
      EXPECT_EQ(got.post, expected.post);
      EXPECT_EQ(got.identity, expected.identity);
      EXPECT_EQ(got.ability, expected.ability);
      EXPECT_EQ(got.aptitude, expected.aptitude);
      EXPECT_EQ(got.fit, expected.fit);
      EXPECT_EQ(got.competence, expected.competence);
      EXPECT_EQ(got.experience, expected.experience);
      EXPECT_EQ(got.age, expected.age);
      EXPECT_EQ(got.tenure, expected.tenure);
      EXPECT_EQ(got.motivation, expected.motivation);
      EXPECT_EQ(got.effort, expected.effort);
      EXPECT_EQ(got.pay, expected.pay);
      EXPECT_EQ(got.kpi, expected.kpi);
      EXPECT_EQ(got.output, expected.output);
    }
    EXPECT_EQ(staff.remove_leavers(), 0u);
  }
}

TEST(Workforce, RemovingAtPositionsEqualsRemovingThoseFlaggedAsLeavers) {
  Workforce by_positions, by_flags;
  for (std::uint64_t id = 0; id < 9000; ++id)
    by_positions.push_back(numbered_member(id)), by_flags.push_back(numbered_member(id));
  std::vector<std::size_t> positions;
  for (std::size_t i = 0; i < 9000; ++i)
    if (i % 11 == 4 || i == 8999) {
      positions.push_back(i);
      by_positions.leaving[i] = by_flags.leaving[i] = static_cast<std::uint8_t>(Leaving::exits);
    }
  by_positions.remove_at(positions);
  EXPECT_EQ(by_flags.remove_leavers(), positions.size());
  ASSERT_EQ(by_positions.size(), 9000 - positions.size());
  for (std::size_t i = 0; i < by_positions.size(); ++i) {
    ASSERT_EQ(by_positions.id[i], by_flags.id[i]);
    EXPECT_EQ(by_positions.leaving[i], 0);
    EXPECT_EQ(by_positions.pay[i], by_flags.pay[i]);
  }
  by_positions.remove_at({});  // nothing to remove
  EXPECT_EQ(by_positions.size(), by_flags.size());
}

}  // namespace
}  // namespace reformsim::models
