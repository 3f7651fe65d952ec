// The approval network's event queue pops in the stable key's order, (time, application, node,
// kind), exactly as the binary heap it replaced did: checked against std::priority_queue over
// the same keys, with many equal times so that the tie-breaks are exercised, in the pattern the
// network makes (monotone times with zero delays) and in an arbitrary one (the side heap).
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

using Reference = std::priority_queue<Key, std::vector<Key>, std::greater<Key>>;

// Pops both until empty, checking each pop.
void expect_same_pops_to_the_end(Queue& queue, Reference& reference) {
  while (!reference.empty()) {
    ASSERT_EQ(queue.earliest_time(), std::get<0>(reference.top()));
    ASSERT_EQ(key_of(queue.pop()), reference.top());
    reference.pop();
  }
  EXPECT_TRUE(queue.empty());
}

TEST(EventQueue, PopsInTheStableKeyOrderWhenEventsArriveInAnyOrder) {
  std::mt19937_64 random(2018);
  Queue queue;
  Reference reference;
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
  expect_same_pops_to_the_end(queue, reference);
  EXPECT_GT(pops, 10000u);
}

TEST(EventQueue, PopsInTheStableKeyOrderForTheNetworksPatternOfEvents) {
  // As in the network: each popped event schedules 0-2 events at its time plus a delay that
  // is exponential, a fixed hand-off, or zero (a sign-off of 0 days), for other applications
  // too (a freed server starts the next in its queue); times start in a burn-in (negative)
  // and pass through -0 and +0.
  std::mt19937_64 random(54);
  std::exponential_distribution<double> service(10.0);
  std::uniform_int_distribution<std::uint64_t> application(0, 100000);
  std::uniform_int_distribution<std::uint32_t> node(0, 40);
  std::uniform_int_distribution<int> kind(0, 3), delay_kind(0, 3), children(0, 2);
  Queue queue;
  Reference reference;
  auto push = [&](const Queue::Event& event) {
    queue.push(event);
    reference.push(key_of(event));
  };
  push({-0.0, 1, 1, Kind::second});
  push({0.0, 0, 0, Kind::first});
  for (std::uint64_t a = 0; a < 2000; ++a)
    push({-5.0 + 0.0025 * static_cast<double>(a), a, 0, Kind::second});
  std::size_t pops = 0;
  while (!reference.empty() && pops < 400000) {
    ASSERT_EQ(queue.earliest_time(), std::get<0>(reference.top()));
    const Queue::Event event = queue.pop();
    ASSERT_EQ(key_of(event), reference.top()) << "pop " << pops;
    reference.pop();
    ++pops;
    const int count = queue.size() < 5000 ? children(random) + 1 : children(random);
    for (int child = 0; child < count; ++child) {
      const int which = delay_kind(random);
      const double delay = which == 0 ? 0.0 : which == 1 ? 0.3 : service(random);
      push({event.time + delay, which == 3 ? application(random) : event.application, node(random),
            static_cast<Kind>(kind(random))});
    }
  }
  EXPECT_EQ(pops, 400000u);
  expect_same_pops_to_the_end(queue, reference);
}

// A small lowest bucket is sorted whole into bucket 0 with the last minimum moved to its
// largest entry; an event equal to that entry, or between the run's entries, pushed while the
// run is being popped must still come out in order.
TEST(EventQueue, EventsPushedInsideASortedRunComeOutInOrder) {
  Queue queue;
  Reference reference;
  auto push = [&](const Queue::Event& event) {
    queue.push(event);
    reference.push(key_of(event));
  };
  for (std::uint64_t a : {5, 1, 3, 9, 7})
    push({1.0, a, 0, Kind::first});
  ASSERT_EQ(key_of(queue.pop()), reference.top());  // (1.0, 1): the run is 1, 3, 5, 7, 9
  reference.pop();
  push({1.0, 9, 0, Kind::first});   // equal to the run's largest
  push({1.0, 4, 0, Kind::first});   // between its entries
  push({1.0, 9, 0, Kind::second});  // above it
  expect_same_pops_to_the_end(queue, reference);
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
