#include "models/common/rank_selection.h"

#include <gtest/gtest.h>
#include <tbb/global_control.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <vector>

#include "sim/random/random_stream.h"

namespace reformsim::models {
namespace {

// What the approval network computed before: nth_element over the selected values in order.
double serial_quantile(std::vector<double> values, double q) {
  const auto at = values.begin() + static_cast<std::ptrdiff_t>(nearest_rank(q, values.size()));
  std::nth_element(values.begin(), at, values.end());
  return *at;
}

struct Case {
  const char* name;
  std::vector<double> values;
  std::vector<std::uint8_t> selected;
};

std::vector<Case> cases() {
  RandomStream random(5, {});
  const auto lognormal = [&](std::size_t n) {
    std::vector<double> v(n);
    for (auto& x : v)
      x = random.lognormal(1.0, 0.8);
    return v;
  };
  const auto every = [](std::size_t n) { return std::vector<std::uint8_t>(n, 1); };
  std::vector<Case> all;
  // Waiting times, over several lanes on two threads; a few of them selected.
  auto waits = lognormal(100003);
  all.push_back({"lognormal", waits, every(waits.size())});
  std::vector<std::uint8_t> some(waits.size());
  for (auto& s : some)
    s = random.uniform() < 0.3;
  all.push_back({"lognormal, 30% selected", waits, some});
  // Few distinct values (deterministic service): the wanted buckets hold thousands of ties.
  std::vector<double> ties(70000);
  for (auto& x : ties)
    x = static_cast<double>(random.uniform_index(5)) * 0.25;
  all.push_back({"five distinct values", ties, every(ties.size())});
  // Both signs, signed zeros, magnitudes far apart.
  std::vector<double> awkward(40000);
  for (auto& x : awkward) {
    const auto kind = random.uniform_index(4);
    x = kind == 0 ? -0.0 : kind == 1 ? random.normal() * 1e-200 : random.normal() * 1e8;
  }
  all.push_back({"signs and magnitudes", awkward, every(awkward.size())});
  all.push_back({"one value", {3.5}, {1}});
  all.push_back({"all alike", std::vector<double>(50000, 2.0), every(50000)});
  all.push_back({"two values", {7.0, 1.0}, {1, 1}});
  return all;
}

TEST(RankSelection, GivesTheQuantilesASerialNthElementGivesOnOneAndTwoThreads) {
  const std::array q{0.5, 0.9, 0.01, 1.0};
  for (const Case& c : cases()) {
    std::vector<double> chosen;
    for (std::size_t i = 0; i < c.values.size(); ++i)
      if (c.selected[i]) chosen.push_back(c.values[i]);
    for (int threads : {1, 2}) {
      tbb::global_control control(tbb::global_control::max_allowed_parallelism,
                                  static_cast<std::size_t>(threads));
      RankSelection selection;
      for (int repeat = 0; repeat < 2; ++repeat) {  // the kept buffers reused
        const auto result = selection.quantiles(
            0, c.values.size(), [&](std::size_t i) { return c.values[i]; },
            [&](std::size_t i) { return c.selected[i] != 0; }, q);
        ASSERT_EQ(result.count, chosen.size()) << c.name;
        for (std::size_t k = 0; k < q.size(); ++k) {
          const double expected = serial_quantile(chosen, q[k]);
          EXPECT_EQ(std::bit_cast<std::uint64_t>(result.values[k]),
                    std::bit_cast<std::uint64_t>(expected))
              << c.name << ", q = " << q[k] << ", " << threads << " threads: " << result.values[k]
              << " against " << expected;
        }
      }
    }
  }
}

TEST(RankSelection, CountsNothingInAnEmptyRangeOrSelection) {
  RankSelection selection;
  const std::vector<double> values{1, 2, 3};
  const auto value = [&](std::size_t i) { return values[i]; };
  EXPECT_EQ(selection
                .quantiles(
                    1, 1, value, [](std::size_t) { return true; }, std::array{0.5})
                .count,
            0u);
  EXPECT_EQ(selection
                .quantiles(
                    0, 3, value, [](std::size_t) { return false; }, std::array{0.5})
                .count,
            0u);
  // A sub-range: [1, 3) holds 2 and 3, whose median by nearest rank is 2.
  const auto middle = selection.quantiles(
      1, 3, value, [](std::size_t) { return true; }, std::array{0.5, 0.9});
  EXPECT_EQ(middle.count, 2u);
  EXPECT_EQ(middle.values[0], 2.0);
  EXPECT_EQ(middle.values[1], 3.0);
}

TEST(RankSelection, NearestRankIsTheSmallestValueWithAtLeastQAtOrBelowIt) {
  EXPECT_EQ(nearest_rank(0.5, 10), 4u);  // the 5th of 10
  EXPECT_EQ(nearest_rank(0.5, 11), 5u);  // the 6th of 11
  EXPECT_EQ(nearest_rank(0.9, 10), 8u);
  EXPECT_EQ(nearest_rank(0.01, 10), 0u);
  EXPECT_EQ(nearest_rank(1.0, 10), 9u);
}

}  // namespace
}  // namespace reformsim::models
