// random_stream.h - reproducible random draws keyed by (replication seed, stream, entity, step,
// purpose). A model creates a RandomStream where it needs randomness, e.g. one per agent per
// step per decision; the stream is a small value on the stack, with no shared state, so any
// number of threads can draw at once and get the same numbers as one thread.
#pragma once

#include <cmath>
#include <cstdint>
#include <numbers>

#include "sim/random/philox.h"

namespace reformsim {

// Who draws: the counter words of Philox. `stream` names a family of entities (staff, firms,
// queues: each model picks its own constants), `entity` the agent or queue within it,
// `purpose` what the draw decides (its own constant per decision), so that adding a new
// decision never shifts the numbers an existing one sees.
struct DrawAddress {
  std::uint32_t stream = 0;
  std::uint32_t purpose = 0;
  std::uint64_t entity = 0;
  std::int64_t step = 0;
};

// The constructor and the uniform draws are defined here, inline: agents build several streams
// a day each and draw from them once or twice, so a call per stream and per word was a
// measurable part of a run (bench/README.md, "Optimisations").
class RandomStream {
 public:
  RandomStream(std::uint64_t replication_seed, const DrawAddress& address)
      : key_{static_cast<std::uint32_t>(replication_seed),
             static_cast<std::uint32_t>(replication_seed >> 32)},
        // Entities above 2^32 are folded by xor into the stream/purpose word rather than
        // truncated; word 3 counts the 4-word blocks this stream has drawn.
        counter_{static_cast<std::uint32_t>(address.entity),
                 static_cast<std::uint32_t>(address.step),
                 (address.stream << 16 | (address.purpose & 0xFFFFu)) ^
                     static_cast<std::uint32_t>(address.entity >> 32),
                 0u} {}

  std::uint32_t next_u32() {
    if (used_ == 4) {
      block_ = philox4x32_10(counter_, key_);
      ++counter_[3];
      used_ = 0;
    }
    return block_[used_++];
  }
  // In (0, 1): never exactly 0 or 1. 53 random bits, offset by half an ulp.
  double uniform() {
    const std::uint64_t high = next_u32() >> 5;  // 27 bits
    const std::uint64_t low = next_u32() >> 6;   // 26 bits
    return (static_cast<double>(high << 26 | low) + 0.5) * 0x1.0p-53;
  }
  double uniform(double low, double high) { return low + (high - low) * uniform(); }
  std::uint64_t uniform_index(std::uint64_t count);  // in [0, count), unbiased
  bool bernoulli(double probability) { return uniform() < probability; }
  // Standard normal (Box-Muller). Inline: every agent-step of the firms and staff draws one from
  // a stream of its own, which an inlined draw keeps in registers.
  double normal() {
    if (has_spare_normal_) {
      has_spare_normal_ = false;
      return spare_radius_ * std::sin(spare_angle_);
    }
    const double radius = std::sqrt(-2.0 * std::log(uniform()));
    const double angle = 2.0 * std::numbers::pi * uniform();
    spare_radius_ = radius, spare_angle_ = angle;
    has_spare_normal_ = true;
    return radius * std::cos(angle);
  }
  double normal(double mean, double standard_deviation) {
    return mean + standard_deviation * normal();
  }
  double exponential(double rate);  // mean 1 / rate
  double lognormal(double log_mean, double log_standard_deviation);
  std::uint64_t poisson(double mean);
  // The same draw for a caller that keeps exp(-mean), as one drawing the same mean every day can.
  // Small means inline (Knuth's multiplication method: exact, and cheap for the small means
  // drawn per agent-step, where the call was 4% of a Binhai run's instructions).
  std::uint64_t poisson(double mean, double exp_of_minus_mean) {
    if (mean <= 0.0) return 0;
    if (!(mean < 30.0)) return poisson_large_mean(mean);
    std::uint64_t count = 0;
    double product = uniform();
    while (product > exp_of_minus_mean) {
      ++count;
      product *= uniform();
    }
    return count;
  }

 private:
  std::uint64_t poisson_large_mean(double mean);  // PTRS, for means of 30 and more
  PhiloxKey key_;
  PhiloxCounter counter_;
  PhiloxCounter block_{};
  int used_ = 4;  // words of block_ already handed out
  // Box-Muller's second normal, radius x sin(angle), computed only if it is asked for: most
  // streams draw one normal and are dropped (the unused sines were 2.6% of a Binhai run).
  double spare_radius_ = 0.0, spare_angle_ = 0.0;
  bool has_spare_normal_ = false;
};

}  // namespace reformsim
