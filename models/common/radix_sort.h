// radix_sort.h - ascending sort of doubles by LSD radix sort on the order-preserving 64-bit key
// (sign bit flipped for non-negative values, every bit flipped for negative ones), 8 bits per
// pass, in parallel over the engine's fixed blocks (each pass a stable BucketScatter). Only the
// digits below the highest bit in which the smallest and largest keys differ are sorted: every
// value shares the digits above it. The result is the sequence std::sort gives for values
// without NaN (equal values are indistinguishable), so results that depend only on the sorted
// values are bit-identical on any thread count and to a comparison sort. Only the highest
// four of those digits get a radix pass; keys equal in them are then sorted run by run
// (O(n) for values as spread as pays, O(n log n) at worst). It avoids the branch mispredictions
// of a comparison sort and allocates nothing once its buffers have grown. Used for the daily pay
// Gini of the staff model (bench/README.md: 83 -> 18 us a day for the 1,636 Binhai staff, and the
// parallel passes in its "Threads" section).
#pragma once

#include <algorithm>
#include <bit>
#include <cstdint>
#include <limits>
#include <span>
#include <utility>
#include <vector>

#include "models/common/block_partials.h"
#include "models/common/bucket_scatter.h"

namespace reformsim::models {

inline std::uint64_t order_key(double value) {
  constexpr std::uint64_t sign = std::uint64_t{1} << 63;
  const auto bits = std::bit_cast<std::uint64_t>(value);
  return bits ^ ((bits & sign) ? ~std::uint64_t{0} : sign);
}

inline double value_of_order_key(std::uint64_t key) {
  constexpr std::uint64_t sign = std::uint64_t{1} << 63;
  return std::bit_cast<double>(key ^ ((key & sign) ? sign : ~std::uint64_t{0}));
}

// The smallest and largest key of a set of values.
struct KeyRange {
  std::uint64_t low = std::numeric_limits<std::uint64_t>::max(), high = 0;
};

// Digits sorted by the radix passes: the highest four below the bits every key shares. Keys
// that agree on those 32 bits are left in runs, each then sorted on its own
// (sort_runs_of_equal_prefix). A pay's key differs from the lowest to the highest pay in about
// 54 bits, so this is 4 passes of count and scatter instead of 7; with three (24 bits) the
// runs of 1e5 pays averaged 2.2 keys and their sorting cost what the pass saved
// (bench/staff/README.md).
inline constexpr unsigned radix_sorted_digits = 4;

// Keys sorted by key >> shift become sorted by the whole key: every run of keys with the same
// prefix (key >> shift) is sorted by itself, by insertion when short, else by std::sort unless
// in order already, so a distribution crowded into few prefixes costs O(n log n), never more;
// then sorted_run(begin, end) is called for it, from the task that sorted it. In parallel over
// the engine's blocks, in two loops so that no task reads what another writes: the first finds
// where the first run starting in each block begins (reading only), the second sorts the runs
// that start in each block, the last of them to where the next block's first run begins.
// run_starts: kept by the caller (one entry per block and one more).
template <class SortedRun>
void sort_runs_of_equal_prefix(std::uint64_t* keys, std::size_t n, unsigned shift,
                               std::vector<std::size_t>& run_starts, SortedRun&& sorted_run) {
  constexpr std::size_t insertion_limit = 16;
  const auto same_run = [keys, shift](std::size_t i, std::size_t j) {
    return keys[i] >> shift == keys[j] >> shift;
  };
  constexpr std::size_t no_start = std::numeric_limits<std::size_t>::max();
  const std::size_t blocks = block_count(n);
  run_starts.assign(blocks + 1, n);  // assign keeps the capacity once it has grown
  for_each_block(n, [&](const Block& block) {
    std::size_t first = block.begin;
    while (first > 0 && first < block.end && same_run(first, first - 1))
      ++first;
    run_starts[block.index] = first < block.end ? first : no_start;
  });
  // A block where no run starts takes the next block's first start (it has nothing to sort).
  for (std::size_t b = blocks; b-- > 0;)
    if (run_starts[b] == no_start) run_starts[b] = run_starts[b + 1];
  for_each_block(n, [&](const Block& block) {
    const std::size_t last_end = run_starts[block.index + 1];
    for (std::size_t begin = run_starts[block.index]; begin < block.end;) {
      std::size_t end = begin + 1;
      while (end < last_end && same_run(end, begin))
        ++end;
      if (end - begin > insertion_limit) {
        // Runs of equal values (the pays of a level before pay follows the KPI) are in order.
        if (!std::is_sorted(keys + begin, keys + end)) std::sort(keys + begin, keys + end);
      } else {
        for (std::size_t i = begin + 1; i < end; ++i) {
          const std::uint64_t key = keys[i];
          std::size_t j = i;
          for (; j > begin && keys[j - 1] > key; --j)
            keys[j] = keys[j - 1];
          keys[j] = key;
        }
      }
      sorted_run(begin, end);
      begin = end;
    }
  });
}

// Kept between sorts (one sort at a time per object).
struct RadixSortBuffers {
  std::vector<std::uint64_t> keys, scratch;
  std::vector<std::size_t> run_starts;
  BucketScatter scatter;
  BlockPartials<KeyRange> ranges;
};

// sorted = the values in ascending order (resized to their number; values may be sorted itself).
inline void radix_sort_into(std::span<const double> values, std::vector<double>& sorted,
                            RadixSortBuffers& buffers) {
  const std::size_t n = values.size();
  const bool in_place = values.data() == sorted.data();
  if (!in_place) sorted.resize(n);  // resize, not assign: grows geometrically with the agents
  const auto copy_unsorted = [&] {
    if (!in_place) std::copy(values.begin(), values.end(), sorted.begin());
  };
  if (n < 2) return copy_unsorted();
  buffers.keys.resize(n);
  buffers.scratch.resize(n);
  std::uint64_t* keys = buffers.keys.data();
  const KeyRange range = buffers.ranges.reduce(
      n, KeyRange{},
      [&](const Block& block) {
        KeyRange r;
        for (std::size_t i = block.begin; i < block.end; ++i) {
          keys[i] = order_key(values[i]);
          r.low = std::min(r.low, keys[i]), r.high = std::max(r.high, keys[i]);
        }
        return r;
      },
      [](KeyRange a, const KeyRange& b) {
        return KeyRange{std::min(a.low, b.low), std::max(a.high, b.high)};
      });
  if (range.low == range.high) return copy_unsorted();  // all values alike: already in order
  const int highest_differing_bit = 63 - std::countl_zero(range.low ^ range.high);
  const auto digits = static_cast<unsigned>(highest_differing_bit / 8 + 1);
  const unsigned lowest_digit = digits > radix_sorted_digits ? digits - radix_sorted_digits : 0;
  std::uint64_t* from = keys;
  std::uint64_t* to = buffers.scratch.data();
  for (unsigned digit = lowest_digit; digit < digits; ++digit) {
    const unsigned shift = 8 * digit;
    buffers.scatter.scatter(
        n, 256, [from, shift](std::size_t i) { return (from[i] >> shift) & 0xFF; },
        [from, to](std::size_t i, std::size_t destination) { to[destination] = from[i]; });
    std::swap(from, to);
  }
  const auto write_values = [&sorted, from](std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i)
      sorted[i] = value_of_order_key(from[i]);
  };
  if (lowest_digit == 0)
    for_each_block(n, [&](const Block& block) { write_values(block.begin, block.end); });
  else  // each run written as soon as it is sorted, while its keys are in the cache
    sort_runs_of_equal_prefix(from, n, 8 * lowest_digit, buffers.run_starts, write_values);
}

inline void radix_sort(std::vector<double>& values, RadixSortBuffers& buffers) {
  radix_sort_into(values, values, buffers);
}

}  // namespace reformsim::models
