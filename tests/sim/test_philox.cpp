// Philox4x32-10 against the published known-answer vectors (Random123 kat_vectors), and the
// properties the engine relies on: draws depend only on their address, never on order.
#include <gtest/gtest.h>

#include <cmath>
#include <numbers>
#include <set>

#include "sim/random/philox.h"
#include "sim/random/random_stream.h"

namespace reformsim {
namespace {

TEST(Philox, MatchesRandom123KnownAnswerForZeros) {
  EXPECT_EQ(philox4x32_10({0, 0, 0, 0}, {0, 0}),
            (PhiloxCounter{0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8}));
}

TEST(Philox, MatchesRandom123KnownAnswerForAllOnes) {
  EXPECT_EQ(
      philox4x32_10({0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff}, {0xffffffff, 0xffffffff}),
      (PhiloxCounter{0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd}));
}

TEST(Philox, MatchesRandom123KnownAnswerForPiDigits) {
  EXPECT_EQ(
      philox4x32_10({0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344}, {0xa4093822, 0x299f31d0}),
      (PhiloxCounter{0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1}));
}

TEST(Philox, IsEvaluatedAtCompileTime) {
  static_assert(philox4x32_10({0, 0, 0, 0}, {0, 0})[0] == 0x6627e8d5u);
  SUCCEED();
}

TEST(DeriveSeed, DistinctReplicationsAndPointsGetDistinctSeeds) {
  std::set<std::uint64_t> seeds;
  for (std::uint64_t point = 0; point < 50; ++point)
    for (std::uint64_t replication = 0; replication < 50; ++replication)
      seeds.insert(derive_seed(7, point, replication));
  EXPECT_EQ(seeds.size(), 2500u);
  EXPECT_NE(derive_seed(7, 0, 0), derive_seed(8, 0, 0));
}

TEST(RandomStream, SameAddressGivesSameDrawsWhateverWasDrawnElsewhere) {
  RandomStream first(99, {1, 2, 3, 4});
  RandomStream other(99, {1, 2, 4, 4});
  for (int i = 0; i < 10; ++i)
    other.uniform();
  RandomStream again(99, {1, 2, 3, 4});
  for (int i = 0; i < 100; ++i)
    EXPECT_EQ(first.next_u32(), again.next_u32());
}

TEST(RandomStream, DifferentPurposeStreamOrStepGiveDifferentDraws) {
  const double base = RandomStream(5, {1, 1, 1, 1}).uniform();
  EXPECT_NE(base, RandomStream(5, {2, 1, 1, 1}).uniform());
  EXPECT_NE(base, RandomStream(5, {1, 2, 1, 1}).uniform());
  EXPECT_NE(base, RandomStream(5, {1, 1, 2, 1}).uniform());
  EXPECT_NE(base, RandomStream(5, {1, 1, 1, 2}).uniform());
  EXPECT_NE(base, RandomStream(6, {1, 1, 1, 1}).uniform());
}

TEST(RandomStream, UniformsAreTheBlocksWordsAndNormalsComeInBoxMullerPairs) {
  // Every published result rests on these exact numbers: a uniform is two consecutive words of
  // Philox(counter, key) (27 + 26 bits, half an ulp up), and normal() hands out r cos(theta), then
  // r sin(theta), from one pair of uniforms, the sine computed only when the second is asked for.
  constexpr std::uint64_t seed = 0x0123456789ABCDEFull;
  const DrawAddress address{3, 7, (std::uint64_t{5} << 32) | 11, 42};
  const PhiloxKey key{0x89ABCDEFu, 0x01234567u};
  const PhiloxCounter first_block{11, 42, (3u << 16 | 7u) ^ 5u, 0};
  const PhiloxCounter words = philox4x32_10(first_block, key);
  const auto uniform_of = [](std::uint32_t high, std::uint32_t low) {
    return (static_cast<double>(std::uint64_t{high >> 5} << 26 | (low >> 6)) + 0.5) * 0x1.0p-53;
  };
  RandomStream stream(seed, address);
  EXPECT_EQ(stream.uniform(), uniform_of(words[0], words[1]));
  EXPECT_EQ(stream.uniform(), uniform_of(words[2], words[3]));
  const PhiloxCounter next = philox4x32_10({11, 42, (3u << 16 | 7u) ^ 5u, 1}, key);
  EXPECT_EQ(stream.next_u32(), next[0]);

  const double u1 = uniform_of(words[0], words[1]), u2 = uniform_of(words[2], words[3]);
  const double radius = std::sqrt(-2.0 * std::log(u1));
  const double angle = 2.0 * std::numbers::pi * u2;
  RandomStream normals(seed, address);
  EXPECT_EQ(normals.normal(), radius * std::cos(angle));
  EXPECT_EQ(normals.normal(), radius * std::sin(angle));
  const double third = normals.normal();  // a new pair from the next block
  EXPECT_EQ(third, std::sqrt(-2.0 * std::log(uniform_of(next[0], next[1]))) *
                       std::cos(2.0 * std::numbers::pi * uniform_of(next[2], next[3])));
}

TEST(RandomStream, PoissonWithItsExpGivenIsThePoissonDraw) {
  for (double mean : {0.0, 1e-4, 0.3, 4.0, 29.9, 30.0, 80.0}) {
    for (std::uint64_t entity = 0; entity < 200; ++entity) {
      RandomStream plain(17, {2, 3, entity, 1}), given(17, {2, 3, entity, 1});
      ASSERT_EQ(plain.poisson(mean), given.poisson(mean, std::exp(-mean))) << mean;
      ASSERT_EQ(plain.uniform(), given.uniform()) << "the same words consumed";
    }
  }
}

TEST(RandomStream, UniformStaysStrictlyInsideTheUnitInterval) {
  RandomStream stream(1, {});
  for (int i = 0; i < 100000; ++i) {
    const double u = stream.uniform();
    ASSERT_GT(u, 0.0);
    ASSERT_LT(u, 1.0);
  }
}

// Moments over 200 000 draws: standard errors are ~0.002 of the scale, tolerance 5 of them.
TEST(RandomStream, DistributionsHaveTheirTheoreticalMeansAndVariances) {
  RandomStream stream(2024, {});
  const int draws = 200000;
  double normal_sum = 0, normal_squares = 0, exponential_sum = 0, poisson_small = 0,
         poisson_large = 0, uniform_sum = 0;
  for (int i = 0; i < draws; ++i) {
    const double z = stream.normal();
    normal_sum += z;
    normal_squares += z * z;
    exponential_sum += stream.exponential(2.0);
    poisson_small += static_cast<double>(stream.poisson(3.5));
    poisson_large += static_cast<double>(stream.poisson(120.0));
    uniform_sum += stream.uniform();
  }
  EXPECT_NEAR(normal_sum / draws, 0.0, 0.012);
  EXPECT_NEAR(normal_squares / draws, 1.0, 0.016);
  EXPECT_NEAR(exponential_sum / draws, 0.5, 0.006);
  EXPECT_NEAR(poisson_small / draws, 3.5, 0.022);
  EXPECT_NEAR(poisson_large / draws, 120.0, 0.13);
  EXPECT_NEAR(uniform_sum / draws, 0.5, 0.004);
}

TEST(RandomStream, UniformIndexCoversEveryValueEvenly) {
  RandomStream stream(3, {});
  std::vector<int> counts(7, 0);
  for (int i = 0; i < 70000; ++i)
    ++counts[stream.uniform_index(7)];
  for (int count : counts)
    EXPECT_NEAR(count, 10000, 500);  // 5 binomial standard deviations
}

}  // namespace
}  // namespace reformsim
