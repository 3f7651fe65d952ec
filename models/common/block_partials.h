// block_partials.h - a block reduction whose per-block partials live in a buffer kept between
// steps. It computes exactly what reformsim::block_reduce (sim/parallel/blocks.h) computes (map
// over fixed blocks in parallel, then the partials folded from the identity in block order, so
// results are bit-identical on any thread count), but block_reduce allocates its partials
// vector on every call; with this, a model's steady-state step allocates nothing
// (tests/perf/test_no_allocation_in_step.cpp). One reduction at a time per object: a model
// state owns one per reduction site (mutable where the reduction runs in a const method such as
// record(), which the engine calls on one replication's flow only).
#pragma once

#include <cstddef>
#include <vector>

#include "sim/parallel/blocks.h"

namespace reformsim::models {

template <typename T>
class BlockPartials {
 public:
  template <typename Map, typename Combine>
  T reduce(std::size_t size, T identity, Map&& map, Combine&& combine,
           std::size_t block_size = default_block_size) {
    const std::size_t blocks = block_count(size, block_size);
    if (partials_.size() < blocks) partials_.resize(blocks, identity);  // grows, never shrinks
    for_each_block(
        size, [&](const Block& block) { partials_[block.index] = map(block); }, block_size);
    return fold_in_block_order(partials_, blocks, identity, combine);
  }

 private:
  std::vector<T> partials_;
};

}  // namespace reformsim::models
