// bucket_scatter.h - a stable counting sort of n items into a fixed number of buckets, run in
// parallel over the engine's fixed blocks: each block counts its items per bucket, the
// destinations are laid out bucket by bucket and, within a bucket, block by block (a prefix
// sum in that order, on one thread), and each block then writes its own items to its own
// destinations. Every item gets the destination a serial stable counting sort gives it, on any
// number of threads, so callers stay bit-identical across thread counts. Its buffers are kept
// between calls: a steady state allocates nothing. Used by the LSD radix sort of the pay Gini
// (radix_sort.h) and the staff model's sort of staff into (unit, level) cells.
#pragma once

#include <algorithm>
#include <cstddef>
#include <vector>

#include "sim/parallel/blocks.h"

namespace reformsim::models {

class BucketScatter {
 public:
  // bucket_of(i) -> a bucket below `buckets` for each item i of [0, n); emit(i, destination)
  // is called once per item with its place in the stable order, from the block holding i (so
  // emit must only write to destination-indexed storage). Afterwards bucket b holds the
  // destinations [first(b), first(b + 1)).
  template <typename BucketOf, typename Emit>
  void scatter(std::size_t n, std::size_t buckets, BucketOf&& bucket_of, Emit&& emit,
               std::size_t block_size = default_block_size) {
    const std::size_t blocks = block_count(n, block_size);
    cursor_.assign(blocks * buckets, 0);  // assign keeps the capacity once it has grown
    for_each_block(
        n,
        [&](const Block& block) {
          std::size_t* count = cursor_.data() + block.index * buckets;
          for (std::size_t i = block.begin; i < block.end; ++i)
            ++count[bucket_of(i)];
        },
        block_size);
    first_.assign(buckets + 1, 0);
    std::size_t next = 0;
    for (std::size_t bucket = 0; bucket < buckets; ++bucket) {
      first_[bucket] = next;
      for (std::size_t block = 0; block < blocks; ++block) {
        std::size_t& slot = cursor_[block * buckets + bucket];
        const std::size_t count = slot;
        slot = next;  // from here on: the block's next destination in this bucket
        next += count;
      }
    }
    first_[buckets] = next;
    for_each_block(
        n,
        [&](const Block& block) {
          std::size_t* destination = cursor_.data() + block.index * buckets;
          for (std::size_t i = block.begin; i < block.end; ++i)
            emit(i, destination[bucket_of(i)]++);
        },
        block_size);
  }

  // Where bucket b starts after scatter(); first(buckets) is n.
  std::size_t first(std::size_t bucket) const { return first_[bucket]; }

 private:
  std::vector<std::size_t> cursor_;  // blocks x buckets: counts, then next destinations
  std::vector<std::size_t> first_;
};

}  // namespace reformsim::models
