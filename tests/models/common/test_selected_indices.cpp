#include "models/common/selected_indices.h"

#include <gtest/gtest.h>
#include <tbb/global_control.h>

#include <cstdint>
#include <functional>
#include <vector>

namespace reformsim::models {
namespace {

std::vector<std::size_t> as_vector(std::span<const std::size_t> indices) {
  return {indices.begin(), indices.end()};
}

// What a serial loop over every index finds.
template <typename Keep>
std::vector<std::size_t> serial_selection(std::size_t size, Keep keep) {
  std::vector<std::size_t> found;
  for (std::size_t i = 0; i < size; ++i)
    if (keep(i)) found.push_back(i);
  return found;
}

TEST(SelectedIndices, AreTheIndicesASerialLoopFindsInOrderOnOneTwoAndFourThreads) {
  // Sizes around whole blocks and keep-rules that leave blocks empty, full, or one index only,
  // so that every stretch moves down by a different amount (or not at all).
  const std::vector<std::size_t> sizes{0, 1, 7, 64, 65, 200, 1000, 4097};
  const std::vector<std::function<bool(std::size_t)>> rules{
      [](std::size_t) { return true; },
      [](std::size_t) { return false; },
      [](std::size_t i) { return i % 3 == 1; },
      [](std::size_t i) { return (i / 64) % 2 == 1; },           // every other block of 64
      [](std::size_t i) { return i % 64 == 63; },                // the last of each block
      [](std::size_t i) { return (i * 2654435761u) % 97 < 5; },  // scattered
  };
  for (int threads : {1, 2, 4}) {
    tbb::global_control control(tbb::global_control::max_allowed_parallelism,
                                static_cast<std::size_t>(threads));
    SelectedIndices selection;  // reused across calls, as a model keeps it between days
    for (const std::size_t size : sizes)
      for (std::size_t r = 0; r < rules.size(); ++r) {
        const auto expected = serial_selection(size, rules[r]);
        EXPECT_EQ(as_vector(selection.select(size, rules[r], 64)), expected)
            << "size " << size << ", rule " << r << ", " << threads << " threads";
        EXPECT_EQ(as_vector(selection.indices()), expected);
        EXPECT_EQ(as_vector(selection.select(size, rules[r])), expected)  // default blocks
            << "size " << size << ", rule " << r;
      }
  }
}

TEST(SelectedIndices, CallsTheTestOncePerIndex) {
  std::vector<int> calls(10000, 0);
  SelectedIndices selection;
  selection.select(
      calls.size(), [&](std::size_t i) { return ++calls[i] > 0 && i % 2 == 0; }, 128);
  for (std::size_t i = 0; i < calls.size(); ++i)
    ASSERT_EQ(calls[i], 1) << "index " << i;
  EXPECT_EQ(selection.indices().size(), 5000u);
}

TEST(SelectedIndices, ReservedRoomIsEnoughForThatSize) {
  SelectedIndices selection;
  selection.reserve(10000);
  const std::size_t* reserved = selection.indices().data();
  EXPECT_EQ(selection.select(10000, [](std::size_t) { return true; }).data(), reserved);
  EXPECT_EQ(selection.select(9000, [](std::size_t i) { return i > 10; }).data(), reserved);
  EXPECT_EQ(selection.indices().size(), 9000u - 11u);
  EXPECT_EQ(selection.indices().front(), 11u);
}

}  // namespace
}  // namespace reformsim::models
