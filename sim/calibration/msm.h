// msm.h - the method of simulated moments (McFadden 1989, Econometrica 57(5); Gourieroux &
// Monfort 1996, "Simulation-Based Econometric Methods"): the point theta minimising
//   J(theta) = g(theta)' W g(theta),  g_k = (mean_r s_k(theta, seed_r) - reported_k) / u_k
// over the fit targets, u_k the target's uncertainty, with the same R seeds at every theta
// (common random numbers), so J is a deterministic function of theta and an optimiser sees no
// simulation noise between nearby points. W is diag(weight_k) ("identity": the file's weights,
// 1 by default) or diag(weight_k / (1 + v_k / (R u_k^2))) ("inverse_variance": v_k the
// replication variance of s_k at the starting point, so a target the simulation itself cannot
// pin down counts less; a diagonal version of the efficient weighting).
// Optimisation: a budgeted global derivative-free search inside the prior support (NLopt's
// CRS2-LM, Kaelo & Ali 2006, or ISRES, Runarsson & Yao 2005), then a local Sbplx polish (Rowan
// 1990) from the best point. nlopt_srand is seeded from the master seed, so runs repeat.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "sim/calibration/batch_simulator.h"
#include "sim/calibration/distance.h"
#include "sim/calibration/prior.h"

namespace reformsim::calibration {

enum class GlobalAlgorithm { crs2, isres };
enum class MomentWeighting { identity, inverse_variance };

GlobalAlgorithm global_algorithm_from_name(const std::string& name);  // std::invalid_argument
MomentWeighting moment_weighting_from_name(const std::string& name);  // std::invalid_argument

struct MsmSettings {
  GlobalAlgorithm global = GlobalAlgorithm::crs2;
  int global_evaluations = 200;
  int local_evaluations = 100;
  double local_relative_tolerance = 1e-6;  // Sbplx stops when theta moves less than this
  std::size_t replications = 4;
  MomentWeighting weighting = MomentWeighting::identity;
  std::uint64_t master_seed = 0;
};

enum class MsmStage { start = 0, global = 1, local = 2 };

struct MsmEvaluation {
  std::vector<double> theta;
  ReplicatedStatistics statistics;  // [target][replication]
  double objective = 0;
  MsmStage stage = MsmStage::start;
};

struct MsmResult {
  std::vector<std::uint64_t> seeds;    // the common random numbers
  std::vector<double> moment_weights;  // diagonal of W, per fit target
  std::vector<MsmEvaluation> evaluations;
  std::size_t best = 0;  // index of the smallest J (the first on ties)
  std::string global_status, local_status;
};

// A J large enough that no optimiser prefers it, for parameter sets whose fitted statistics
// are undefined (NLopt's algorithms need a finite number).
inline constexpr double undefined_objective = 1e300;

// Every evaluation is passed to on_evaluation (the checkpoint). replay: evaluations of an
// earlier, interrupted run of the same problem; while the optimiser asks for the same theta
// (bit for bit) as the replayed evaluation at that position, its statistics are reused instead
// of simulated, so a resumed run is identical to an uninterrupted one.
MsmResult run_msm(BatchSimulator& simulator, const ParameterSpace& space,
                  const std::vector<TargetSpec>& targets, const MsmSettings& settings,
                  const std::vector<MsmEvaluation>& replay = {},
                  const std::function<void(const MsmResult&)>& on_evaluation = {});

// J for replicated statistics under the given moment weights (diagonal of W, fit targets).
double msm_objective(const std::vector<TargetSpec>& targets, const std::vector<double>& weights,
                     const ReplicatedStatistics& statistics);

}  // namespace reformsim::calibration
