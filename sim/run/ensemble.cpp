#include "sim/run/ensemble.h"

#include <chrono>
#include <limits>

#include "sim/parallel/loops.h"
#include "sim/random/philox.h"

namespace reformsim {

ReplicationResult run_replication(const Model& model, const ParameterSet& parameters,
                                  const MetricCatalogue& metrics, std::uint64_t seed,
                                  std::size_t replication, ProgressCounter* counter) {
  const auto start = std::chrono::steady_clock::now();
  const Calendar calendar = Calendar::from(parameters);
  const auto steps = static_cast<std::size_t>(calendar.total_steps());
  const double not_set = std::numeric_limits<double>::quiet_NaN();

  ReplicationResult result;
  result.replication = replication;
  result.seed = seed;
  result.series.assign(steps * metrics.series_width(), not_set);
  result.summary.assign(metrics.summary_width(), not_set);

  auto state =
      model.create_state(ReplicationSetup{parameters, calendar, seed, replication}, metrics);
  const std::vector<Phase> phases = state->phases();
  for (std::size_t step = 0; step < steps; ++step) {
    const StepContext context{static_cast<std::int64_t>(step), calendar, seed};
    for (const Phase& phase : phases)
      phase.run(context);
    MetricRow row(std::span<double>(result.series)
                      .subspan(step * metrics.series_width(), metrics.series_width()));
    state->record(context, row);
    if (counter) counter->add(1);
  }
  MetricRow summary(result.summary);
  state->summarise(summary);
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return result;
}

std::vector<std::uint64_t> replication_seeds(std::uint64_t master_seed, std::uint64_t point,
                                             std::size_t replications) {
  std::vector<std::uint64_t> seeds(replications);
  for (std::size_t r = 0; r < replications; ++r)
    seeds[r] = derive_seed(master_seed, point, r);
  return seeds;
}

EnsembleResult run_ensemble(const Model& model, const ParameterSet& parameters,
                            const std::vector<std::uint64_t>& seeds, ProgressCounter* counter) {
  EnsembleResult ensemble{model.metrics(parameters), Calendar::from(parameters), {}};
  ensemble.replications.resize(seeds.size());
  // Grain 1: a replication is a large task, and TBB nests the phases' loops inside it.
  parallel_for_each_index(std::size_t{0}, seeds.size(), [&](std::size_t r) {
    ensemble.replications[r] =
        run_replication(model, parameters, ensemble.metrics, seeds[r], r, counter);
  });
  return ensemble;
}

}  // namespace reformsim
