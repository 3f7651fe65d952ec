#include "sim/calibration/abc_smc.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <stdexcept>

#include "sim/calibration/perturbation_kernel.h"
#include "sim/parallel/loops.h"

namespace reformsim::calibration {
namespace {

// Stream and purpose of the proposal draws: fixed forever, like the models' ids.
constexpr std::uint32_t proposal_stream = 0xCA11B;
constexpr std::uint32_t proposal_purpose = 1;
// A round gives each pending particle ceil(population / pending) attempts, at most this many,
// so late rounds still fill the machine; the count depends only on the state, never on threads.
constexpr std::size_t max_attempts_per_round = 64;

struct GenerationPlan {
  std::size_t index = 0;
  double tolerance = 0;
  Distance distance;
  std::optional<PerturbationKernel> kernel;  // none in generation 0: proposals are prior draws
};

struct PendingParticle {
  std::size_t particle = 0;
  std::size_t first_attempt = 0;
};

std::vector<double> draw_theta(const GenerationPlan& plan, const ParameterSpace& space,
                               const AbcSettings& settings, std::size_t particle,
                               std::size_t attempt) {
  RandomStream random(particle_key(settings.master_seed, plan.index, particle),
                      {proposal_stream, proposal_purpose, attempt, 0});
  return plan.kernel ? plan.kernel->propose(random, space) : space.sample(random);
}

// Builds and simulates `chunk` attempts of every pending particle; evaluations come back in
// (particle, attempt) order, without distances.
std::vector<Evaluation> simulate_round(BatchSimulator& simulator, const GenerationPlan& plan,
                                       const ParameterSpace& space, const AbcSettings& settings,
                                       const std::vector<PendingParticle>& pending,
                                       std::size_t chunk) {
  std::vector<Evaluation> evaluations(pending.size() * chunk);
  std::vector<EvaluationRequest> requests(evaluations.size());
  parallel_for_each_index(std::size_t{0}, evaluations.size(), [&](std::size_t n) {
    const auto& [particle, first] = pending[n / chunk];
    const std::size_t attempt = first + n % chunk;
    const auto key = particle_key(settings.master_seed, plan.index, particle);
    requests[n] = {draw_theta(plan, space, settings, particle, attempt),
                   attempt_seeds(key, attempt, settings.replications)};
    evaluations[n] = {requests[n].theta,
                      {},
                      0,
                      static_cast<std::int64_t>(plan.index),
                      static_cast<std::int64_t>(particle),
                      static_cast<std::int64_t>(attempt),
                      false};
  });
  const auto results = simulator.simulate(requests);
  for (std::size_t n = 0; n < evaluations.size(); ++n)
    evaluations[n].statistics = replication_means(results[n]);
  return evaluations;
}

std::vector<double> previous_distances(const Generation& previous, const Distance& distance) {
  std::vector<double> distances;
  for (const auto& statistics : previous.statistics)
    distances.push_back(distance(statistics));
  return distances;
}

std::vector<std::vector<double>> statistics_of_generation(const AbcState& state,
                                                          std::size_t generation) {
  std::vector<std::vector<double>> rows;
  for (const auto& evaluation : state.evaluations)
    if (evaluation.generation == static_cast<std::int64_t>(generation))
      rows.push_back(evaluation.statistics);
  return rows;
}

// The distance and tolerance of generation t >= 1, from generation t - 1.
GenerationPlan plan_generation(const AbcState& state, const std::vector<TargetSpec>& targets,
                               const AbcSettings& settings) {
  const std::size_t index = state.generations.size();
  const Generation& previous = state.generations.back();
  const auto scales =
      settings.distance == DistanceKind::adaptive
          ? Distance::adaptive_scales(targets, statistics_of_generation(state, index - 1))
          : Distance::uncertainty_scales(targets);
  GenerationPlan plan{index, 0, Distance(targets, scales), std::nullopt};
  plan.tolerance = weighted_quantile(previous_distances(previous, plan.distance), previous.weights,
                                     settings.alpha);
  plan.kernel.emplace(previous.particles, previous.weights);
  return plan;
}

// Generation 0's distance scales and epsilon_0 from the pilot (attempt 0 of every particle).
void plan_from_pilot(GenerationPlan& plan, std::vector<Evaluation>& pilot,
                     const std::vector<TargetSpec>& targets, const AbcSettings& settings) {
  std::vector<std::vector<double>> statistics;
  for (const auto& evaluation : pilot)
    statistics.push_back(evaluation.statistics);
  if (settings.distance == DistanceKind::adaptive)
    plan.distance = Distance(targets, Distance::adaptive_scales(targets, statistics));
  std::vector<double> distances;
  for (const auto& evaluation : pilot)
    distances.push_back(plan.distance(evaluation.statistics));
  const Eigen::VectorXd equal = Eigen::VectorXd::Ones(static_cast<Eigen::Index>(pilot.size()));
  plan.tolerance = weighted_quantile(distances, equal, settings.initial_quantile);
  if (!std::isfinite(plan.tolerance))
    throw std::runtime_error(
        "ABC-SMC: too many prior draws give undefined target statistics "
        "to set the first tolerance");
}

}  // namespace

namespace {

struct GenerationRun {
  std::vector<std::optional<Evaluation>> accepted;  // per particle
  std::vector<std::size_t> next_attempt;            // per particle
  std::uint64_t counted_attempts = 0;               // up to and including each acceptance
  std::uint64_t simulations = 0;
};

void take_round(GenerationRun& run, std::vector<Evaluation>& evaluations,
                const GenerationPlan& plan, AbcState& state) {
  for (auto& evaluation : evaluations) {
    const auto particle = static_cast<std::size_t>(evaluation.particle);
    evaluation.distance = plan.distance(evaluation.statistics);
    run.next_attempt[particle] = static_cast<std::size_t>(evaluation.attempt) + 1;
    if (!run.accepted[particle] && evaluation.distance <= plan.tolerance) {
      evaluation.accepted = true;
      run.accepted[particle] = evaluation;
      run.counted_attempts += static_cast<std::uint64_t>(evaluation.attempt) + 1;
    }
    state.evaluations.push_back(evaluation);
  }
  run.simulations += evaluations.size();
  state.simulations += evaluations.size();
}

std::vector<PendingParticle> pending_particles(const GenerationRun& run) {
  std::vector<PendingParticle> pending;
  for (std::size_t i = 0; i < run.accepted.size(); ++i)
    if (!run.accepted[i]) pending.push_back({i, run.next_attempt[i]});
  return pending;
}

Eigen::VectorXd importance_weights(const GenerationPlan& plan, const ParameterSpace& space,
                                   const ParticleMatrix& particles) {
  const Eigen::Index count = particles.rows();
  if (!plan.kernel) return Eigen::VectorXd::Constant(count, 1.0 / static_cast<double>(count));
  Eigen::VectorXd log_weights(count);
  parallel_for_each_index(Eigen::Index{0}, count, [&](Eigen::Index i) {
    const Eigen::VectorXd theta = particles.row(i).transpose();
    const std::vector<double> values(theta.data(), theta.data() + theta.size());
    log_weights[i] = space.log_density(values) - plan.kernel->log_mixture_density(theta);
  });
  return normalise_log_weights(log_weights);
}

Generation assemble(const GenerationRun& run, const GenerationPlan& plan,
                    const ParameterSpace& space) {
  Generation generation;
  generation.tolerance = plan.tolerance;
  generation.scales = plan.distance.scales();
  const auto count = static_cast<Eigen::Index>(run.accepted.size());
  generation.particles.resize(count, static_cast<Eigen::Index>(space.size()));
  for (Eigen::Index i = 0; i < count; ++i) {
    const Evaluation& particle = *run.accepted[static_cast<std::size_t>(i)];
    for (std::size_t k = 0; k < space.size(); ++k)
      generation.particles(i, static_cast<Eigen::Index>(k)) = particle.theta[k];
    generation.distances.push_back(particle.distance);
    generation.statistics.push_back(particle.statistics);
  }
  generation.weights = importance_weights(plan, space, generation.particles);
  generation.simulations = run.simulations;
  generation.acceptance_rate =
      static_cast<double>(count) / static_cast<double>(run.counted_attempts);
  generation.effective_sample_size = effective_sample_size(generation.weights);
  return generation;
}

// Runs one generation to completion; false (nothing added) when the budget ran out first.
bool run_generation(BatchSimulator& simulator, const ParameterSpace& space,
                    const std::vector<TargetSpec>& targets, const AbcSettings& settings,
                    AbcState& state) {
  const std::size_t population = settings.population;
  GenerationRun run{std::vector<std::optional<Evaluation>>(population),
                    std::vector<std::size_t>(population, 0), 0, 0};
  GenerationPlan plan =
      state.generations.empty()
          ? GenerationPlan{0, 0, Distance(targets, Distance::uncertainty_scales(targets)),
                           std::nullopt}
          : plan_generation(state, targets, settings);
  if (state.generations.empty()) {
    auto pilot = simulate_round(simulator, plan, space, settings, pending_particles(run), 1);
    plan_from_pilot(plan, pilot, targets, settings);
    take_round(run, pilot, plan, state);
  }
  for (auto pending = pending_particles(run); !pending.empty(); pending = pending_particles(run)) {
    if (state.simulations >= settings.simulation_budget) return false;
    const std::size_t chunk = std::clamp<std::size_t>(
        (population + pending.size() - 1) / pending.size(), 1, max_attempts_per_round);
    auto evaluations = simulate_round(simulator, plan, space, settings, pending, chunk);
    take_round(run, evaluations, plan, state);
  }
  state.generations.push_back(assemble(run, plan, space));
  return true;
}

void check_settings(const AbcSettings& settings, const std::vector<TargetSpec>& targets) {
  const bool any_fit = std::any_of(targets.begin(), targets.end(),
                                   [](const TargetSpec& target) { return target.fit; });
  if (settings.population < 2 || !(settings.alpha > 0 && settings.alpha < 1) ||
      !(settings.initial_quantile > 0 && settings.initial_quantile <= 1) ||
      settings.replications < 1 || settings.max_generations < 1 || !any_fit)
    throw std::invalid_argument(
        "ABC-SMC: population >= 2, alpha in (0, 1), initial quantile in (0, 1], at least one "
        "replication and generation, and at least one fit target are required");
}

}  // namespace

std::string stopping_reason(const AbcState& state, const AbcSettings& settings) {
  if (!state.stop_reason.empty()) return state.stop_reason;
  if (state.generations.empty()) return "";
  const Generation& last = state.generations.back();
  if (last.tolerance <= settings.minimum_tolerance) return "minimum tolerance reached";
  if (last.acceptance_rate < settings.minimum_acceptance_rate)
    return "acceptance rate below the minimum";
  if (state.generations.size() >= settings.max_generations) return "maximum generations reached";
  if (state.simulations >= settings.simulation_budget) return "simulation budget spent";
  return "";
}

void run_abc_smc(BatchSimulator& simulator, const ParameterSpace& space,
                 const std::vector<TargetSpec>& targets, const AbcSettings& settings,
                 AbcState& state, const GenerationCallback& on_generation) {
  check_settings(settings, targets);
  while (stopping_reason(state, settings).empty()) {
    if (!run_generation(simulator, space, targets, settings, state)) {
      if (state.generations.empty())
        throw std::runtime_error("ABC-SMC: the simulation budget of " +
                                 std::to_string(settings.simulation_budget) +
                                 " ran out before the first generation was complete");
      state.stop_reason = "simulation budget spent during generation " +
                          std::to_string(state.generations.size()) + " (abandoned)";
    }
    state.stop_reason = stopping_reason(state, settings);
    if (on_generation) on_generation(state);
  }
}

}  // namespace reformsim::calibration
