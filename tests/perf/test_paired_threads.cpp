// The benchmarks' in-process pairing of 1- and 2-thread rounds (bench/paired_threads.h): the
// same steps from the same reset state on an arena of one thread and one of two, in
// alternating order, and the summary: median, lowest and highest of the pairs' efficiencies.
#include <gtest/gtest.h>
#include <tbb/task_arena.h>

#include <stdexcept>
#include <utility>
#include <vector>

#include "bench/paired_threads.h"

namespace reformsim::bench {
namespace {

TEST(SummarisePairs, GivesTheMedianLowestAndHighestOfTwoThreadOverOneThreadRatesHalved) {
  const auto odd = summarise_pairs({100, 100, 100}, {180, 200, 150});
  EXPECT_DOUBLE_EQ(odd.median, 0.9);
  EXPECT_DOUBLE_EQ(odd.lowest, 0.75);
  EXPECT_DOUBLE_EQ(odd.highest, 1.0);
  EXPECT_EQ(odd.pairs, 3u);
  // Pairs are ratios of their own two rounds: a host twice as fast in the second pair cancels.
  const auto even = summarise_pairs({100, 200, 100, 100}, {160, 360, 190, 170});
  EXPECT_DOUBLE_EQ(even.median, 0.875);  // between 0.85 and 0.9
  EXPECT_THROW(summarise_pairs({1, 2}, {1}), std::invalid_argument);
  EXPECT_THROW(summarise_pairs({}, {}), std::invalid_argument);
}

TEST(MeasurePairedEfficiency, TimesTheSameStepsFromTheSameStartOnOneAndOnTwoThreads) {
  // A round is a reset, one untimed step and the timed steps; the log records which arena
  // each reset and step ran in, and how far the state had come.
  std::vector<std::pair<char, int>> log;
  int state = 0;
  const auto result = measure_paired_efficiency(
      [&] {
        state = 0;
        log.push_back({'r', tbb::this_task_arena::max_concurrency()});
      },
      [&] {
        log.push_back({'s', tbb::this_task_arena::max_concurrency()});
        return static_cast<double>(++state);  // a population that grows
      },
      4, 0.002);
  EXPECT_EQ(result.pairs, 4u);
  EXPECT_GT(result.median, 0);
  // Split the log into rounds at each reset: the counting round, then pairs in alternating
  // order of thread counts, every round after the first with the same number of steps.
  std::vector<int> threads;
  std::vector<std::size_t> steps;
  for (const auto& [what, concurrency] : log) {
    if (what == 'r') {
      threads.push_back(concurrency);
      steps.push_back(0);
    } else {
      ASSERT_EQ(concurrency, threads.back()) << "a step outside its round's arena";
      ++steps.back();
    }
  }
  EXPECT_EQ(threads, (std::vector<int>{1, 1, 2, 2, 1, 1, 2, 2, 1}));
  ASSERT_GE(steps[0], 2u);
  for (std::size_t round = 1; round < steps.size(); ++round)
    EXPECT_EQ(steps[round], steps[0]) << round;  // the counting round's steps, plus the untimed
  const double timed = static_cast<double>(steps[0] - 1);
  // The timed steps return 2, 3, ..., timed + 1 (after the untimed one): their mean.
  EXPECT_DOUBLE_EQ(result.agents_per_step, (timed + 3) / 2);
}

}  // namespace
}  // namespace reformsim::bench
