// The parallel vocabulary: blocks cover every index once, reductions and buffers come out the
// same on any number of threads, blocks run on exactly the thread count --threads set (inside
// a replication loop too), and a body's exception reaches the caller. Written against the
// behaviour TBB gives, so that the std::thread loops of ThreadSanitizer builds (fork_join.h)
// are held to it too.
#include <gtest/gtest.h>
#include <tbb/info.h>
#include <tbb/task_arena.h>

#include <atomic>
#include <chrono>
#include <cmath>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <vector>

#include "sim/cli/command.h"
#include "sim/parallel/blocks.h"
#include "sim/parallel/loops.h"
#include "tests/support/concurrency_probe.h"
#include "tests/support/nested_loop.h"

namespace reformsim {
namespace {

TEST(ForEachBlock, VisitsEveryIndexExactlyOnceWithBlockIndicesInOrder) {
  const std::size_t size = 10007, block_size = 100;
  std::vector<int> visits(size, 0);
  std::vector<std::size_t> block_begin(block_count(size, block_size));
  for_each_block(
      size,
      [&](const Block& block) {
        block_begin[block.index] = block.begin;
        for (std::size_t i = block.begin; i < block.end; ++i)
          ++visits[i];
      },
      block_size);
  for (int count : visits)
    ASSERT_EQ(count, 1);
  for (std::size_t b = 0; b < block_begin.size(); ++b)
    EXPECT_EQ(block_begin[b], b * block_size);
  EXPECT_EQ(block_count(0), 0u);
}

TEST(ForEachBlock, RunsEveryBlockOnceWithItsBoundsOnExactlyTheThreadsGiven) {
  const int threads = testing::more_threads_than_cores();
  ThreadPoolLimit limit(threads);
  testing::ConcurrencyProbe probe(threads);
  const std::size_t size = 1003, block_size = 10;  // the last block holds 3
  std::vector<std::atomic<int>> runs(block_count(size, block_size));
  std::vector<std::size_t> begin(runs.size()), end(runs.size());
  limit.run([&] {
    for_each_block(
        size,
        [&](const Block& block) {
          probe.task_begins();
          runs[block.index].fetch_add(1);
          begin[block.index] = block.begin;
          end[block.index] = block.end;
          probe.task_ends();
        },
        block_size);
  });
  ASSERT_EQ(runs.size(), 101u);
  for (std::size_t b = 0; b < runs.size(); ++b) {
    ASSERT_EQ(runs[b].load(), 1) << "block " << b;
    EXPECT_EQ(begin[b], b * block_size);
    EXPECT_EQ(end[b], std::min((b + 1) * block_size, size));
  }
  EXPECT_EQ(probe.peak(), threads);
  EXPECT_LE(probe.threads(), threads);
}

// A model's phases inside a replication loop: when the other replications are done, the blocks
// of the remaining one get all the threads (and never more).
TEST(ForEachBlock, BlocksInsideAReplicationLoopRunOnTheThreadsOfThatLoop) {
  const int threads = testing::more_threads_than_cores();
  ThreadPoolLimit limit(threads);
  testing::ConcurrencyProbe replications(threads), blocks(threads);
  std::vector<std::atomic<int>> runs(static_cast<std::size_t>(10 * threads));
  const auto phases_of_one_replication = [&] {
    for_each_block(
        runs.size(),
        [&](const Block& block) {
          blocks.task_begins();
          runs[block.index].fetch_add(1);
          blocks.task_ends();
        },
        1);
  };
  limit.run([&] {
    testing::run_inside_a_worker_of_an_outer_loop(static_cast<std::size_t>(threads), replications,
                                                  phases_of_one_replication);
  });
  EXPECT_EQ(replications.peak(), threads);
  EXPECT_EQ(blocks.peak(), threads);
  for (std::size_t b = 0; b < runs.size(); ++b)
    ASSERT_EQ(runs[b].load(), 1) << "block " << b;
}

TEST(ForEachBlock, RethrowsABodysExceptionOnTwoThreadsOnceEveryBlockHasStopped) {
  ThreadPoolLimit limit(2);
  std::vector<std::atomic<int>> runs(200);
  std::atomic<int> finished{0};
  bool caught = false;
  limit.run([&] {
    try {
      for_each_block(
          runs.size() * 5,
          [&](const Block& block) {
            runs[block.index].fetch_add(1);
            if (block.index == 37) throw std::out_of_range("block 37");
            std::this_thread::sleep_for(std::chrono::microseconds(200));
            finished.fetch_add(1);
          },
          5);
    } catch (const std::out_of_range& error) {
      caught = true;
      EXPECT_STREQ(error.what(), "block 37");
    }
  });
  ASSERT_TRUE(caught);
  const int finished_at_return = finished.load();
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  EXPECT_EQ(finished.load(), finished_at_return) << "a block still ran after the loop returned";
  for (std::size_t b = 0; b < runs.size(); ++b)
    ASSERT_LE(runs[b].load(), 1) << "block " << b;
}

// Values whose float sum depends on the order of addition: a tree of partials in thread
// order would change the last bits; block order must not.
double sum_on(int threads, const std::vector<double>& values) {
  tbb::task_arena arena(threads);
  double total = 0;
  arena.execute([&] {
    total = block_reduce(
        values.size(), 0.0,
        [&](const Block& block) {
          double partial = 0;
          for (std::size_t i = block.begin; i < block.end; ++i)
            partial += values[i];
          return partial;
        },
        [](double a, double b) { return a + b; }, 64);
  });
  return total;
}

TEST(BlockReduce, IsBitIdenticalOnOneTwoAndEightThreads) {
  std::vector<double> values(100000);
  for (std::size_t i = 0; i < values.size(); ++i)
    values[i] = std::sin(static_cast<double>(i)) * std::pow(10.0, static_cast<double>(i % 17));
  const double one = sum_on(1, values);
  for (int repeat = 0; repeat < 5; ++repeat) {
    EXPECT_EQ(one, sum_on(2, values));
    EXPECT_EQ(one, sum_on(8, values));
  }
}

TEST(BlockReduce, FoldsPartialsInBlockOrder) {
  // Concatenating block numbers shows the fold order directly.
  tbb::task_arena arena(8);
  std::string order;
  arena.execute([&] {
    order = block_reduce(
        50, std::string(), [](const Block& block) { return std::to_string(block.index) + ","; },
        [](std::string a, const std::string& b) { return a + b; }, 5);
  });
  EXPECT_EQ(order, "0,1,2,3,4,5,6,7,8,9,");
}

TEST(FoldInBlockOrder, FoldsTheFirstBlocksPartialsFromTheIdentityInOrder) {
  const std::vector<std::string> partials{"a", "b", "c", "stale"};
  const auto concatenate = [](std::string a, const std::string& b) { return a + b; };
  EXPECT_EQ(fold_in_block_order(partials, 3, std::string(">"), concatenate), ">abc");
  EXPECT_EQ(fold_in_block_order(partials, 0, std::string(">"), concatenate), ">");
}

TEST(BlockBuffers, MergeConcatenatesInBlockOrderAndReuseKeepsNothingOld) {
  BlockBuffers<int> buffers;
  tbb::task_arena arena(8);
  for (int round = 0; round < 2; ++round) {
    buffers.reset(block_count(1000, 10));
    arena.execute([&] {
      for_each_block(
          1000,
          [&](const Block& block) {
            for (std::size_t i = block.begin; i < block.end; ++i)
              if (i % 7 == 0) buffers[block.index].push_back(static_cast<int>(i));
          },
          10);
    });
    std::vector<int> merged;
    buffers.merge_into(merged);
    ASSERT_EQ(merged.size(), buffers.total_size());
    ASSERT_EQ(merged.size(), 143u);
    for (std::size_t k = 0; k < merged.size(); ++k)
      EXPECT_EQ(merged[k], static_cast<int>(7 * k));
  }
}

TEST(BlockBuffers, ANewBlockGetsTheReservedRoomAndResetEmptiesEveryBlock) {
  BlockBuffers<int> buffers;
  buffers.reset(3, 6);
  buffers[1].push_back(7);
  buffers.reset(5, 6);  // two new blocks; the first three keep their capacity, lose their items
  for (std::size_t block = 0; block < 5; ++block)
    EXPECT_GE(buffers[block].capacity(), 6u) << block;
  EXPECT_EQ(buffers.total_size(), 0u);
  buffers.reset(2);
  buffers[0].push_back(1);
  buffers[1].push_back(2);
  std::vector<int> merged;
  buffers.merge_into(merged);
  EXPECT_EQ(merged, (std::vector<int>{1, 2}));
}

}  // namespace
}  // namespace reformsim
