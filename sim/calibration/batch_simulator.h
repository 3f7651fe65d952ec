// batch_simulator.h - the one door through which calibration simulates: a batch of parameter
// vectors, each with its replication seeds, in; the target statistics of every replication
// out. Each result must be a pure function of its request (theta, seeds), never of the batch
// or of scheduling: that is what makes a generation independent of the thread count, and it
// is the seam for distributing particles over MPI ranks (a rank-parallel BatchSimulator can
// scatter the requests and gather the results without the algorithms knowing).
#pragma once

#include <cstdint>
#include <vector>

namespace reformsim::calibration {

struct EvaluationRequest {
  std::vector<double> theta;         // free parameters, in ParameterSpace order
  std::vector<std::uint64_t> seeds;  // one per replication
};

// statistics[target][replication]
using ReplicatedStatistics = std::vector<std::vector<double>>;

class BatchSimulator {
 public:
  virtual ~BatchSimulator() = default;
  virtual std::vector<ReplicatedStatistics> simulate(
      const std::vector<EvaluationRequest>& batch) = 0;
};

// The mean over replications of each target, leaving out undefined (NaN) replications; NaN
// for a target no replication could compute.
std::vector<double> replication_means(const ReplicatedStatistics& statistics);

// Replication seeds of attempt `attempt` of particle `particle` in generation `generation`:
// derive_seed(derive_seed(master, generation + 1, particle), attempt, r) for r < replications.
std::uint64_t particle_key(std::uint64_t master_seed, std::uint64_t generation,
                           std::uint64_t particle);
std::vector<std::uint64_t> attempt_seeds(std::uint64_t particle_key, std::uint64_t attempt,
                                         std::size_t replications);

}  // namespace reformsim::calibration
