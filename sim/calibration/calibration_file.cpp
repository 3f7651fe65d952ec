#include "sim/calibration/calibration_file.h"

#include "sim/calibration/posterior_summary.h"
#include "sim/output/labelled_dimension.h"

namespace reformsim::calibration {
namespace {

using Ints = std::vector<std::int64_t>;
using File = LabelledArrayFile;

std::span<const std::int64_t> ints(const Ints& values) {
  return values;
}

std::vector<double> flatten(const std::vector<std::vector<double>>& rows) {
  std::vector<double> flat;
  for (const auto& row : rows)
    flat.insert(flat.end(), row.begin(), row.end());
  return flat;
}

std::vector<double> as_vector(const Eigen::VectorXd& values) {
  return {values.data(), values.data() + values.size()};
}

void write_common(const File& file, const Provenance& provenance,
                  const CalibrationDescription& description) {
  write_provenance(file, provenance);
  File::set_attribute(file.root(), "method", description.method);
  File::set_attribute(file.root(), "calibration_inputs", description.inputs_text);
  File::set_attribute(file.root(), "config", description.scenario_config);
  std::vector<std::string> keys, priors;
  std::vector<double> low, high;
  for (const auto& parameter : description.parameters) {
    keys.push_back(parameter.key);
    priors.push_back(parameter.prior.text());
    low.push_back(parameter.prior.low);
    high.push_back(parameter.prior.high);
  }
  add_labelled_dimension(file, file.root(), "parameter", "free parameter", keys);
  add_labelled_dimension(file, file.root(), "parameter_other", "free parameter (second axis)",
                         keys);
  file.add_text_variable(file.root(), "prior", "parameter", priors, {"prior distribution", "", ""});
  file.add_variable(file.root(), "prior_low", {"parameter"}, low,
                    {"lower end of the prior support", "", ""});
  file.add_variable(file.root(), "prior_high", {"parameter"}, high,
                    {"upper end of the prior support", "", ""});
  std::vector<std::string> target_keys;
  std::vector<double> reported, uncertainty, weight;
  Ints fit;
  for (const auto& target : description.targets) {
    target_keys.push_back(target.key);
    reported.push_back(target.reported);
    uncertainty.push_back(target.uncertainty);
    weight.push_back(target.weight);
    fit.push_back(target.fit);
  }
  add_labelled_dimension(file, file.root(), "target", "target statistic", target_keys);
  file.add_variable(file.root(), "reported_value", {"target"}, reported,
                    {"reported value of the target", "", "target_label"});
  file.add_variable(file.root(), "uncertainty", {"target"}, uncertainty,
                    {"uncertainty of the reported value (distance scale)", "", ""});
  file.add_variable(file.root(), "target_weight", {"target"}, weight,
                    {"weight of the target in distances", "1", ""});
  file.add_variable(file.root(), "target_fit", {"target"}, ints(fit),
                    {"1 if the target is used to fit, 0 if held out to check", "1", ""});
}

void write_fit(const File& file, const PredictiveSummary& fit, const std::string& what) {
  file.add_variable(file.root(), "fit_mean", {"target"}, fit.mean,
                    {what + ": mean", "", "target_label"});
  file.add_variable(file.root(), "fit_low", {"target"}, fit.low,
                    {what + ": 5% quantile", "", "target_label"});
  file.add_variable(file.root(), "fit_high", {"target"}, fit.high,
                    {what + ": 95% quantile", "", "target_label"});
}

void finish(File& file, const std::string& stop_reason, std::uint64_t simulations, bool complete) {
  File::set_attribute(file.root(), "stop_reason", stop_reason);
  File::set_attribute(file.root(), "simulations", static_cast<std::int64_t>(simulations));
  file.flush();
  if (complete) {
    File::set_attribute(file.root(), "complete", std::int64_t{1});
    file.flush();
  }
  file.close();
}

}  // namespace

namespace {

void write_abc_evaluations(const File& file, const std::vector<Evaluation>& evaluations) {
  file.add_dimension(file.root(), "evaluation", index_values(evaluations.size()),
                     {"simulated parameter set, in order", "1", ""});
  std::vector<std::vector<double>> theta, statistics;
  std::vector<double> distance;
  Ints generation, particle, attempt, accepted;
  for (const auto& evaluation : evaluations) {
    theta.push_back(evaluation.theta);
    statistics.push_back(evaluation.statistics);
    distance.push_back(evaluation.distance);
    generation.push_back(evaluation.generation);
    particle.push_back(evaluation.particle);
    attempt.push_back(evaluation.attempt);
    accepted.push_back(evaluation.accepted);
  }
  const auto root = file.root();
  file.add_variable(root, "evaluation_theta", {"evaluation", "parameter"}, flatten(theta),
                    {"free parameters of the simulated set", "", "parameter_label"});
  file.add_variable(root, "evaluation_statistic", {"evaluation", "target"}, flatten(statistics),
                    {"simulated target statistic (mean over replications)", "", "target_label"});
  file.add_variable(root, "evaluation_distance", {"evaluation"}, distance,
                    {"distance to the fit targets", "1", ""});
  file.add_variable(root, "evaluation_generation", {"evaluation"}, ints(generation),
                    {"generation of the evaluation", "1", ""});
  file.add_variable(root, "evaluation_particle", {"evaluation"}, ints(particle),
                    {"particle slot the evaluation tried to fill", "1", ""});
  file.add_variable(root, "evaluation_attempt", {"evaluation"}, ints(attempt),
                    {"attempt number of the particle", "1", ""});
  file.add_variable(root, "evaluation_accepted", {"evaluation"}, ints(accepted),
                    {"1 if accepted into its generation", "1", ""});
}

void write_generations(const File& file, const std::vector<Generation>& generations) {
  const std::size_t population = static_cast<std::size_t>(generations.front().particles.rows());
  file.add_dimension(file.root(), "generation", index_values(generations.size()),
                     {"ABC-SMC generation", "1", ""});
  file.add_dimension(file.root(), "particle", index_values(population),
                     {"particle of a generation", "1", ""});
  std::vector<double> tolerance, acceptance, ess, theta, weight, distance, statistic, scales;
  Ints simulations;
  for (const auto& generation : generations) {
    tolerance.push_back(generation.tolerance);
    acceptance.push_back(generation.acceptance_rate);
    ess.push_back(generation.effective_sample_size);
    simulations.push_back(static_cast<std::int64_t>(generation.simulations));
    scales.insert(scales.end(), generation.scales.begin(), generation.scales.end());
    const auto& particles = generation.particles;
    theta.insert(theta.end(), particles.data(), particles.data() + particles.size());
    weight.insert(weight.end(), generation.weights.data(),
                  generation.weights.data() + generation.weights.size());
    distance.insert(distance.end(), generation.distances.begin(), generation.distances.end());
    const auto flat = flatten(generation.statistics);
    statistic.insert(statistic.end(), flat.begin(), flat.end());
  }
  const auto root = file.root();
  file.add_variable(root, "tolerance", {"generation"}, tolerance,
                    {"ABC tolerance epsilon of the generation", "1", ""});
  file.add_variable(root, "acceptance_rate", {"generation"}, acceptance,
                    {"accepted particles / attempts", "1", ""});
  file.add_variable(root, "effective_sample_size", {"generation"}, ess,
                    {"1 / sum of squared weights", "particles", ""});
  file.add_variable(root, "generation_simulations", {"generation"}, ints(simulations),
                    {"parameter sets simulated in the generation", "simulations", ""});
  file.add_variable(root, "distance_scale", {"generation", "target"}, scales,
                    {"scale of each target's deviation in the distance", "", "target_label"});
  file.add_variable(root, "particle_theta", {"generation", "particle", "parameter"}, theta,
                    {"accepted particle", "", "parameter_label"});
  file.add_variable(root, "particle_weight", {"generation", "particle"}, weight,
                    {"normalised importance weight", "1", ""});
  file.add_variable(root, "particle_distance", {"generation", "particle"}, distance,
                    {"distance of the accepted particle", "1", ""});
  file.add_variable(root, "particle_statistic", {"generation", "particle", "target"}, statistic,
                    {"simulated target statistic of the particle", "", "target_label"});
}

void write_posterior(const File& file, const Generation& last) {
  const auto summary = summarise_posterior(last.particles, last.weights);
  const auto root = file.root();
  file.add_variable(root, "posterior_mean", {"parameter"}, as_vector(summary.mean),
                    {"weighted posterior mean", "", "parameter_label"});
  file.add_variable(root, "posterior_sd", {"parameter"}, as_vector(summary.standard_deviation),
                    {"weighted posterior standard deviation", "", "parameter_label"});
  file.add_variable(root, "posterior_q05", {"parameter"}, as_vector(summary.low),
                    {"posterior 5% quantile", "", "parameter_label"});
  file.add_variable(root, "posterior_median", {"parameter"}, as_vector(summary.median),
                    {"posterior median", "", "parameter_label"});
  file.add_variable(root, "posterior_q95", {"parameter"}, as_vector(summary.high),
                    {"posterior 95% quantile", "", "parameter_label"});
  const Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> correlation =
      summary.correlation;
  file.add_variable(
      root, "posterior_correlation", {"parameter", "parameter_other"},
      std::vector<double>(correlation.data(), correlation.data() + correlation.size()),
      {"weighted posterior correlation", "1", "parameter_label parameter_other_label"});
  write_fit(file, summarise_predictive(last.statistics, last.weights),
            "posterior predictive of the accepted particles' simulations");
}

}  // namespace

void write_abc_file(const std::filesystem::path& path, const Provenance& provenance,
                    const CalibrationDescription& description, const AbcState& state,
                    bool complete) {
  auto file = File::create(path);
  write_common(file, provenance, description);
  write_abc_evaluations(file, state.evaluations);
  if (!state.generations.empty()) {
    write_generations(file, state.generations);
    write_posterior(file, state.generations.back());
  }
  finish(file, state.stop_reason, state.simulations, complete);
}

namespace {

PredictiveSummary replication_range(const ReplicatedStatistics& statistics) {
  PredictiveSummary fit;
  fit.mean = replication_means(statistics);
  for (const auto& values : statistics) {
    const Eigen::VectorXd equal = Eigen::VectorXd::Ones(static_cast<Eigen::Index>(values.size()));
    fit.low.push_back(weighted_quantile(values, equal, interval_low_probability));
    fit.high.push_back(weighted_quantile(values, equal, interval_high_probability));
  }
  return fit;
}

void write_msm_evaluations(const File& file, const MsmResult& result) {
  file.add_dimension(file.root(), "evaluation", index_values(result.evaluations.size()),
                     {"evaluation of J, in order", "1", ""});
  std::vector<std::vector<double>> theta, means;
  std::vector<double> objective, replicated;
  Ints stage;
  for (const auto& evaluation : result.evaluations) {
    theta.push_back(evaluation.theta);
    means.push_back(replication_means(evaluation.statistics));
    objective.push_back(evaluation.objective);
    stage.push_back(static_cast<std::int64_t>(evaluation.stage));
    const std::size_t replications = result.seeds.size();
    for (std::size_t r = 0; r < replications; ++r)
      for (const auto& target : evaluation.statistics)
        replicated.push_back(target[r]);
  }
  const auto root = file.root();
  file.add_variable(root, "evaluation_theta", {"evaluation", "parameter"}, flatten(theta),
                    {"free parameters of the evaluated point", "", "parameter_label"});
  file.add_variable(
      root, "evaluation_statistic", {"evaluation", "target"}, flatten(means),
      {"simulated target statistic (mean over the common replications)", "", "target_label"});
  file.add_variable(root, "evaluation_distance", {"evaluation"}, objective,
                    {"MSM objective J = g' W g", "1", ""});
  file.add_variable(root, "evaluation_stage", {"evaluation"}, ints(stage),
                    {"0 starting point, 1 global search, 2 local polish", "1", ""});
  file.add_variable(root, "evaluation_replicated_statistic",
                    {"evaluation", "replication", "target"}, replicated,
                    {"simulated target statistic per replication", "", "target_label"});
}

}  // namespace

void write_msm_file(const std::filesystem::path& path, const Provenance& provenance,
                    const CalibrationDescription& description, const MsmResult& result,
                    bool complete) {
  auto file = File::create(path);
  write_common(file, provenance, description);
  file.add_dimension(file.root(), "replication", index_values(result.seeds.size()),
                     {"replication index (common random numbers)", "1", ""});
  file.add_variable(file.root(), "seed", {"replication"},
                    std::span<const std::uint64_t>(result.seeds),
                    {"seed of the replication, the same at every theta", "1", ""});
  std::vector<double> moment_weight;
  std::size_t fitted = 0;
  for (const auto& target : description.targets)
    moment_weight.push_back(target.fit ? result.moment_weights[fitted++] : 0.0);
  file.add_variable(file.root(), "moment_weight", {"target"}, moment_weight,
                    {"diagonal of the MSM weighting matrix W", "1", "target_label"});
  write_msm_evaluations(file, result);
  const MsmEvaluation& best = result.evaluations[result.best];
  file.add_variable(file.root(), "best_theta", {"parameter"}, best.theta,
                    {"MSM point estimate (smallest J)", "", "parameter_label"});
  File::set_attribute(file.root(), "best_objective", best.objective);
  File::set_attribute(file.root(), "best_evaluation", static_cast<std::int64_t>(result.best));
  File::set_attribute(file.root(), "global_status", result.global_status);
  File::set_attribute(file.root(), "local_status", result.local_status);
  write_fit(file, replication_range(best.statistics), "replications at the MSM point");
  finish(file, complete ? "optimisation finished" : "", result.evaluations.size(), complete);
}

}  // namespace reformsim::calibration
