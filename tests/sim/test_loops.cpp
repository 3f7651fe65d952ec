// The parallel loops over independent tasks and the parallel sort: every index once, results
// the same on any number of threads, the writes of the tasks visible after the loop, exactly
// the thread count --threads set (nested loops too), and a body's exception at the caller.
// Written against the behaviour TBB gives, so that the std::thread loops of ThreadSanitizer
// builds (fork_join.h) are held to it too.
#include <gtest/gtest.h>
#include <tbb/info.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <mutex>
#include <numeric>
#include <stdexcept>
#include <thread>
#include <utility>
#include <vector>

#include "sim/cli/command.h"
#include "sim/parallel/loops.h"
#include "tests/support/concurrency_probe.h"
#include "tests/support/nested_loop.h"

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

// A loop of at least as many indices as threads fills them: its tasks know it (and tell their
// model phases not to cut work finer); a loop of fewer indices does not, nor does the outside.
TEST(ParallelForEachIndex, TellsItsTasksWhetherItFillsTheThreadsOnTwoThreads) {
  ThreadPoolLimit limit(2);
  EXPECT_FALSE(inside_a_loop_that_fills_the_threads());
  for (const auto& loop : {std::pair{1, false}, std::pair{2, true}, std::pair{9, true}}) {
    const int indices = loop.first;  // not a structured binding: clang 14 cannot capture one
    const bool fills = loop.second;
    std::vector<int> seen(static_cast<std::size_t>(indices), -1);
    limit.run([&] {
      parallel_for_each_index(0, indices, [&](int i) {
        seen[static_cast<std::size_t>(i)] = inside_a_loop_that_fills_the_threads();
      });
    });
    for (int flag : seen)
      EXPECT_EQ(flag, fills ? 1 : 0) << indices << " indices";
  }
  // Nested: a small loop inside a filling one is still inside the filling one.
  std::atomic<int> inner_filled{0};
  limit.run([&] {
    parallel_for_each_index(0, 4, [&](int) {
      parallel_for_each_index(0, 1,
                              [&](int) { inner_filled += inside_a_loop_that_fills_the_threads(); });
    });
  });
  EXPECT_EQ(inner_filled.load(), 4);
  EXPECT_FALSE(inside_a_loop_that_fills_the_threads());
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

TEST(ParallelForEachIndex, RunsEveryIndexOnceOnExactlyTheThreadsGiven) {
  const int threads = testing::more_threads_than_cores();
  ThreadPoolLimit limit(threads);
  testing::ConcurrencyProbe probe(threads);
  std::vector<std::atomic<int>> runs(1001);
  limit.run([&] {
    parallel_for_each_index(std::size_t{0}, runs.size(), [&](std::size_t i) {
      probe.task_begins();
      runs[i].fetch_add(1);
      probe.task_ends();
    });
  });
  for (std::size_t i = 0; i < runs.size(); ++i)
    ASSERT_EQ(runs[i].load(), 1) << "index " << i;
  EXPECT_EQ(probe.peak(), threads);
  EXPECT_LE(probe.threads(), threads);
}

TEST(ParallelForEachIndex, RunsEveryIndexOnTheCallingThreadWhenThreadsIsOne) {
  ThreadPoolLimit limit(1);
  const auto caller = std::this_thread::get_id();
  std::vector<int> on_caller(50, 0);
  limit.run([&] {
    parallel_for_each_index(0, 50, [&](int i) {
      on_caller[static_cast<std::size_t>(i)] = std::this_thread::get_id() == caller ? 1 : 2;
    });
  });
  EXPECT_EQ(on_caller, std::vector<int>(50, 1));
}

// A replication's phases inside a replication loop: when the other replications are done, the
// phases of the remaining one get all the threads (and never more).
TEST(ParallelForEachIndex, NestedLoopsRunOnTheThreadsOfTheOuterLoop) {
  const int threads = testing::more_threads_than_cores();
  ThreadPoolLimit limit(threads);
  testing::ConcurrencyProbe outer(threads), inner(threads);
  std::vector<std::atomic<int>> inner_runs(static_cast<std::size_t>(10 * threads));
  limit.run([&] {
    testing::run_inside_a_worker_of_an_outer_loop(static_cast<std::size_t>(threads), outer, [&] {
      parallel_for_each_index(std::size_t{0}, inner_runs.size(), [&](std::size_t i) {
        inner.task_begins();
        inner_runs[i].fetch_add(1);
        inner.task_ends();
      });
    });
  });
  EXPECT_EQ(outer.peak(), threads);
  EXPECT_EQ(inner.peak(), threads);
  for (std::size_t i = 0; i < inner_runs.size(); ++i)
    ASSERT_EQ(inner_runs[i].load(), 1) << "inner index " << i;
}

struct IndexFailed : std::runtime_error {
  explicit IndexFailed(std::size_t failed)
      : std::runtime_error("index " + std::to_string(failed)), index(failed) {}
  std::size_t index;
};

TEST(ParallelForEachIndex, RethrowsABodysExceptionOnTwoThreadsOnceEveryTaskHasStopped) {
  ThreadPoolLimit limit(2);
  std::vector<std::atomic<int>> runs(200);
  std::atomic<int> finished{0};
  bool caught = false;
  limit.run([&] {
    try {
      parallel_for_each_index(std::size_t{0}, runs.size(), [&](std::size_t i) {
        runs[i].fetch_add(1);
        if (i == 37) throw IndexFailed(i);
        std::this_thread::sleep_for(std::chrono::microseconds(200));
        finished.fetch_add(1);
      });
    } catch (const IndexFailed& error) {
      caught = true;
      EXPECT_EQ(error.index, 37u);
    }
  });
  ASSERT_TRUE(caught);
  const int finished_at_return = finished.load();
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  EXPECT_EQ(finished.load(), finished_at_return) << "a task still ran after the loop returned";
  for (std::size_t i = 0; i < runs.size(); ++i)
    ASSERT_LE(runs[i].load(), 1) << "index " << i;
  EXPECT_EQ(runs[37].load(), 1);
}

TEST(ParallelForEachIndex, RethrowsOneOfTheExceptionsWhenEveryBodyThrowsOnThreeThreads) {
  ThreadPoolLimit limit(3);
  limit.run([&] {
    try {
      parallel_for_each_index(10, 40,
                              [&](int i) { throw IndexFailed(static_cast<std::size_t>(i)); });
      ADD_FAILURE() << "nothing was thrown";
    } catch (const IndexFailed& error) {
      EXPECT_GE(error.index, 10u);
      EXPECT_LT(error.index, 40u);
    }
  });
}

std::vector<double> shuffled_values(std::size_t count) {
  std::vector<double> values(count);
  for (std::size_t i = 0; i < count; ++i)
    values[i] = static_cast<double>((i * 7919) % count) / 3.0;
  return values;
}

TEST(ParallelForEachTask, RunsEveryIndexOnceAsItsOwnTaskOnExactlyTheThreadsGiven) {
  // Three tasks on three threads: an adaptive partitioner may give two neighbours to one
  // thread; one task per index must have all three running at once.
  for (const std::size_t tasks : {std::size_t{3}, std::size_t{40}}) {
    const int threads = 3;
    ThreadPoolLimit limit(threads);
    testing::ConcurrencyProbe probe(threads);
    std::vector<std::atomic<int>> runs(tasks);
    limit.run([&] {
      parallel_for_each_task(std::size_t{0}, runs.size(), [&](std::size_t i) {
        probe.task_begins();
        runs[i].fetch_add(1);
        probe.task_ends();
      });
    });
    for (std::size_t i = 0; i < runs.size(); ++i)
      ASSERT_EQ(runs[i].load(), 1) << "index " << i;
    EXPECT_EQ(probe.peak(), threads) << tasks << " tasks";
  }
}

// Two threads: both tasks run at once (each waits, up to the probe's limit, for the other), and
// a parallel loop inside the second still visits every index once.
TEST(RunSideBySide, RunsBothTasksAtOnceOnTwoThreads) {
  ThreadPoolLimit limit(2);
  testing::ConcurrencyProbe probe(2);
  int first_runs = 0;
  std::vector<int> visits(1000, 0);
  limit.run([&] {
    run_side_by_side(
        [&] {
          probe.task_begins();
          ++first_runs;
          probe.task_ends();
        },
        [&] {
          probe.task_begins();
          parallel_for_each_index(std::size_t{0}, visits.size(),
                                  [&](std::size_t i) { ++visits[i]; });
          probe.task_ends();
        });
  });
  EXPECT_EQ(first_runs, 1);
  for (int count : visits)
    ASSERT_EQ(count, 1);
  EXPECT_EQ(probe.peak(), 2);
  EXPECT_EQ(probe.threads(), 2);
}

// On one thread, and inside a loop that fills the threads, first and then second on the
// calling thread: no fork.
TEST(RunSideBySide, RunsFirstThenSecondOnTheCallingThreadWhenNoThreadIsFree) {
  const auto order_and_threads = [] {
    std::vector<std::pair<int, std::thread::id>> ran;
    run_side_by_side([&] { ran.emplace_back(1, std::this_thread::get_id()); },
                     [&] { ran.emplace_back(2, std::this_thread::get_id()); });
    return ran;
  };
  const auto expect_in_order_here = [](const std::vector<std::pair<int, std::thread::id>>& ran,
                                       std::thread::id caller, const char* where) {
    ASSERT_EQ(ran.size(), 2u) << where;
    EXPECT_EQ(ran[0].first, 1) << where;
    EXPECT_EQ(ran[1].first, 2) << where;
    EXPECT_EQ(ran[0].second, caller) << where;
    EXPECT_EQ(ran[1].second, caller) << where;
  };
  {
    ThreadPoolLimit limit(1);
    limit.run([&] { expect_in_order_here(order_and_threads(), std::this_thread::get_id(), "1"); });
  }
  ThreadPoolLimit limit(2);
  limit.run([&] {
    parallel_for_each_index(0, 2, [&](int) {
      expect_in_order_here(order_and_threads(), std::this_thread::get_id(), "filling loop");
    });
  });
}

// An exception from either task reaches the caller.
TEST(RunSideBySide, RethrowsATasksExceptionOnOneAndTwoThreads) {
  for (const int threads : {1, 2}) {
    ThreadPoolLimit limit(threads);
    for (const int thrower : {0, 1}) {
      std::atomic<int> finished{0};
      const auto task = [&](int which) {
        if (which == thrower) throw std::runtime_error("task failed");
        finished.fetch_add(1);
      };
      limit.run([&] {
        EXPECT_THROW(run_side_by_side([&] { task(0); }, [&] { task(1); }), std::runtime_error)
            << threads << " threads, task " << thrower;
      });
      // On one thread a throwing first task stops the second from starting, as in the loops;
      // on two the other task may have been cancelled before it started.
      if (threads == 1) {
        EXPECT_EQ(finished.load(), thrower == 0 ? 0 : 1) << "task " << thrower;
      }
      EXPECT_LE(finished.load(), 1) << threads << " threads, task " << thrower;
    }
  }
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
