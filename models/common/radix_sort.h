// radix_sort.h - ascending sort of doubles by LSD radix sort on the order-preserving 64-bit key
// (sign bit flipped for non-negative values, every bit flipped for negative ones), 8 bits per
// pass, in parallel over the engine's fixed blocks (each pass a stable BucketScatter). Only the
// digits below the highest bit in which the smallest and largest keys differ are sorted: every
// value shares the digits above it. The result is the sequence std::sort gives for values
// without NaN (equal values are indistinguishable), so results that depend only on the sorted
// values are bit-identical on any thread count and to a comparison sort; it is O(n), without
// the branch mispredictions of a comparison sort, and allocates nothing once its buffers have
// grown. Used for the daily pay Gini of the staff model (bench/README.md: 83 -> 18 us a day
// for the 1,636 Binhai staff, and the parallel passes in its "Threads" section).
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

// Kept between sorts (one sort at a time per object).
struct RadixSortBuffers {
  std::vector<std::uint64_t> keys, scratch;
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
  std::uint64_t* from = keys;
  std::uint64_t* to = buffers.scratch.data();
  for (unsigned digit = 0; digit < digits; ++digit) {
    const unsigned shift = 8 * digit;
    buffers.scatter.scatter(
        n, 256, [from, shift](std::size_t i) { return (from[i] >> shift) & 0xFF; },
        [from, to](std::size_t i, std::size_t destination) { to[destination] = from[i]; });
    std::swap(from, to);
  }
  for_each_block(n, [&](const Block& block) {
    for (std::size_t i = block.begin; i < block.end; ++i)
      sorted[i] = value_of_order_key(from[i]);
  });
}

inline void radix_sort(std::vector<double>& values, RadixSortBuffers& buffers) {
  radix_sort_into(values, values, buffers);
}

}  // namespace reformsim::models
