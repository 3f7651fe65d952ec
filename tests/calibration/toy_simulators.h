// toy_simulators.h - simulators with known answers for the calibration algorithms: each
// statistic is a pure function of (theta, seed), as BatchSimulator requires.
#pragma once

#include <atomic>
#include <functional>

#include "sim/calibration/batch_simulator.h"
#include "sim/parallel/loops.h"
#include "sim/random/random_stream.h"

namespace reformsim::calibration::testing {

// statistic k in replication r = model(theta, k) + noise_sd * N(0, 1) drawn from seed r.
class ToySimulator : public BatchSimulator {
 public:
  using Model = std::function<std::vector<double>(const std::vector<double>&)>;
  ToySimulator(Model model, double noise_sd) : model_(std::move(model)), noise_sd_(noise_sd) {}

  std::vector<ReplicatedStatistics> simulate(const std::vector<EvaluationRequest>& batch) override {
    std::vector<ReplicatedStatistics> results(batch.size());
    parallel_for_each_index(std::size_t{0}, batch.size(),
                            [&](std::size_t n) { results[n] = simulate_one(batch[n]); });
    simulations += batch.size();
    return results;
  }

  std::atomic<std::size_t> simulations{0};

 private:
  ReplicatedStatistics simulate_one(const EvaluationRequest& request) const {
    const auto means = model_(request.theta);
    ReplicatedStatistics statistics(means.size(), std::vector<double>(request.seeds.size()));
    for (std::size_t r = 0; r < request.seeds.size(); ++r) {
      RandomStream noise(request.seeds[r], {});
      for (std::size_t k = 0; k < means.size(); ++k)
        statistics[k][r] = means[k] + noise_sd_ * noise.normal();
    }
    return statistics;
  }

  Model model_;
  double noise_sd_;
};

}  // namespace reformsim::calibration::testing
