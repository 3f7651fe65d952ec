#include "sim/calibration/msm.h"

#include <Eigen/Dense>
#include <cmath>
#include <exception>
#include <nlopt.hpp>
#include <stdexcept>

#include "sim/random/philox.h"

namespace reformsim::calibration {
namespace {

// Seed keys of MSM's streams under the master seed; fixed forever.
constexpr std::uint64_t msm_seed_point = 0x4D534DULL;       // "MSM": common random numbers
constexpr std::uint64_t msm_optimiser_point = 0x4E4C4FULL;  // "NLO": nlopt_srand

std::vector<double> inverse_variance_weights(const std::vector<TargetSpec>& targets,
                                             const ReplicatedStatistics& statistics) {
  std::vector<double> weights;
  for (std::size_t k = 0; k < targets.size(); ++k) {
    if (!targets[k].fit) continue;
    const Eigen::Map<const Eigen::VectorXd> values(statistics[k].data(),
                                                   static_cast<Eigen::Index>(statistics[k].size()));
    const double replications = static_cast<double>(values.size());
    const double variance =
        replications > 1 ? (values.array() - values.mean()).square().sum() / (replications - 1) : 0;
    const double relative =
        variance / (replications * targets[k].uncertainty * targets[k].uncertainty);
    weights.push_back(std::isfinite(relative) ? targets[k].weight / (1 + relative)
                                              : targets[k].weight);
  }
  return weights;
}

class Objective;

struct StageBudget {
  Objective* objective = nullptr;
  MsmStage stage = MsmStage::start;
  int budget = 0, used = 0;
};

class Objective {
 public:
  Objective(BatchSimulator& simulator, const std::vector<TargetSpec>& targets, MsmResult& result,
            const std::vector<MsmEvaluation>& replay,
            const std::function<void(const MsmResult&)>& on_evaluation, bool weights_from_start)
      : simulator_(simulator),
        targets_(targets),
        result_(result),
        replay_(replay),
        on_evaluation_(on_evaluation),
        weights_from_start_(weights_from_start) {}

  double evaluate(const std::vector<double>& theta, MsmStage stage) {
    const std::size_t position = result_.evaluations.size();
    ReplicatedStatistics statistics;
    if (position < replay_.size() && replay_[position].theta == theta)
      statistics = replay_[position].statistics;
    else
      statistics = simulator_.simulate({{theta, result_.seeds}}).front();
    if (position == 0 && weights_from_start_)
      result_.moment_weights = inverse_variance_weights(targets_, statistics);
    const double objective = msm_objective(targets_, result_.moment_weights, statistics);
    result_.evaluations.push_back({theta, std::move(statistics), objective, stage});
    if (objective < result_.evaluations[result_.best].objective) result_.best = position;
    if (on_evaluation_) on_evaluation_(result_);
    return objective;
  }

  // NLopt swallows exceptions thrown in objectives; this keeps the first to rethrow it. NLopt's
  // CRS2 can overshoot maxeval by dozens of evaluations (its population steps do not check
  // it), so the budget is enforced here: a stage stops at exactly its budget.
  static double call(const std::vector<double>& theta, std::vector<double>&, void* data) {
    auto& stage = *static_cast<StageBudget*>(data);
    if (stage.used >= stage.budget) throw nlopt::forced_stop();
    ++stage.used;
    try {
      return stage.objective->evaluate(theta, stage.stage);
    } catch (...) {
      stage.objective->failure_ = std::current_exception();
      throw nlopt::forced_stop();
    }
  }

  std::exception_ptr failure_;

