#include "models/common/stable_removal.h"

#include <gtest/gtest.h>
#include <tbb/global_control.h>

#include <atomic>
#include <cstdint>
#include <vector>

namespace reformsim::models {
namespace {

TEST(StableRemoval, RemovePositionsKeepsTheOthersInOrder) {
  const std::vector<int> values{10, 11, 12, 13, 14, 15, 16};
  const std::vector<std::pair<std::vector<std::size_t>, std::vector<int>>> cases{
      {{}, {10, 11, 12, 13, 14, 15, 16}}, {{0}, {11, 12, 13, 14, 15, 16}},
      {{6}, {10, 11, 12, 13, 14, 15}},    {{1, 2, 5}, {10, 13, 14, 16}},
      {{0, 1, 2, 3, 4, 5, 6}, {}},
  };
  for (const auto& [positions, expected] : cases) {
    auto column = values;
    remove_positions(column, positions);
    EXPECT_EQ(column, expected);
  }
}

struct ThreeColumns {
  std::vector<std::uint64_t> id;
  std::vector<std::uint8_t> flag;
  std::vector<double> value;
  static constexpr std::size_t column_count = 3;
  template <typename Visit>
  void for_each_column(Visit&& visit) {
    visit(id), visit(flag), visit(value);
  }
};

TEST(StableRemoval, EveryColumnIsVisitedOnceAndCompactedOnOneTwoAndFourThreads) {
  for (int threads : {1, 2, 4}) {
    tbb::global_control control(tbb::global_control::max_allowed_parallelism,
                                static_cast<std::size_t>(threads));
    ThreeColumns population;
    for (std::uint64_t i = 0; i < 10000; ++i) {
      population.id.push_back(i);
      population.flag.push_back(i % 7 == 3 ? 1 : 0);
      population.value.push_back(0.5 * static_cast<double>(i));
    }
    std::atomic<int> calls{0};
    for_each_column_in_parallel(
        3, [&](auto&& visit) { population.for_each_column(visit); }, [&](auto&) { ++calls; });
    EXPECT_EQ(calls.load(), 3);
    SelectedIndices positions;
    const std::size_t removed = remove_flagged(population, population.flag, positions);
    EXPECT_EQ(removed, positions.indices().size());
    EXPECT_EQ(removed, 1429u);  // i % 7 == 3 for i < 10000
    ASSERT_EQ(population.id.size(), 10000 - removed);
    ASSERT_EQ(population.value.size(), population.id.size());
    for (std::size_t k = 0; k < population.id.size(); ++k) {
      EXPECT_NE(population.id[k] % 7, 3u);
      EXPECT_EQ(population.value[k], 0.5 * static_cast<double>(population.id[k]));
      EXPECT_EQ(population.flag[k], 0);
      if (k > 0) {
        EXPECT_LT(population.id[k - 1], population.id[k]);
      }
    }
  }
}

}  // namespace
}  // namespace reformsim::models
