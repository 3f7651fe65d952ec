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

// The values by radix_sort_into on `threads` threads, with buffers of its own.
std::vector<double> radix_sorted(const std::vector<double>& values, int threads) {
  tbb::global_control control(tbb::global_control::max_allowed_parallelism,
                              static_cast<std::size_t>(threads));
  RadixSortBuffers buffers;
  std::vector<double> sorted;
  radix_sort_into(values, sorted, buffers);
  return sorted;
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

// Values whose keys agree in the three highest differing digits (the radix passes) and differ
// only below them: runs of every length the run sort meets, long ones (std::sort), short ones
// (insertion) and ones crossing the blocks' boundaries, with a wide spread above so that the
// radix passes leave the low bits unsorted.
std::vector<double> crowded_values(std::size_t n, std::uint64_t seed) {
  RandomStream random(seed, {});
  std::vector<double> values(n);
  const double crowd_centres[] = {1.0, 1.5, 3.0};
  for (auto& v : values) {
    const double u = random.uniform();
    if (u < 0.6) {  // a crowd: a centre plus a few ulps, thousands of values on one prefix
      const double centre = crowd_centres[random.uniform_index(3)];
      v = centre + std::ldexp(static_cast<double>(random.uniform_index(1u << 20)), -52);
    } else if (u < 0.9) {  // short runs: 2,000 prefixes, values in each 2^-40 apart
      v = 100.0 + std::ldexp(static_cast<double>(random.uniform_index(2000)), -5) +
          std::ldexp(static_cast<double>(random.uniform_index(4)), -40);
    } else {
      v = 1e6 * random.uniform();  // spread: the highest differing bit far above the crowds
    }
  }
  return values;
}

TEST(RadixSort, KeysAlikeInTheRadixDigitsAreSortedByTheirLowerBitsOnOneAndTwoThreads) {
  for (std::size_t n : {40, 4096, 3 * 4096 + 17, 60000}) {
    const auto values = crowded_values(n, 3 + n);
    auto expected = values;
    std::sort(expected.begin(), expected.end());
    for (int threads : {1, 2}) {
      const std::vector<double> sorted = radix_sorted(values, threads);
      ASSERT_EQ(sorted.size(), expected.size());
      for (std::size_t i = 0; i < n; ++i)
        ASSERT_EQ(std::bit_cast<std::uint64_t>(sorted[i]),
                  std::bit_cast<std::uint64_t>(expected[i]))
            << i << " of " << n << ", " << threads << " threads";
    }
  }
}

TEST(RadixSort, RunsOfEqualPrefixAreSortedWithinThemselvesAndNoFurther) {
  // Prefixes (key >> 8) 1, 1, 1, 2, 2, 3: each run sorted by its low byte, the runs kept in place.
  std::vector<std::uint64_t> keys{0x1'03, 0x1'01, 0x1'02, 0x2'ff, 0x2'00, 0x3'05};
  std::vector<std::size_t> run_starts;
  const auto no_writing = [](std::size_t, std::size_t) {};
  sort_runs_of_equal_prefix(keys.data(), keys.size(), 8, run_starts, no_writing);
  EXPECT_EQ(keys, (std::vector<std::uint64_t>{0x1'01, 0x1'02, 0x1'03, 0x2'00, 0x2'ff, 0x3'05}));
  // One run over three blocks, reversed: sorted whole by the block it starts in.
  std::vector<std::uint64_t> reversed(3 * default_block_size);
  for (std::size_t i = 0; i < reversed.size(); ++i)
    reversed[i] = 0x7700'0000 + (reversed.size() - i);
  sort_runs_of_equal_prefix(reversed.data(), reversed.size(), 24, run_starts, no_writing);
  EXPECT_TRUE(std::is_sorted(reversed.begin(), reversed.end()));
  EXPECT_EQ(reversed.front(), 0x7700'0001u);
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
