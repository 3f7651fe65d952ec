// philox.h - the Philox4x32-10 counter-based generator (Salmon, Moraes, Dror & Shaw, "Parallel
// random numbers: as easy as 1, 2, 3", SC'11). A pure function of (counter, key): any draw can
// be computed without the ones before it, so the order in which threads run cannot change it.
#pragma once

#include <array>
#include <cstdint>

namespace reformsim {

using PhiloxCounter = std::array<std::uint32_t, 4>;
using PhiloxKey = std::array<std::uint32_t, 2>;

constexpr PhiloxCounter philox4x32_10(PhiloxCounter counter, PhiloxKey key) {
  // Multipliers and Weyl key increments of Random123's philox.h.
  constexpr std::uint32_t multiplier0 = 0xD2511F53u, multiplier1 = 0xCD9E8D57u;
  constexpr std::uint32_t weyl0 = 0x9E3779B9u, weyl1 = 0xBB67AE85u;
  for (int round = 0; round < 10; ++round) {
    if (round > 0) {
      key[0] += weyl0;
      key[1] += weyl1;
    }
    const std::uint64_t product0 = std::uint64_t{multiplier0} * counter[0];
    const std::uint64_t product1 = std::uint64_t{multiplier1} * counter[2];
    counter = {static_cast<std::uint32_t>(product1 >> 32) ^ counter[1] ^ key[0],
               static_cast<std::uint32_t>(product1),
               static_cast<std::uint32_t>(product0 >> 32) ^ counter[3] ^ key[1],
               static_cast<std::uint32_t>(product0)};
  }
  return counter;
}

// SplitMix64 finaliser (Steele, Lea & Flood 2014): used to derive independent 64-bit seeds from
// (master seed, design point, replication), never to draw model randomness.
constexpr std::uint64_t splitmix64(std::uint64_t value) {
  value += 0x9E3779B97F4A7C15ull;
  value = (value ^ (value >> 30)) * 0xBF58476D1CE4E5B9ull;
  value = (value ^ (value >> 27)) * 0x94D049BB133111EBull;
  return value ^ (value >> 31);
}

// The seed of replication `replication` of design point `point` under `master_seed`. Distinct
// inputs give unrelated seeds; the same inputs give the same seed on every machine.
constexpr std::uint64_t derive_seed(std::uint64_t master_seed, std::uint64_t point,
                                    std::uint64_t replication) {
  return splitmix64(splitmix64(splitmix64(master_seed) ^ point) ^ (replication + 1));
}

}  // namespace reformsim
