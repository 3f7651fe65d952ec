// ensemble.h - runs replications of one scenario: each replication steps a fresh model state
// through every phase of every day and records its metrics; replications run in parallel with
// each other (and each phase in parallel inside), and every result depends only on the
// replication's seed, never on scheduling.
#pragma once

#include <cstdint>
#include <vector>

#include "sim/model/model.h"
#include "sim/run/progress.h"

namespace reformsim {

struct ReplicationResult {
  std::size_t replication = 0;
  std::uint64_t seed = 0;
  std::vector<double> series;   // steps x catalogue.series_width(), row-major
  std::vector<double> summary;  // catalogue.summary_width()
  double seconds = 0;           // wall time of this replication
};

struct EnsembleResult {
  MetricCatalogue metrics;
  Calendar calendar;
  std::vector<ReplicationResult> replications;  // in replication order
};

// One replication with the given seed; counter (if any) is advanced once per step.
ReplicationResult run_replication(const Model& model, const ParameterSet& parameters,
                                  const MetricCatalogue& metrics, std::uint64_t seed,
                                  std::size_t replication, ProgressCounter* counter = nullptr);

// The seed of each replication: derive_seed(master_seed, point, r).
std::vector<std::uint64_t> replication_seeds(std::uint64_t master_seed, std::uint64_t point,
                                             std::size_t replications);

// Replications 0 .. seeds.size() - 1 with the given seeds, in parallel.
EnsembleResult run_ensemble(const Model& model, const ParameterSet& parameters,
                            const std::vector<std::uint64_t>& seeds,
                            ProgressCounter* counter = nullptr);

}  // namespace reformsim
