// The approval network's event queue pops in the stable key's order, (time, application, node,
// kind), exactly as the binary heap it replaced did: checked against std::priority_queue over
// the same keys, with many equal times so that the tie-breaks are exercised.
#include <gtest/gtest.h>

#include <cstdint>
#include <functional>
#include <queue>
#include <random>
#include <tuple>
#include <vector>

#include "models/approvals/event_queue.h"

namespace reformsim::models {
namespace {

enum class Kind : std::uint8_t { first = 0, second = 1, third = 2, fourth = 3 };
using Queue = EventQueue<Kind>;
using Key = std::tuple<double, std::uint64_t, std::uint32_t, std::uint8_t>;

Key key_of(const Queue::Event& event) {
  return {event.time, event.application, event.node, static_cast<std::uint8_t>(event.kind)};
}

TEST(EventQueue, PopsInTheStableKeyOrderLikeABinaryHeap) {
  std::mt19937_64 random(2018);
  Queue queue;
  std::priority_queue<Key, std::vector<Key>, std::greater<Key>> reference;
  // Times on a coarse grid (many ties) and fine keys; pushes and pops interleaved so that the
  // heap is rebuilt at every size from 0 to a few thousand.
  std::uniform_int_distribution<int> tick(0, 200);
  std::uniform_int_distribution<std::uint64_t> application(0, 50);
  std::uniform_int_distribution<std::uint32_t> node(0, 7);
  std::uniform_int_distribution<int> kind(0, 3), action(0, 9);
  std::size_t pops = 0;
  for (int step = 0; step < 40000; ++step) {
    if (action(random) < 6 || reference.empty()) {
      const Queue::Event event{0.25 * tick(random), application(random), node(random),
                               static_cast<Kind>(kind(random))};
      queue.push(event);
      reference.push(key_of(event));
    } else {
      ASSERT_EQ(queue.earliest_time(), std::get<0>(reference.top()));
      ASSERT_EQ(key_of(queue.pop()), reference.top()) << "pop " << pops;
      reference.pop();
      ++pops;
    }
    ASSERT_EQ(queue.size(), reference.size());
  }
  while (!reference.empty()) {
    ASSERT_EQ(key_of(queue.pop()), reference.top());
    reference.pop();
  }
  EXPECT_TRUE(queue.empty());
  EXPECT_GT(pops, 10000u);
}

TEST(EventQueue, KeepsTheLargestAddressableFieldsIntact) {
  Queue queue;
  const Queue::Event largest{1e9, Queue::max_applications - 1, Queue::max_nodes - 1, Kind::fourth};
  const Queue::Event smaller{1e9, Queue::max_applications - 1, Queue::max_nodes - 1, Kind::third};
  const Queue::Event earlier{-0.5, 0, 0, Kind::first};
  queue.push(largest);
  queue.push(smaller);
  queue.push(earlier);
  EXPECT_EQ(key_of(queue.pop()), key_of(earlier));
  EXPECT_EQ(key_of(queue.pop()), key_of(smaller));
  EXPECT_EQ(key_of(queue.pop()), key_of(largest));
  EXPECT_TRUE(queue.empty());
}

}  // namespace
}  // namespace reformsim::models
