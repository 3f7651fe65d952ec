// The std::thread loops of ThreadSanitizer builds (fork_join.h), tested in every build: each
// task once, on exactly the threads given, the count passed on to nested loops, and the first
// exception rethrown after the join. (test_loops.cpp and test_blocks.cpp hold the loops built
// on it to TBB's behaviour.)
#include <gtest/gtest.h>
#include <tbb/global_control.h>
#include <tbb/task_arena.h>

#include <atomic>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "sim/cli/command.h"
#include "sim/parallel/fork_join.h"
#include "tests/support/concurrency_probe.h"

namespace reformsim {
namespace {

TEST(ForkJoin, RunsEveryTaskOnceOnExactlyTheThreadsGiven) {
  testing::ConcurrencyProbe probe(3);
  std::vector<std::atomic<int>> runs(500);
  fork_join(runs.size(), 3, [&](std::size_t k) {
    probe.task_begins();
    runs[k].fetch_add(1);
    probe.task_ends();
  });
  for (std::size_t k = 0; k < runs.size(); ++k)
    ASSERT_EQ(runs[k].load(), 1) << "task " << k;
  EXPECT_EQ(probe.peak(), 3);
  EXPECT_EQ(probe.threads(), 3);
}

TEST(ForkJoin, RunsOnTheCallerAloneWhenThreadsIsOneOrForOneTaskAndNothingForNoTasks) {
  const auto caller = std::this_thread::get_id();
  std::vector<int> on_caller(20, 0);
  fork_join(on_caller.size(), 1,
            [&](std::size_t k) { on_caller[k] = std::this_thread::get_id() == caller ? 1 : 2; });
  EXPECT_EQ(on_caller, std::vector<int>(20, 1));
  bool ran_on_caller = false;
  fork_join(1, 4, [&](std::size_t) { ran_on_caller = std::this_thread::get_id() == caller; });
  EXPECT_TRUE(ran_on_caller);
  fork_join(0, 4, [&](std::size_t) { ADD_FAILURE() << "no tasks, nothing runs"; });
}

TEST(ForkJoin, TasksAndTheirNestedLoopsSeeTheThreadsOfTheLoop) {
  ThreadPoolLimit limit(2);
  limit.run([&] {
    ASSERT_EQ(loop_threads(), 2);
    std::vector<int> outer(12, 0), inner(12 * 12, 0);
    fork_join(outer.size(), 5, [&](std::size_t o) {
      outer[o] = loop_threads();
      fork_join(12, loop_threads(), [&](std::size_t i) { inner[o * 12 + i] = loop_threads(); });
    });
    EXPECT_EQ(outer, std::vector<int>(outer.size(), 5));
    EXPECT_EQ(inner, std::vector<int>(inner.size(), 5));
    EXPECT_EQ(loop_threads(), 2) << "the caller's count is restored after the loop";
    try {
      fork_join(4, 3, [](std::size_t) { throw std::runtime_error("stop"); });
    } catch (const std::runtime_error&) {
    }
    EXPECT_EQ(loop_threads(), 2) << "and after an exception";
  });
}

TEST(ForkJoin, RethrowsTheFirstExceptionAfterJoiningAllThreadsAndStartsNoFurtherTask) {
  std::atomic<int> ran{0};
  try {
    fork_join(1000, 3, [&](std::size_t k) {
      ran.fetch_add(1);
      throw std::runtime_error(std::to_string(k));
    });
    ADD_FAILURE() << "nothing was thrown";
  } catch (const std::runtime_error& error) {
    EXPECT_LT(std::stoul(error.what()), 1000u);
  }
  // Every task throws, so each of the three threads runs one and then stops.
  EXPECT_GE(ran.load(), 1);
  EXPECT_LE(ran.load(), 3);
}

TEST(LoopThreads, IsTheArenasThreadsCappedByTheGlobalLimit) {
  ThreadPoolLimit three(3);
  three.run([] { EXPECT_EQ(loop_threads(), 3); });
  tbb::global_control two(tbb::global_control::max_allowed_parallelism, 2);
  tbb::task_arena four(4);
  four.execute([] { EXPECT_EQ(loop_threads(), 2); });
}

}  // namespace
}  // namespace reformsim
