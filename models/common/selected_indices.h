// selected_indices.h - the indices of the agents (or posts) that satisfy a test, ascending,
// found in parallel. A day's careers or exits concern a few agents of many: finding them was a
// serial scan of the whole population on the calling thread while the others waited. Here each
// fixed block (sim/parallel/blocks.h) writes the indices it finds into its own stretch of one
// buffer, and the stretches are then closed up in block order: the same ascending list on any
// number of threads, in O(blocks + found) serial work. The buffer is kept between calls and
// grows by doubling with the population, so a steady-state step allocates nothing.
#pragma once

#include <algorithm>
#include <cstddef>
#include <span>
#include <vector>

#include "sim/parallel/blocks.h"

namespace reformsim::models {

class SelectedIndices {
 public:
  // The i in [0, size) for which keep(i) is true, ascending. keep runs once per index, on
  // any thread, so it must only read what the other calls may read.
  template <typename Keep>
  std::span<const std::size_t> select(std::size_t size, Keep&& keep,
                                      std::size_t block_size = default_block_size) {
    make_room(size, block_size, /*doubling=*/true);
    const std::size_t blocks = block_count(size, block_size);
    for_each_block(
        size,
        [&](const Block& block) {
          std::size_t found = block.begin;
          for (std::size_t i = block.begin; i < block.end; ++i)
            if (keep(i)) slots_[found++] = i;
          found_[block.index] = found - block.begin;
        },
        block_size);
    count_ = 0;
    for (std::size_t b = 0; b < blocks; ++b) {
      const std::size_t begin = b * block_size;
      if (count_ != begin)  // earlier blocks kept fewer than their size: move down
        std::copy(slots_.begin() + static_cast<std::ptrdiff_t>(begin),
                  slots_.begin() + static_cast<std::ptrdiff_t>(begin + found_[b]),
                  slots_.begin() + static_cast<std::ptrdiff_t>(count_));
      count_ += found_[b];
    }
    return indices();
  }

  // Room for select() over up to `size` indices without allocating.
  void reserve(std::size_t size, std::size_t block_size = default_block_size) {
    make_room(size, block_size, /*doubling=*/false);
  }

  // The result of the last select().
  std::span<const std::size_t> indices() const { return {slots_.data(), count_}; }

 private:
  // Doubling when a step outgrows the buffers keeps their growth to O(log n) allocations a run.
  void make_room(std::size_t size, std::size_t block_size, bool doubling) {
    const std::size_t blocks = block_count(size, block_size);
    if (slots_.size() < size) slots_.resize(doubling ? std::max(size, 2 * slots_.size()) : size);
    if (found_.size() < blocks)
      found_.resize(doubling ? std::max(blocks, 2 * found_.size()) : blocks);
  }

  std::vector<std::size_t> slots_;  // block b's indices from slots_[b * block_size]
  std::vector<std::size_t> found_;  // how many each block found
  std::size_t count_ = 0;
};

}  // namespace reformsim::models
