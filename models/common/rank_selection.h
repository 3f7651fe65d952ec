// rank_selection.h - nearest-rank quantiles of a selection of values, found in parallel: the
// values' order keys (radix_sort.h) are counted into 4,096 buckets below the bits every key
// shares, the bucket holding each wanted rank is found from the counts, and only that bucket's
// values are gathered and searched with nth_element. The counts are integers and a rank's value
// is one value whatever the order it was found in, so the result is exactly what a serial
// nth_element over all the values gives, on any number of threads. Used for the approval
// network's statistics window (a million completions at 1e5 applications in progress, where
// two serial nth_element calls took 10 ms a day: bench/approvals/README.md).
#pragma once

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

#include "models/common/radix_sort.h"
#include "sim/parallel/loops.h"

namespace reformsim::models {

// Nearest rank: the smallest value with at least a fraction q of the values at or below it,
// the value at 0-based rank max(ceil(q n), 1) - 1 of n values in ascending order.
inline std::size_t nearest_rank(double q, std::size_t count) {
  const auto rank = static_cast<std::size_t>(std::ceil(q * static_cast<double>(count)));
  return std::max<std::size_t>(rank, 1) - 1;
}

// Kept between calls (one call at a time per object): a steady state allocates nothing.
class RankSelection {
 public:
  template <std::size_t R>
  struct Result {
    std::size_t count = 0;           // values selected
    std::array<double, R> values{};  // at the quantiles asked for; unset when count is 0
  };

  // Room for a call on one lane with up to `values` values in the wanted buckets, made before
  // the steps so that the first days do not grow the buffers one doubling at a time.
  void reserve(std::size_t values, std::size_t ranks) {
    ranges_.reserve(1);
    counts_.reserve(buckets);
    if (gathered_.size() < ranks) gathered_.resize(ranks);
    for (auto& gathered : gathered_)
      gathered.reserve(values);
    candidates_.reserve(values);
  }

  // The nearest-rank quantiles q (each in (0, 1]) of value(i) over the i in [first, last) for
  // which selected(i); value must not be NaN. Lanes of consecutive indices run in parallel.
  // Ordered by the order keys, -0 comes before +0: nth_element holds them equal and may return
  // either, so values holding both zeros at a wanted rank could differ from it in the sign bit
  // (durations, which are never -0, cannot).
  template <std::size_t R, typename Value, typename Selected>
  Result<R> quantiles(std::size_t first, std::size_t last, Value&& value, Selected&& selected,
                      const std::array<double, R>& q) {
    Result<R> result;
    if (!(first < last)) return result;
    const std::size_t n = last - first;
    const std::size_t lanes =
        std::clamp<std::size_t>(n / min_lane_size, 1, static_cast<std::size_t>(loop_threads()));
    const auto lane_range = [&](std::size_t lane) {
      return std::pair{first + n * lane / lanes, first + n * (lane + 1) / lanes};
    };
    const auto for_each_lane = [&](auto&& body) {
      if (lanes == 1)
        body(std::size_t{0});
      else
        parallel_for_each_index(std::size_t{0}, lanes, body);
    };
    // Count and key range.
    ranges_.assign(lanes, LaneRange{});
    for_each_lane([&](std::size_t lane) {
      LaneRange r;
      const auto [begin, end] = lane_range(lane);
      for (std::size_t i = begin; i < end; ++i) {
        if (!selected(i)) continue;
        const std::uint64_t key = order_key(value(i));
        r.low = std::min(r.low, key), r.high = std::max(r.high, key), ++r.count;
      }
      ranges_[lane] = r;
    });
    LaneRange all;
    for (const LaneRange& r : ranges_)
      all.low = std::min(all.low, r.low), all.high = std::max(all.high, r.high),
      all.count += r.count;
    result.count = all.count;
    if (all.count == 0) return result;
    if (all.low == all.high) {  // all alike
      result.values.fill(value_of_order_key(all.low));
      return result;
    }
    // Buckets of the digit just below the bits every key shares (fewer when fewer bits differ).
    const int highest_differing_bit = 63 - std::countl_zero(all.low ^ all.high);
    const int shift = std::max(0, highest_differing_bit + 1 - bucket_bits);
    const std::uint64_t base = all.low >> shift;
    const auto bucket_of = [&](std::uint64_t key) {
      return static_cast<std::size_t>((key >> shift) - base);
    };
    counts_.assign(lanes * buckets, 0);
    for_each_lane([&](std::size_t lane) {
      std::uint32_t* count = counts_.data() + lane * buckets;
      const auto [begin, end] = lane_range(lane);
      for (std::size_t i = begin; i < end; ++i)
        if (selected(i)) ++count[bucket_of(order_key(value(i)))];
    });
    // Each rank's bucket and its rank within the bucket.
    std::array<std::size_t, R> bucket{}, rank_in_bucket{};
    for (std::size_t k = 0; k < R; ++k) {
      const std::size_t rank = nearest_rank(q[k], all.count);
      std::size_t below = 0;
      for (std::size_t b = 0; b < buckets; ++b) {
        std::size_t in_bucket = 0;
        for (std::size_t lane = 0; lane < lanes; ++lane)
          in_bucket += counts_[lane * buckets + b];
        if (rank < below + in_bucket) {
          bucket[k] = b, rank_in_bucket[k] = rank - below;
          break;
        }
        below += in_bucket;
      }
    }
    // The values of those buckets, each lane its own lists, then searched one rank at a time.
    if (gathered_.size() < lanes * R) gathered_.resize(lanes * R);
    for_each_lane([&](std::size_t lane) {
      for (std::size_t k = 0; k < R; ++k)
        gathered_[lane * R + k].clear();
      const auto [begin, end] = lane_range(lane);
      for (std::size_t i = begin; i < end; ++i) {
        if (!selected(i)) continue;
        const double v = value(i);
        const std::size_t b = bucket_of(order_key(v));
        for (std::size_t k = 0; k < R; ++k)
          if (b == bucket[k]) gathered_[lane * R + k].push_back(v);
      }
    });
    for (std::size_t k = 0; k < R; ++k) {
      candidates_.clear();
      for (std::size_t lane = 0; lane < lanes; ++lane)
        candidates_.insert(candidates_.end(), gathered_[lane * R + k].begin(),
                           gathered_[lane * R + k].end());
      const auto at = candidates_.begin() + static_cast<std::ptrdiff_t>(rank_in_bucket[k]);
      std::nth_element(candidates_.begin(), at, candidates_.end());
      result.values[k] = *at;
    }
    return result;
  }

 private:
  static constexpr int bucket_bits = 12;
  static constexpr std::size_t buckets = std::size_t{1} << bucket_bits;
  static constexpr std::size_t min_lane_size = 16384;  // smaller lanes cost more than they share
  struct LaneRange {
    std::uint64_t low = ~std::uint64_t{0}, high = 0;
    std::size_t count = 0;
  };
  std::vector<LaneRange> ranges_;
  std::vector<std::uint32_t> counts_;          // lanes x buckets
  std::vector<std::vector<double>> gathered_;  // lanes x ranks
  std::vector<double> candidates_;
};

}  // namespace reformsim::models
