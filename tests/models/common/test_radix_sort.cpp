#include "models/common/radix_sort.h"

#include <gtest/gtest.h>
#include <tbb/global_control.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>
#include <vector>

#include "sim/random/random_stream.h"

namespace reformsim::models {
namespace {

// Values over many magnitudes and both signs, with repeats, signed zeros and infinities.
std::vector<double> awkward_values(std::size_t n, std::uint64_t seed) {
  RandomStream random(seed, {});
  std::vector<double> values(n);
  for (auto& v : values) {
    switch (random.uniform_index(6)) {
      case 0:
        v = random.normal() * 1e-300;
        break;
      case 1:
        v = random.normal() * 1e6;
        break;
      case 2:
        v = std::round(random.normal() * 3);
        break;  // many repeats
      case 3:
        v = random.uniform() < 0.5 ? 0.0 : -0.0;
        break;
      case 4:
        v = random.uniform() < 0.5 ? std::numeric_limits<double>::infinity() : -1e308;
        break;
      default:
        v = random.lognormal(0, 2);
        break;
    }
  }
  return values;
}

// Equal element by element: -0 and +0 are equal to a comparison sort and may come in either
// order among themselves; every other pair of equal doubles has the same bits.
bool same_sorted(const std::vector<double>& a, const std::vector<double>& b) {
  return a == b;
}

TEST(RadixSort, GivesTheSortedSequenceOfStdSortForAnySizeOnOneAndTwoThreads) {
  for (std::size_t n : {0, 1, 2, 7, 4096, 3 * 4096 + 17, 50000}) {
    const auto values = awkward_values(n, 11 + n);
    auto expected = values;
    std::sort(expected.begin(), expected.end());
    for (int threads : {1, 2}) {
      tbb::global_control control(tbb::global_control::max_allowed_parallelism,
                                  static_cast<std::size_t>(threads));
      RadixSortBuffers buffers;
      auto in_place = values;
      radix_sort(in_place, buffers);
      EXPECT_TRUE(same_sorted(in_place, expected)) << n << " values, " << threads << " threads";
      std::vector<double> copy;
      radix_sort_into(values, copy, buffers);  // the buffers reused
      EXPECT_TRUE(same_sorted(copy, expected)) << n;
    }
  }
}

TEST(RadixSort, PositiveValuesComeOutBitIdenticalToAComparisonSort) {
  // Pays: positive, no zeros, so the sorted sequence is unique bit for bit.
  RandomStream random(5, {});
  std::vector<double> pay(30000);
  for (auto& p : pay)
    p = 4000 * random.lognormal(0, 0.3);
  auto expected = pay;
  std::sort(expected.begin(), expected.end());
  RadixSortBuffers buffers;
  std::vector<double> sorted;
  radix_sort_into(pay, sorted, buffers);
  ASSERT_EQ(sorted.size(), expected.size());
  for (std::size_t i = 0; i < sorted.size(); ++i)
    ASSERT_EQ(std::bit_cast<std::uint64_t>(sorted[i]), std::bit_cast<std::uint64_t>(expected[i]))
        << i;
}

TEST(RadixSort, SortIntoLeavesTheSourceAloneAndCopiesAllEqualValues) {
  const std::vector<double> source{3, 1, 2};
  std::vector<double> sorted{9, 9, 9, 9, 9};
  RadixSortBuffers buffers;
  radix_sort_into(source, sorted, buffers);
  EXPECT_EQ(sorted, (std::vector<double>{1, 2, 3}));
  EXPECT_EQ(source, (std::vector<double>{3, 1, 2}));
  const std::vector<double> alike(10000, 2.5);
  radix_sort_into(alike, sorted, buffers);
  EXPECT_EQ(sorted, alike);
  const std::vector<double> one{4.0};
  radix_sort_into(one, sorted, buffers);
  EXPECT_EQ(sorted, one);
}

TEST(RadixSort, OrderKeysAreMonotoneAndInvertible) {
  const std::vector<double> increasing{
      -std::numeric_limits<double>::infinity(), -1e300, -1, -1e-300, 0.0, 1e-300, 1, 1e300,
      std::numeric_limits<double>::infinity()};
  for (std::size_t i = 0; i + 1 < increasing.size(); ++i)
    EXPECT_LT(order_key(increasing[i]), order_key(increasing[i + 1])) << increasing[i];
  for (double v : increasing)
    EXPECT_EQ(value_of_order_key(order_key(v)), v);
}

}  // namespace
}  // namespace reformsim::models
