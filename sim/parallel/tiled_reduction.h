// tiled_reduction.h - a block reduction whose agents' own work can be spread finer than its
// blocks. A reduction's result depends on its block size (the order of its floating-point
// sums), so the block size cannot shrink without changing every result; but most of a kernel's
// time is each agent's own work (its draws, its state update), not the sum. Here a kernel is
// written as
//
//   item_of(i, tile) -> Item        agent i's own work, returning what it adds to the total
//                                   (tile = i / tile_size: the index of a per-tile buffer
//                                   for anything it emits, such as BlockBuffers)
//   add(T& partial, const Item&, i) folding that into its block's partial, in agent order
//
// and runs in one of two schedules with the same result, bit for bit:
//
//   whole blocks: one task per block computes and folds each agent in turn (no storage);
//   tiles:        one loop computes every agent's Item in tiles of tile_size, stored per
//                 agent, then a second folds the stored Items per block.
//
// The folds are the same additions in the same order either way, so the choice is free: the
// automatic schedule takes tiles when there are too few blocks to keep the threads busy
// (10,000 agents are 3 blocks of 4,096 for two threads) and no enclosing loop of replications
// keeps them busy already. Measurements: bench/README.md, "Tiles".
#pragma once

#include <cstddef>
#include <vector>

#include "sim/parallel/blocks.h"
#include "sim/parallel/fork_join.h"
#include "sim/parallel/loops.h"

namespace reformsim {

// Agents per tile: an eighth of a block, so a block's worth of work splits eight ways.
inline constexpr std::size_t default_tile_size = default_block_size / 8;

enum class TiledSchedule { automatic, whole_blocks, tiles };

// Whether the automatic schedule uses tiles: with fewer than four blocks per thread the busier
// thread's share of whole blocks is well above an even share (3 blocks on 2 threads: 2/3), and
// storing the Items (written and read back once) costs less than that imbalance.
inline bool tiles_pay_off(std::size_t size, int threads) {
  return threads > 1 && block_count(size) < 4 * static_cast<std::size_t>(threads);
}

// The automatic schedule's choice for `size` agents here: tiles when they pay off on this
// loop's threads, unless an enclosing loop of replications already fills the threads (loops.h):
// there tiles only add forks (measured 0.97x for ensembles, bench/README.md).
inline bool use_tiles(std::size_t size) {
  return !inside_a_loop_that_fills_the_threads() && tiles_pay_off(size, loop_threads());
}

// The block size for a loop with no reduction, whose results no block size changes: tiles
// where use_tiles, blocks otherwise (fewer tasks).
inline std::size_t elementwise_block_size(std::size_t size) {
  return use_tiles(size) ? default_tile_size : default_block_size;
}

// Keeps the per-block partials and the per-agent Items between calls, so that a model's
// steady-state step allocates nothing. One reduction at a time per object.
template <typename T, typename Item>
class TiledReduction {
 public:
  template <typename ItemOf, typename Add, typename Combine>
  T reduce(std::size_t size, T identity, ItemOf&& item_of, Add&& add, Combine&& combine,
           TiledSchedule schedule = TiledSchedule::automatic) {
    const std::size_t blocks = block_count(size);
    if (partials_.size() < blocks) partials_.resize(blocks, identity);  // grows, never shrinks
    if (schedule == TiledSchedule::automatic)
      schedule = use_tiles(size) ? TiledSchedule::tiles : TiledSchedule::whole_blocks;
    if (schedule == TiledSchedule::tiles) {
      if (items_.size() < size) items_.resize(size);
      for_each_block(
          size,
          [&](const Block& tile) {
            for (std::size_t i = tile.begin; i < tile.end; ++i)
              items_[i] = item_of(i, tile.index);
          },
          default_tile_size);
      for_each_block(size, [&](const Block& block) {
        T partial = identity;
        for (std::size_t i = block.begin; i < block.end; ++i)
          add(partial, items_[i], i);
        partials_[block.index] = partial;
      });
    } else {
      for_each_block(size, [&](const Block& block) {
        T partial = identity;
        for (std::size_t i = block.begin; i < block.end; ++i) {
          const Item item = item_of(i, i / default_tile_size);
          add(partial, item, i);
        }
        partials_[block.index] = partial;
      });
    }
    return fold_in_block_order(partials_, blocks, identity, combine);
  }

 private:
  std::vector<T> partials_;
  std::vector<Item> items_;  // per agent, used by the tiled schedule only
};

// Tiles of [0, size): how many per-tile buffers item_of's tile index needs.
inline std::size_t tile_count(std::size_t size) {
  return block_count(size, default_tile_size);
}

}  // namespace reformsim