 private:
  BatchSimulator& simulator_;
  const std::vector<TargetSpec>& targets_;
  MsmResult& result_;
  const std::vector<MsmEvaluation>& replay_;
  const std::function<void(const MsmResult&)>& on_evaluation_;
  bool weights_from_start_;
};

std::string run_stage(nlopt::algorithm algorithm, Objective& objective, MsmStage stage,
                      const ParameterSpace& space, std::vector<double> start, int evaluations,
                      double relative_tolerance) {
  nlopt::opt optimiser(algorithm, static_cast<unsigned>(space.size()));
  optimiser.set_lower_bounds(space.lower_bounds());
  optimiser.set_upper_bounds(space.upper_bounds());
  optimiser.set_maxeval(evaluations);
  if (relative_tolerance > 0) optimiser.set_xtol_rel(relative_tolerance);
  StageBudget budget{&objective, stage, evaluations, 0};
  optimiser.set_min_objective(Objective::call, &budget);
  double value = 0;
  try {
    const auto status = optimiser.optimize(start, value);
    return status == nlopt::MAXEVAL_REACHED ? "evaluation budget spent" : "converged";
  } catch (const nlopt::roundoff_limited&) {
    return "stopped by round-off";
  } catch (const nlopt::forced_stop&) {
    if (objective.failure_) std::rethrow_exception(objective.failure_);
    return "evaluation budget spent";
  }
}

}  // namespace

GlobalAlgorithm global_algorithm_from_name(const std::string& name) {
  if (name == "crs2") return GlobalAlgorithm::crs2;
  if (name == "isres") return GlobalAlgorithm::isres;
  throw std::invalid_argument("unknown global algorithm '" + name + "': accepted crs2, isres");
}

MomentWeighting moment_weighting_from_name(const std::string& name) {
  if (name == "identity") return MomentWeighting::identity;
  if (name == "inverse_variance") return MomentWeighting::inverse_variance;
  throw std::invalid_argument("unknown weighting '" + name +
                              "': accepted identity, inverse_variance");
}

double msm_objective(const std::vector<TargetSpec>& targets, const std::vector<double>& weights,
                     const ReplicatedStatistics& statistics) {
  const auto means = replication_means(statistics);
  Eigen::VectorXd deviations(static_cast<Eigen::Index>(weights.size()));
  Eigen::Index row = 0;
  for (std::size_t k = 0; k < targets.size(); ++k) {
    if (!targets[k].fit) continue;
    if (!std::isfinite(means[k])) return undefined_objective;
    deviations[row++] = (means[k] - targets[k].reported) / targets[k].uncertainty;
  }
  const Eigen::Map<const Eigen::VectorXd> diagonal(weights.data(), deviations.size());
  return deviations.dot(diagonal.asDiagonal() * deviations);
}

MsmResult run_msm(BatchSimulator& simulator, const ParameterSpace& space,
                  const std::vector<TargetSpec>& targets, const MsmSettings& settings,
                  const std::vector<MsmEvaluation>& replay,
                  const std::function<void(const MsmResult&)>& on_evaluation) {
  for (const auto& parameter : space.parameters())
    if (!std::isfinite(parameter.prior.low) || !std::isfinite(parameter.prior.high))
      throw std::invalid_argument("MSM searches inside the prior support, which must be bounded: " +
                                  parameter.key + " has " + parameter.prior.text());
  MsmResult result;
  for (std::size_t r = 0; r < settings.replications; ++r)
    result.seeds.push_back(derive_seed(settings.master_seed, msm_seed_point, r));
  for (const auto& target : targets)
    if (target.fit) result.moment_weights.push_back(target.weight);
  Objective objective(simulator, targets, result, replay, on_evaluation,
                      settings.weighting == MomentWeighting::inverse_variance);
  objective.evaluate(space.medians(), MsmStage::start);

  nlopt::srand(derive_seed(settings.master_seed, msm_optimiser_point, 0));
  const auto global =
      settings.global == GlobalAlgorithm::crs2 ? nlopt::GN_CRS2_LM : nlopt::GN_ISRES;
  result.global_status = run_stage(global, objective, MsmStage::global, space, space.medians(),
                                   settings.global_evaluations, 0);
  result.local_status = run_stage(nlopt::LN_SBPLX, objective, MsmStage::local, space,
                                  result.evaluations[result.best].theta, settings.local_evaluations,
                                  settings.local_relative_tolerance);
  return result;
}

}  // namespace reformsim::calibration
