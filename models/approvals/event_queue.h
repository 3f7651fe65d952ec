// event_queue.h - the approval network's pending events, earliest first: a radix heap over the
// events' 128-bit keys (time, application, node, kind).
//
// Why not a comparison heap: popping the binary heap was 85% of the network's instructions and
// most of its cache misses, and a 4-ary heap of 16-byte entries still spent 65% of the time in
// pop at 1e5 applications in progress (bench/approvals/README.md): every level of a sift-down
// is a dependent load from a heap of megabytes. The network's events are monotone: an event
// handled at time t schedules events at t or later. A radix heap exploits that. Bucket i > 0
// holds the events whose key first differs from the last extracted minimum at bit i - 1
// (counting from the least significant bit), bucket 0 those equal to it; a push appends to a
// bucket, a pop takes bucket 0 or, when it is empty, re-sorts the lowest non-empty bucket into
// lower ones around its minimum. Every access is a sequential append or scan, and an event
// moves down at most 128 times (in practice a few times).
//
// A lowest bucket of at most sorted_run_limit (32) entries is not split further: it is sorted
// whole, latest first, into bucket 0, and the last minimum becomes its largest entry. Every
// entry of the higher buckets differs from that one at the same bit as from the old minimum, so
// they stay where they are; pop takes bucket 0's back, the least; an event pushed meanwhile
// below the run's largest (or equal to it) goes to the side heap below. Why: an event otherwise
// moves down about once per halving of the key range it shares with its neighbours, and the
// last few moves of a small bucket cost more than one sort of it (the approvals day 1.08-1.13x
// on one and two threads, bench/approvals/README.md, "Sorted runs").
//
// Monotone in time is not quite monotone in the key: a zero delay (a sign-off of 0 days, a
// service time of 0) schedules an event at the current time whose key can be below the one
// just handled. Those few go to a small binary heap beside the buckets, and pop takes the
// smaller of the two minima, so the queue always returns the least pending event.
//
// The order is the network's stable key, a total order, so the sequence of pops is the same
// whatever structure holds the events: results are bit-identical to the binary heap's.
#pragma once

#include <algorithm>
#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <type_traits>
#include <vector>

namespace reformsim::models {

// Kind: the event kinds, an enumeration with values below 4.
template <typename Kind>
class EventQueue {
  static_assert(std::is_enum_v<Kind>);

 public:
  // Field widths of the packed key: application ids below 2^40, nodes of a plan below 2^22,
  // kinds below 4. The network checks its applications and plans against these limits.
  static constexpr unsigned kind_bits = 2, node_bits = 22, application_bits = 40;
  static constexpr std::uint64_t max_applications = std::uint64_t{1} << application_bits;
  static constexpr std::uint32_t max_nodes = std::uint32_t{1} << node_bits;

  struct Event {
    double time;
    std::uint64_t application;
    std::uint32_t node;
    Kind kind;
  };

  // Each bucket starts with room for a few dozen events (66 KiB in all), so the first days do
  // not grow 129 vectors one doubling at a time (tests/perf counts the allocations).
  EventQueue() {
    for (auto& bucket : buckets_)
      bucket.reserve(initial_bucket_capacity);
  }

  bool empty() const { return size() == 0; }
  std::size_t size() const { return in_buckets_ + side_heap_.size(); }
  // Time of the earliest event; the queue must not be empty. Not const: it may re-sort a
  // bucket to find the earliest.
  double earliest_time();

  void push(const Event& event);
  // Removes and returns the earliest event (the smallest key among equal times); the queue
  // must not be empty.
  Event pop();

 private:
  struct Entry {
    double time;
    std::uint64_t key;  // application << 24 | node << 2 | kind: compares like the triple
  };
  // The time's bits mapped so that unsigned order is the order of the doubles (negative times
  // too: a burn-in starts before day 0); -0 and +0, equal as times, map alike.
  static std::uint64_t ordered_bits(double time) {
    if (time == 0) return std::uint64_t{1} << 63;
    const auto bits = std::bit_cast<std::uint64_t>(time);
    return bits >> 63 ? ~bits : bits | std::uint64_t{1} << 63;
  }
  static bool earlier(const Entry& a, const Entry& b) {
    return a.time < b.time || (a.time == b.time && a.key < b.key);
  }
  struct Later {
    bool operator()(const Entry& a, const Entry& b) const { return earlier(b, a); }
  };
  // Below the last minimum taken from the buckets (the same order as earlier()).
  bool below_last(const Entry& entry) const {
    const std::uint64_t time_bits = ordered_bits(entry.time);
    return time_bits < last_time_bits_ || (time_bits == last_time_bits_ && entry.key < last_key_);
  }
  // 0 when the entry's key equals the last minimum's, else 1 + the highest bit where they
  // differ, the time's 64 bits above the key's.
  std::size_t bucket_of(const Entry& entry) const {
    const std::uint64_t time_difference = ordered_bits(entry.time) ^ last_time_bits_;
    if (time_difference != 0)
      return 128 - static_cast<std::size_t>(std::countl_zero(time_difference));
    const std::uint64_t key_difference = entry.key ^ last_key_;
    return key_difference == 0 ? 0
                               : 64 - static_cast<std::size_t>(std::countl_zero(key_difference));
  }
  // Makes bucket 0 non-empty unless every bucket is empty.
  void fill_bucket_zero();
  // Whether the earliest pending entry is the side heap's top rather than bucket 0's.
  bool earliest_is_in_side_heap();

