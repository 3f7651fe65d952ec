// abc_smc.h - approximate Bayesian computation by sequential Monte Carlo (Toni et al. 2009;
// Beaumont et al. 2009; del Moral, Doucet & Jasra 2012 for the adaptive tolerance):
//   generation 0   every particle's attempt 0 is a prior draw (the pilot); epsilon_0 is the
//                  initial_quantile of the pilot distances; particles whose pilot is within
//                  epsilon_0 are accepted, the others draw again from the prior until accepted.
//   generation t   epsilon_t = weighted alpha-quantile of generation t-1's accepted distances
//                  (re-measured with the new scales under the adaptive distance); proposals from
//                  the PerturbationKernel; weight w_i ~ prior(theta_i) / sum_j w_j K(theta_i |
//                  theta_j), normalised; ESS = 1 / sum w_i^2.
// Stops after a generation when its tolerance <= minimum_tolerance, its acceptance rate <
// minimum_acceptance_rate, max_generations are done, or the simulation budget is spent (a
// generation that runs out of budget part-way is abandoned and the previous one is the result).
//
// Determinism: attempt a of particle i in generation t draws only from Philox keyed by
// (master seed, t, i, a) and the previous population; attempts are simulated in batches whose
// composition depends only on that state, so a generation is identical on any number of
// threads, and a run resumed from a checkpointed state is identical to an uninterrupted one.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "sim/calibration/batch_simulator.h"
#include "sim/calibration/distance.h"
#include "sim/calibration/prior.h"
#include "sim/calibration/weighted_sample.h"

namespace reformsim::calibration {

struct AbcSettings {
  std::size_t population = 200;
  double alpha = 0.5;             // quantile of the last distances that sets the next tolerance
  double initial_quantile = 0.5;  // quantile of the pilot (prior) distances: epsilon_0
  double minimum_tolerance = 0;
  double minimum_acceptance_rate = 0.01;
  std::uint64_t simulation_budget = 100000;  // simulated parameter sets, all generations
  std::size_t max_generations = 20;
  std::size_t replications = 1;  // per parameter set; statistics are their means
  DistanceKind distance = DistanceKind::targets;
  std::uint64_t master_seed = 0;
};

// One simulated parameter set.
struct Evaluation {
  std::vector<double> theta;
  std::vector<double> statistics;  // replication mean of every target (fit and check)
  double distance = 0;
  std::int64_t generation = 0, particle = 0, attempt = 0;
  bool accepted = false;
};

struct Generation {
  double tolerance = 0;
  std::vector<double> scales;                   // the distance's scale of every target
  ParticleMatrix particles;                     // population x parameters
  Eigen::VectorXd weights;                      // normalised
  std::vector<double> distances;                // of the accepted particles
  std::vector<std::vector<double>> statistics;  // [particle][target]
  std::uint64_t simulations = 0;                // simulated in this generation
  double acceptance_rate = 0;  // population / attempts up to each particle's acceptance
  double effective_sample_size = 0;
};

struct AbcState {
  std::vector<Generation> generations;  // complete generations only
  std::vector<Evaluation> evaluations;  // every simulated parameter set, in order
  std::uint64_t simulations = 0;        // all generations, abandoned ones included
  std::string stop_reason;              // empty until finished
};

// Called after every complete generation (and once more when finished): the checkpoint.
using GenerationCallback = std::function<void(const AbcState&)>;

// Runs (or continues, when state holds generations from a checkpoint) until a stopping rule
// holds. Throws std::invalid_argument for inconsistent settings.
void run_abc_smc(BatchSimulator& simulator, const ParameterSpace& space,
                 const std::vector<TargetSpec>& targets, const AbcSettings& settings,
                 AbcState& state, const GenerationCallback& on_generation = {});

// The reason to stop after the last complete generation, or "" to go on.
std::string stopping_reason(const AbcState& state, const AbcSettings& settings);

}  // namespace reformsim::calibration
