// The parallel vocabulary: blocks cover every index once, reductions and buffers come out the
// same on any number of threads.
#include <gtest/gtest.h>
#include <tbb/task_arena.h>

#include <cmath>

#include "sim/parallel/blocks.h"

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

}  // namespace
}  // namespace reformsim
