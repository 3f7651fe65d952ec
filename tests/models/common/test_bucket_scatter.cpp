#include "models/common/bucket_scatter.h"

#include <gtest/gtest.h>
#include <tbb/global_control.h>

#include <cstdint>
#include <vector>

#include "sim/random/random_stream.h"

namespace reformsim::models {
namespace {

std::vector<std::size_t> random_buckets(std::size_t n, std::size_t buckets, std::uint64_t seed) {
  RandomStream random(seed, {});
  std::vector<std::size_t> bucket(n);
  for (auto& b : bucket)
    b = static_cast<std::size_t>(random.uniform_index(buckets));
  return bucket;
}

// Where a serial stable counting sort puts each item.
std::vector<std::size_t> serial_destinations(const std::vector<std::size_t>& bucket,
                                             std::size_t buckets) {
  std::vector<std::size_t> next(buckets + 1, 0);
  for (std::size_t b : bucket)
    ++next[b + 1];
  for (std::size_t b = 0; b < buckets; ++b)
    next[b + 1] += next[b];
  std::vector<std::size_t> destination(bucket.size());
  for (std::size_t i = 0; i < bucket.size(); ++i)
    destination[i] = next[bucket[i]]++;
  return destination;
}

std::vector<std::size_t> scattered(BucketScatter& scatter, const std::vector<std::size_t>& bucket,
                                   std::size_t buckets, std::size_t block_size) {
  std::vector<std::size_t> destination(bucket.size(), bucket.size());
  scatter.scatter(
      bucket.size(), buckets, [&](std::size_t i) { return bucket[i]; },
      [&](std::size_t i, std::size_t d) { destination[i] = d; }, block_size);
  return destination;
}

TEST(BucketScatter, GivesEveryItemItsPlaceInTheSerialStableOrderOnOneTwoAndFourThreads) {
  const std::size_t buckets = 23;
  for (std::size_t n : {0, 1, 5, 1000, 20011}) {
    const auto bucket = random_buckets(n, buckets, 7 + n);
    const auto expected = serial_destinations(bucket, buckets);
    for (int threads : {1, 2, 4}) {
      tbb::global_control control(tbb::global_control::max_allowed_parallelism,
                                  static_cast<std::size_t>(threads));
      BucketScatter scatter;
      // Small blocks, so that 1,000 items make 77 blocks and the layout crosses many of them.
      EXPECT_EQ(scattered(scatter, bucket, buckets, 13), expected) << n << " items";
      EXPECT_EQ(scattered(scatter, bucket, buckets, default_block_size), expected) << n;
      // Bucket starts: the prefix sums of the bucket sizes.
      std::size_t start = 0;
      for (std::size_t b = 0; b < buckets; ++b) {
        EXPECT_EQ(scatter.first(b), start);
        start += static_cast<std::size_t>(std::count(bucket.begin(), bucket.end(), b));
      }
      EXPECT_EQ(scatter.first(buckets), n);
    }
  }
}

TEST(BucketScatter, ReusedWithFewerBucketsAndItemsForgetsTheEarlierCounts) {
  BucketScatter scatter;
  const auto large = random_buckets(5000, 40, 1);
  scattered(scatter, large, 40, 64);
  const auto small = random_buckets(300, 3, 2);
  EXPECT_EQ(scattered(scatter, small, 3, 64), serial_destinations(small, 3));
  EXPECT_EQ(scatter.first(3), 300u);
}

}  // namespace
}  // namespace reformsim::models
