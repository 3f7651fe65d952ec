// blocks.h - the engine's parallel vocabulary. Work is cut into fixed-size blocks whose
// boundaries depend only on the problem size, never on the thread count; blocks run under
// tbb::parallel_for (in ThreadSanitizer builds on fork_join.h's threads instead), and anything
// they produce (partial sums, buffered events) is combined in block order afterwards. That is
// what makes results bit-identical on 1, 2 or 64 threads.
#pragma once

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <cstddef>
#include <vector>

#include "sim/parallel/thread_sanitizer.h"
#ifdef REFORMSIM_THREAD_SANITIZER
#include "sim/parallel/fork_join.h"
#endif

namespace reformsim {

// Agents per block: large enough to amortise scheduling, small enough to balance 2-64 threads.
inline constexpr std::size_t default_block_size = 4096;

struct Block {
  std::size_t index;  // 0, 1, ... in the order of the agents
  std::size_t begin;  // first agent
  std::size_t end;    // one past the last agent
};

inline std::size_t block_count(std::size_t size, std::size_t block_size = default_block_size) {
  return (size + block_size - 1) / block_size;
}

// Runs body(Block) for every block of [0, size), in parallel, one block per task. The first
// exception a body throws is rethrown here once the loop has stopped.
template <typename Body>
void for_each_block(std::size_t size, Body&& body, std::size_t block_size = default_block_size) {
  const std::size_t blocks = block_count(size, block_size);
#ifdef REFORMSIM_THREAD_SANITIZER
  fork_join(blocks, loop_threads(), [&](std::size_t index) {
    const std::size_t begin = index * block_size;
    body(Block{index, begin, std::min(begin + block_size, size)});
  });
#else
  tbb::parallel_for(
      tbb::blocked_range<std::size_t>(0, blocks, 1),
      [&](const tbb::blocked_range<std::size_t>& range) {
        for (std::size_t index = range.begin(); index != range.end(); ++index) {
          const std::size_t begin = index * block_size;
          body(Block{index, begin, std::min(begin + block_size, size)});
        }
      },
      tbb::simple_partitioner());
#endif
}

// The first `blocks` partials folded from the identity in block order: the one order of a
// block reduction's sum, whatever the thread count.
template <typename T, typename Combine>
T fold_in_block_order(const std::vector<T>& partials, std::size_t blocks, T identity,
                      Combine&& combine) {
  T total = identity;
  for (std::size_t block = 0; block < blocks; ++block)
    total = combine(total, partials[block]);
  return total;
}

// Computes map(Block) -> T for every block in parallel, then folds the partials in block order
// with combine(T accumulated, T partial) -> T: floating-point sums come out the same whatever
// the number of threads.
template <typename T, typename Map, typename Combine>
T block_reduce(std::size_t size, T identity, Map&& map, Combine&& combine,
               std::size_t block_size = default_block_size) {
  std::vector<T> partials(block_count(size, block_size), identity);
  for_each_block(
      size, [&](const Block& block) { partials[block.index] = map(block); }, block_size);
  return fold_in_block_order(partials, partials.size(), identity, combine);
}

// Per-block output buffers for cross-agent effects (entries, hand-offs, applications): each
// block appends to its own vector without locks; merge() concatenates them in block order.
template <typename T>
class BlockBuffers {
 public:
  // Keeps the vectors' capacity between steps, so a steady state allocates nothing; a block
  // seen for the first time gets room for reserve_each items at once (one allocation, not
  // the few of growing from empty).
  void reset(std::size_t blocks, std::size_t reserve_each = 0) {
    if (buffers_.size() < blocks) {
      const std::size_t first_new = buffers_.size();
      buffers_.resize(blocks);
      for (std::size_t block = first_new; block < blocks; ++block)
        buffers_[block].reserve(reserve_each);
    }
    for (auto& buffer : buffers_)
      buffer.clear();
    active_ = blocks;
  }
  std::vector<T>& operator[](std::size_t block) { return buffers_[block]; }

  // Appends every buffered item to out, block 0 first.
  void merge_into(std::vector<T>& out) const {
    for (std::size_t block = 0; block < active_; ++block)
      out.insert(out.end(), buffers_[block].begin(), buffers_[block].end());
  }
  std::size_t total_size() const {
    std::size_t total = 0;
    for (std::size_t block = 0; block < active_; ++block)
      total += buffers_[block].size();
    return total;
  }

 private:
  std::vector<std::vector<T>> buffers_;
  std::size_t active_ = 0;
};

}  // namespace reformsim
