// The tiled block reduction: either schedule gives block_reduce's sum bit for bit on any thread
// count, computes every agent once with its tile's index, and the automatic schedule takes
// tiles exactly when the blocks are too few for the threads.
#include <gtest/gtest.h>

#include <atomic>
#include <cmath>
#include <stdexcept>
#include <vector>

#include "sim/cli/command.h"
#include "sim/parallel/blocks.h"
#include "sim/parallel/loops.h"
#include "sim/parallel/tiled_reduction.h"

namespace reformsim {
namespace {

// Values whose floating-point sum depends on the order of the additions.
std::vector<double> order_sensitive_values(std::size_t size) {
  std::vector<double> values(size);
  for (std::size_t i = 0; i < size; ++i)
    values[i] = std::sin(static_cast<double>(i)) * std::pow(10.0, static_cast<double>(i % 17));
  return values;
}

double block_reduce_sum(const std::vector<double>& values) {
  return block_reduce(
      values.size(), 0.0,
      [&](const Block& block) {
        double partial = 0;
        for (std::size_t i = block.begin; i < block.end; ++i)
          partial += values[i];
        return partial;
      },
      [](double a, double b) { return a + b; });
}

double tiled_sum(TiledReduction<double, double>& reduction, const std::vector<double>& values,
                 TiledSchedule schedule) {
  return reduction.reduce(
      values.size(), 0.0, [&](std::size_t i, std::size_t) { return values[i]; },
      [](double& partial, double value, std::size_t) { partial += value; },
      [](double a, double b) { return a + b; }, schedule);
}

TEST(TiledReduction, EqualsBlockReduceBitIdenticallyInEverySchedule) {
  for (int threads : {1, 2, 8}) {
    ThreadPoolLimit limit(threads);
    TiledReduction<double, double> reduction;  // reused across sizes: its buffers too
    for (std::size_t size : {0, 1, 511, 4096, 4097, 12289, 100003}) {
      const auto values = order_sensitive_values(size);
      limit.run([&] {
        const double expected = block_reduce_sum(values);
        for (auto schedule :
             {TiledSchedule::automatic, TiledSchedule::whole_blocks, TiledSchedule::tiles})
          EXPECT_EQ(tiled_sum(reduction, values, schedule), expected)
              << size << " agents, " << threads << " threads, schedule "
              << static_cast<int>(schedule);
      });
    }
  }
  // The check can fail: the same values summed in tiles' order come out differently.
  const auto values = order_sensitive_values(12289);
  double by_tile = 0;
  for (std::size_t tile = 0; tile < tile_count(values.size()); ++tile) {
    double partial = 0;
    for (std::size_t i = tile * default_tile_size;
         i < std::min(values.size(), (tile + 1) * default_tile_size); ++i)
      partial += values[i];
    by_tile += partial;
  }
  EXPECT_NE(by_tile, block_reduce_sum(values));
}

TEST(TiledReduction, ComputesEveryAgentOnceWithItsTileIndexOnTwoThreads) {
  ThreadPoolLimit limit(2);
  const std::size_t size = 3 * default_block_size + 100;
  for (auto schedule : {TiledSchedule::whole_blocks, TiledSchedule::tiles}) {
    std::vector<std::atomic<int>> computed(size);
    std::vector<std::size_t> tile_of(size, 0), folded_at(size, 0);
    std::atomic<std::size_t> fold_count{0};
    TiledReduction<std::size_t, std::size_t> reduction;
    std::size_t agents = 0;
    limit.run([&] {
      agents = reduction.reduce(
          size, std::size_t{0},
          [&](std::size_t i, std::size_t tile) {
            computed[i].fetch_add(1);
            tile_of[i] = tile;
            return i;
          },
          [&](std::size_t& partial, std::size_t item, std::size_t i) {
            EXPECT_EQ(item, i);  // each agent's own Item
            folded_at[i] = fold_count.fetch_add(1);
            partial += 1;
          },
          [](std::size_t a, std::size_t b) { return a + b; }, schedule);
    });
    EXPECT_EQ(agents, size);
    for (std::size_t i = 0; i < size; ++i) {
      ASSERT_EQ(computed[i].load(), 1) << i;
      ASSERT_EQ(tile_of[i], i / default_tile_size) << i;
      // Within a block the fold runs in agent order.
      if (i % default_block_size != 0) {
        ASSERT_GT(folded_at[i], folded_at[i - 1]) << i;
      }
    }
  }
}

// Which schedule ran is visible from when the first fold happens: the tiled schedule computes
// every agent first, whole blocks fold each agent right after computing it.
std::size_t computed_before_first_fold(std::size_t size, int threads, TiledSchedule schedule) {
  ThreadPoolLimit limit(threads);
  std::atomic<std::size_t> computed{0}, at_first_fold{size + 1};
  TiledReduction<int, int> reduction;
  limit.run([&] {
    reduction.reduce(
        size, 0,
        [&](std::size_t, std::size_t) {
          computed.fetch_add(1);
          return 1;
        },
        [&](int& partial, int item, std::size_t) {
          std::size_t unset = size + 1;
          at_first_fold.compare_exchange_strong(unset, computed.load());
          partial += item;
        },
        [](int a, int b) { return a + b; }, schedule);
  });
  return at_first_fold.load();
}

TEST(TiledReduction, AutomaticScheduleTakesTilesOnlyForFewBlocksOnSeveralThreads) {
  const std::size_t few = 3 * default_block_size, many = 16 * default_block_size;
  EXPECT_EQ(computed_before_first_fold(few, 2, TiledSchedule::automatic), few);
  EXPECT_LT(computed_before_first_fold(few, 1, TiledSchedule::automatic), few);
  EXPECT_LT(computed_before_first_fold(many, 2, TiledSchedule::automatic), many);
  EXPECT_EQ(computed_before_first_fold(many, 2, TiledSchedule::tiles), many);
  EXPECT_LT(computed_before_first_fold(few, 2, TiledSchedule::whole_blocks), few);
}

// Inside a loop of replications that fills the threads, the automatic schedule keeps whole
// blocks: the replications already keep every thread busy.
TEST(TiledReduction, AutomaticScheduleKeepsWholeBlocksInsideALoopThatFillsTheThreads) {
  const std::size_t few = 3 * default_block_size;
  ThreadPoolLimit limit(2);
  std::vector<std::size_t> at_first_fold(2);
  limit.run([&] {
    parallel_for_each_index(std::size_t{0}, std::size_t{2}, [&](std::size_t r) {
      std::atomic<std::size_t> computed{0};
      std::atomic<std::size_t> first{few + 1};
      TiledReduction<int, int> reduction;
      reduction.reduce(
          few, 0,
          [&](std::size_t, std::size_t) {
            computed.fetch_add(1);
            return 1;
          },
          [&](int& partial, int item, std::size_t i) {
            std::size_t unset = few + 1;
            if (i % default_block_size == 0) first.compare_exchange_strong(unset, computed.load());
            partial += item;
          },
          [](int a, int b) { return a + b; });
      at_first_fold[r] = first.load();
    });
  });
  for (std::size_t first : at_first_fold)
    EXPECT_LT(first, few);  // folds began before every agent was computed: whole blocks
}

TEST(TiledReduction, RethrowsAnAgentsExceptionInEitherScheduleOnTwoThreads) {
  ThreadPoolLimit limit(2);
  for (auto schedule : {TiledSchedule::whole_blocks, TiledSchedule::tiles}) {
    TiledReduction<double, double> reduction;
    limit.run([&] {
      EXPECT_THROW(reduction.reduce(
                       10000, 0.0,
                       [](std::size_t i, std::size_t) -> double {
                         if (i == 7777) throw std::domain_error("agent 7777");
                         return 1.0;
                       },
                       [](double& partial, double item, std::size_t) { partial += item; },
                       [](double a, double b) { return a + b; }, schedule),
                   std::domain_error);
    });
  }
}

TEST(TilesPayOff, WithFewerThanFourBlocksPerThreadAndMoreThanOneThread) {
  EXPECT_TRUE(tiles_pay_off(1, 2));
  EXPECT_TRUE(tiles_pay_off(7 * default_block_size, 2));
  EXPECT_FALSE(tiles_pay_off(8 * default_block_size, 2));
  EXPECT_TRUE(tiles_pay_off(8 * default_block_size, 4));
  EXPECT_FALSE(tiles_pay_off(3 * default_block_size, 1));
}

TEST(ElementwiseBlockSize, IsATileForFewBlocksOnTwoThreadsAndABlockOtherwise) {
  ThreadPoolLimit two(2);
  two.run([] {
    EXPECT_EQ(elementwise_block_size(10000), default_tile_size);
    EXPECT_EQ(elementwise_block_size(1000000), default_block_size);
  });
  ThreadPoolLimit one(1);
  one.run([] { EXPECT_EQ(elementwise_block_size(10000), default_block_size); });
}

TEST(TileCount, CoversEveryAgentWithTilesOfAnEighthOfABlock) {
  EXPECT_EQ(default_tile_size * 8, default_block_size);
  EXPECT_EQ(tile_count(0), 0u);
  EXPECT_EQ(tile_count(default_tile_size), 1u);
  EXPECT_EQ(tile_count(default_tile_size + 1), 2u);
}

}  // namespace
}  // namespace reformsim
