// queueing_harness.h - drives a QueueingNetwork with a Poisson stream of applications in
// continuous time and collects their times in system, for the checks against queueing theory.
#pragma once

#include <cstdint>
#include <vector>

#include "models/approvals/queueing_network.h"

namespace reformsim::models::testing {

struct PoissonRunResult {
  std::vector<double> times_in_system;  // of completed applications, in completion order
  double first_arrival = 0, last_arrival = 0;
};

// Submits `jobs` applications on `plan` with exponential inter-arrival times (rate per day),
// then runs until every one has completed.
inline PoissonRunResult run_poisson(QueueingNetwork& network, std::uint32_t plan,
                                    double arrivals_per_day, std::size_t jobs, std::uint64_t seed) {
  PoissonRunResult result;
  RandomStream arrivals(seed, {99, 1, 0, 0});
  double time = 0;
  for (std::size_t job = 0; job < jobs; ++job) {
    time += arrivals.exponential(arrivals_per_day);
    network.run_until(time);
    network.submit(plan, job, time);
    if (job == 0) result.first_arrival = time;
  }
  result.last_arrival = time;
  network.run_until(time + 1e9);
  for (const ApplicationOutcome& outcome : network.outcomes())
    result.times_in_system.push_back(outcome.completed_day - outcome.submitted_day);
  return result;
}

inline double mean_of(const std::vector<double>& values) {
  double total = 0;
  for (double value : values)
    total += value;
  return total / static_cast<double>(values.size());
}

}  // namespace reformsim::models::testing
