// event_queue.h - the approval network's pending events, earliest first: a 4-ary min-heap of
// 16-byte entries (time, packed key).
//
// Why not std::priority_queue over the 24-byte event: the heap is 85% of the network's
// instructions and most of its cache misses (bench/approvals/README.md). Four children per
// node halve the levels a pop descends, and 16-byte entries, stored from a cache-line boundary
// with the root three entries in, put every node's four children in one 64-byte line, where a
// binary heap of 24-byte events touches a new line at nearly every level.
//
// The order is the network's stable key (time, application, node, kind), a total order, so
// the sequence of pops is the same whatever heap holds the events: results are bit-identical
// to the binary heap's.
#pragma once

#include <cstddef>
#include <cstdint>
#include <new>
#include <type_traits>
#include <vector>

namespace reformsim::models {

// Allocates from 64-byte boundaries (cache lines).
template <typename T>
struct CacheLineAllocator {
  using value_type = T;
  static constexpr std::align_val_t alignment{64};
  CacheLineAllocator() = default;
  template <typename U>
  CacheLineAllocator(const CacheLineAllocator<U>&) noexcept {}
  T* allocate(std::size_t count) {
    return static_cast<T*>(::operator new(count * sizeof(T), alignment));
  }
  void deallocate(T* pointer, std::size_t) noexcept { ::operator delete(pointer, alignment); }
  friend bool operator==(const CacheLineAllocator&, const CacheLineAllocator&) { return true; }
};

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

  EventQueue() : entries_(root, Entry{0, 0}) {}
  void reserve(std::size_t events) { entries_.reserve(root + events); }
  bool empty() const { return entries_.size() == root; }
  std::size_t size() const { return entries_.size() - root; }
  // Time of the earliest event; the queue must not be empty.
  double earliest_time() const { return entries_[root].time; }

  void push(const Event& event);
  // Removes and returns the earliest event (the smallest key among equal times); the queue
  // must not be empty.
  Event pop();

 private:
  struct Entry {
    double time;
    std::uint64_t key;  // application << 24 | node << 2 | kind: compares like the triple
  };
  static constexpr std::size_t arity = 4;
  // Heap position h is stored at entries_[root + h]: the children of h, positions 4h+1 to
  // 4h+4, are then entries 4(h+1) to 4(h+1)+3, one cache line (16-byte entries, aligned
  // storage). The first three entries are unused.
  static constexpr std::size_t root = arity - 1;

  static bool earlier(const Entry& a, const Entry& b) {
    return a.time < b.time || (a.time == b.time && a.key < b.key);
  }

  std::vector<Entry, CacheLineAllocator<Entry>> entries_;
};

template <typename Kind>
void EventQueue<Kind>::push(const Event& event) {
  const Entry entry{event.time, event.application << (node_bits + kind_bits) |
                                    std::uint64_t{event.node} << kind_bits |
                                    static_cast<std::uint64_t>(event.kind)};
  entries_.push_back(entry);
  Entry* heap = entries_.data() + root;
  std::size_t hole = size() - 1;
  while (hole > 0) {
    const std::size_t parent = (hole - 1) / arity;
    if (!earlier(entry, heap[parent])) break;
    heap[hole] = heap[parent];
    hole = parent;
  }
  heap[hole] = entry;
}

template <typename Kind>
typename EventQueue<Kind>::Event EventQueue<Kind>::pop() {
  const Entry top = entries_[root];
  const Entry last = entries_.back();
  entries_.pop_back();
  const std::size_t count = size();
  if (count > 0) {
    // Move the hole down from the root to where the former last entry belongs.
    Entry* heap = entries_.data() + root;
    std::size_t hole = 0;
    for (;;) {
      const std::size_t first_child = hole * arity + 1;
      if (first_child >= count) break;
      const std::size_t end = first_child + arity < count ? first_child + arity : count;
      std::size_t least = first_child;
      for (std::size_t child = first_child + 1; child < end; ++child)
        if (earlier(heap[child], heap[least])) least = child;
      if (!earlier(heap[least], last)) break;
      heap[hole] = heap[least];
      hole = least;
    }
    heap[hole] = last;
  }
  constexpr std::uint64_t node_mask = (std::uint64_t{1} << node_bits) - 1;
  constexpr std::uint64_t kind_mask = (std::uint64_t{1} << kind_bits) - 1;
  return {top.time, top.key >> (node_bits + kind_bits),
          static_cast<std::uint32_t>(top.key >> kind_bits & node_mask),
          static_cast<Kind>(top.key & kind_mask)};
}

}  // namespace reformsim::models
