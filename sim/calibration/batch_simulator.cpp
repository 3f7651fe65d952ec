#include "sim/calibration/batch_simulator.h"

#include <cmath>
#include <limits>

#include "sim/random/philox.h"

namespace reformsim::calibration {

std::vector<double> replication_means(const ReplicatedStatistics& statistics) {
  std::vector<double> means;
  for (const auto& replications : statistics) {
    double sum = 0;
    std::size_t count = 0;
    for (const double value : replications)
      if (std::isfinite(value)) {
        sum += value;
        ++count;
      }
    means.push_back(count ? sum / static_cast<double>(count)
                          : std::numeric_limits<double>::quiet_NaN());
  }
  return means;
}

std::uint64_t particle_key(std::uint64_t master_seed, std::uint64_t generation,
                           std::uint64_t particle) {
  return derive_seed(master_seed, generation + 1, particle);
}

std::vector<std::uint64_t> attempt_seeds(std::uint64_t key, std::uint64_t attempt,
                                         std::size_t replications) {
  std::vector<std::uint64_t> seeds(replications);
  for (std::size_t r = 0; r < replications; ++r)
    seeds[r] = derive_seed(key, attempt, r);
  return seeds;
}

}  // namespace reformsim::calibration
