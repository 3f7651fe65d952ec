// The parallel loops over independent tasks and the parallel sort: every index once, results
// the same on any number of threads, and the writes of the tasks visible after the loop.
#include <gtest/gtest.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <numeric>
#include <vector>

#include "sim/parallel/loops.h"

namespace reformsim {
namespace {

TEST(ParallelForEachIndex, VisitsEveryIndexOnceOnOneAndTwoThreads) {
  for (int threads : {1, 2}) {
    tbb::task_arena arena(threads);
    std::vector<int> visits(1000, 0);
    arena.execute([&] {
      parallel_for_each_index(std::size_t{0}, visits.size(), [&](std::size_t i) { ++visits[i]; });
    });
    for (int count : visits)
      ASSERT_EQ(count, 1) << threads << " threads";
  }
}

TEST(ParallelForEachIndex, HonoursAnOffsetRangeAndSignedIndices) {
  std::vector<long> seen(10, -1);
  parallel_for_each_index(long{3}, long{8}, [&](long i) { seen[static_cast<std::size_t>(i)] = i; });
  for (long i = 0; i < 10; ++i)
    EXPECT_EQ(seen[static_cast<std::size_t>(i)], i >= 3 && i < 8 ? i : -1);
  parallel_for_each_index(5, 5, [&](int) { FAIL() << "an empty range runs nothing"; });
}

// Nested loops (replications, inside them the model's phases) on two threads: the outer
// task's writes from the inner loop are all there when the outer loop returns.
TEST(ParallelForEachIndex, NestedLoopsOnTwoThreadsSeeEveryInnerWrite) {
  tbb::task_arena arena(2);
  std::vector<std::vector<double>> tables(8, std::vector<double>(500, 0.0));
  arena.execute([&] {
    parallel_for_each_index(std::size_t{0}, tables.size(), [&](std::size_t t) {
      parallel_for_each_index(std::size_t{0}, tables[t].size(), [&](std::size_t i) {
        tables[t][i] = static_cast<double>(t * 1000 + i);
      });
    });
  });
  for (std::size_t t = 0; t < tables.size(); ++t)
    for (std::size_t i = 0; i < tables[t].size(); ++i)
      ASSERT_EQ(tables[t][i], static_cast<double>(t * 1000 + i));
}

std::vector<double> shuffled_values(std::size_t count) {
  std::vector<double> values(count);
  for (std::size_t i = 0; i < count; ++i)
    values[i] = static_cast<double>((i * 7919) % count) / 3.0;
  return values;
}

TEST(ParallelSort, SortsAscendingByDefaultOnOneAndTwoThreads) {
  const std::vector<double> input = shuffled_values(100003);
  std::vector<double> expected = input;
  std::sort(expected.begin(), expected.end());
  for (int threads : {1, 2}) {
    tbb::task_arena arena(threads);
    std::vector<double> values = input;
    arena.execute([&] { parallel_sort(values.begin(), values.end()); });
    EXPECT_EQ(values, expected) << threads << " threads";
  }
}

TEST(ParallelSort, GivesTheSameOrderOfIndicesUnderATotalOrderWithTies) {
  // Many equal scores: ties broken by index, so the order is unique whatever the algorithm.
  std::vector<int> score(20000);
  for (std::size_t i = 0; i < score.size(); ++i)
    score[i] = static_cast<int>(i % 17);
  const auto by_score_then_index = [&](std::size_t a, std::size_t b) {
    return score[a] != score[b] ? score[a] > score[b] : a < b;
  };
  std::vector<std::size_t> expected(score.size());
  std::iota(expected.begin(), expected.end(), std::size_t{0});
  std::stable_sort(expected.begin(), expected.end(),
                   [&](std::size_t a, std::size_t b) { return score[a] > score[b]; });
  std::vector<std::size_t> order(score.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  tbb::task_arena arena(2);
  arena.execute([&] { parallel_sort(order.begin(), order.end(), by_score_then_index); });
  EXPECT_EQ(order, expected);
}

}  // namespace
}  // namespace reformsim