  static constexpr std::size_t bucket_count = 129, initial_bucket_capacity = 32;
  void mark(std::size_t bucket) { occupied_[bucket / 64] |= std::uint64_t{1} << bucket % 64; }
  void unmark(std::size_t bucket) { occupied_[bucket / 64] &= ~(std::uint64_t{1} << bucket % 64); }
  // The lowest non-empty bucket above 0; some bucket above 0 must be non-empty.
  std::size_t lowest_occupied_above_zero() const {
    const std::uint64_t first = occupied_[0] & ~std::uint64_t{1};
    if (first != 0) return static_cast<std::size_t>(std::countr_zero(first));
    if (occupied_[1] != 0) return 64 + static_cast<std::size_t>(std::countr_zero(occupied_[1]));
    return 128;
  }

  std::array<std::vector<Entry>, bucket_count> buckets_;
  std::array<std::uint64_t, 3> occupied_{};  // bit b: bucket b is not empty
  std::vector<Entry> side_heap_;  // entries below the last minimum (zero delays, inside a run)
  std::size_t in_buckets_ = 0;
  static constexpr std::size_t sorted_run_limit = 32;  // 96 measured the same
  bool run_in_bucket_zero_ = false;  // bucket 0 holds a sorted run, not entries equal to last
  // The last minimum taken from the buckets; at first below every key.
  std::uint64_t last_time_bits_ = 0, last_key_ = 0;
};

template <typename Kind>
void EventQueue<Kind>::push(const Event& event) {
  const Entry entry{event.time, event.application << (node_bits + kind_bits) |
                                    std::uint64_t{event.node} << kind_bits |
                                    static_cast<std::uint64_t>(event.kind)};
  const bool below = below_last(entry);
  const std::size_t bucket = below ? 0 : bucket_of(entry);
  if (below || (bucket == 0 && run_in_bucket_zero_)) {
    side_heap_.push_back(entry);
    std::push_heap(side_heap_.begin(), side_heap_.end(), Later{});
    return;
  }
  buckets_[bucket].push_back(entry);
  mark(bucket);
  ++in_buckets_;
}

template <typename Kind>
void EventQueue<Kind>::fill_bucket_zero() {
  if (!buckets_[0].empty() || in_buckets_ == 0) return;
  const std::size_t lowest = lowest_occupied_above_zero();
  std::vector<Entry>& bucket = buckets_[lowest];
  if (bucket.size() <= sorted_run_limit) {
    std::sort(bucket.begin(), bucket.end(), Later{});  // latest first: pop takes the back
    last_time_bits_ = ordered_bits(bucket.front().time);
    last_key_ = bucket.front().key;
    // Copied, not swapped: a swap would hand bucket 0's capacity around the buckets and
    // make them grow again (the run fits bucket 0's initial capacity).
    buckets_[0].assign(bucket.begin(), bucket.end());
    bucket.clear();
    unmark(lowest);
    mark(0);
    run_in_bucket_zero_ = true;
    return;
  }
  run_in_bucket_zero_ = false;
  const Entry minimum = *std::min_element(bucket.begin(), bucket.end(), earlier);
  last_time_bits_ = ordered_bits(minimum.time);
  last_key_ = minimum.key;
  // Every entry of the bucket agrees with the new minimum above bit lowest - 1 and is not
  // below it, so each lands in a lower bucket.
  for (const Entry& entry : bucket) {
    const std::size_t lower = bucket_of(entry);
    buckets_[lower].push_back(entry);
    mark(lower);
  }
  bucket.clear();
  unmark(lowest);
}

template <typename Kind>
bool EventQueue<Kind>::earliest_is_in_side_heap() {
  fill_bucket_zero();
  if (side_heap_.empty()) return false;
  return in_buckets_ == 0 || earlier(side_heap_.front(), buckets_[0].back());
}

template <typename Kind>
double EventQueue<Kind>::earliest_time() {
  return earliest_is_in_side_heap() ? side_heap_.front().time : buckets_[0].back().time;
}

template <typename Kind>
typename EventQueue<Kind>::Event EventQueue<Kind>::pop() {
  Entry top;
  if (earliest_is_in_side_heap()) {
    std::pop_heap(side_heap_.begin(), side_heap_.end(), Later{});
    top = side_heap_.back();
    side_heap_.pop_back();
  } else {
    top = buckets_[0].back();
    buckets_[0].pop_back();
    if (buckets_[0].empty()) unmark(0);
    --in_buckets_;
  }
  constexpr std::uint64_t node_mask = (std::uint64_t{1} << node_bits) - 1;
  constexpr std::uint64_t kind_mask = (std::uint64_t{1} << kind_bits) - 1;
  return {top.time, top.key >> (node_bits + kind_bits),
          static_cast<std::uint32_t>(top.key >> kind_bits & node_mask),
          static_cast<Kind>(top.key & kind_mask)};
}

}  // namespace reformsim::models
