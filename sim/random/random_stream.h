// random_stream.h - reproducible random draws keyed by (replication seed, stream, entity, step,
// purpose). A model creates a RandomStream where it needs randomness, e.g. one per agent per
// step per decision; the stream is a small value on the stack, with no shared state, so any
// number of threads can draw at once and get the same numbers as one thread.
#pragma once

#include <cmath>
#include <cstdint>

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

class RandomStream {
 public:
  RandomStream(std::uint64_t replication_seed, const DrawAddress& address);

  std::uint32_t next_u32();
  double uniform();                                  // in (0, 1): never exactly 0 or 1
  double uniform(double low, double high);           // in (low, high)
  std::uint64_t uniform_index(std::uint64_t count);  // in [0, count), unbiased
  bool bernoulli(double probability);
  double normal();  // standard normal (Box-Muller)
  double normal(double mean, double standard_deviation);
  double exponential(double rate);  // mean 1 / rate
  double lognormal(double log_mean, double log_standard_deviation);
  std::uint64_t poisson(double mean);

 private:
  PhiloxKey key_;
  PhiloxCounter counter_;
  PhiloxCounter block_{};
  int used_ = 4;  // words of block_ already handed out
  double spare_normal_ = 0.0;
  bool has_spare_normal_ = false;
};

}  // namespace reformsim
