// binhai_scenario.cpp - the whole Binhai 2018 scenario (configs/binhai_2018.ini, 750 working
// days): simulations per second with replications in parallel on 1 and 2 threads; one
// replication stepped by hand with each phase and the recording timed apart (where a run's
// time goes, and the share of bookkeeping); and the time of writing the run file of an
// ensemble, to give output's share of a run.
#include <tbb/global_control.h>
#include <tbb/task_arena.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <map>

#include "bench/memory_bandwidth.h"
#include "models/model_catalogue.h"
#include "sim/output/run_file.h"
#include "sim/run/ensemble.h"
#include "sim/run/scenario.h"

namespace reformsim::bench {
namespace {

const Scenario& binhai() {
  static const ModelCatalogue catalogue = models::all_models();
  static const Scenario scenario =
      load_scenario(catalogue, REFORMSIM_SOURCE_DIR "/configs/binhai_2018.ini", {});
  return scenario;
}

// R replications (run_ensemble, as `reformsim run` calls it) on T threads: an iteration is
// one ensemble; simulations_per_second counts replications. threads:2/replications:1 is the
// parallelism inside one replication (the phases' blocks); R >= T adds replications in parallel.
void binhai_ensemble(benchmark::State& state) {
  const auto threads = static_cast<int>(state.range(0));
  const auto replications = static_cast<std::size_t>(state.range(1));
  tbb::global_control control(tbb::global_control::max_allowed_parallelism,
                              static_cast<std::size_t>(threads));
  tbb::task_arena arena(threads);
  const Scenario& scenario = binhai();
  const auto seeds = replication_seeds(1, 0, replications);
  for (auto _ : state)
    arena.execute([&] {
      benchmark::DoNotOptimize(run_ensemble(*scenario.model, scenario.parameters, seeds));
    });
  state.counters["simulations_per_second"] = benchmark::Counter(
      static_cast<double>(state.iterations() * replications), benchmark::Counter::kIsRate);
}
BENCHMARK(binhai_ensemble)
    ->Args({1, 1})
    ->Args({2, 1})
    ->Args({1, 2})
    ->Args({2, 2})
    ->Args({2, 8})
    ->ArgNames({"threads", "replications"})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->MeasureProcessCPUTime()
    ->Iterations(1);

// One replication on one thread, stepped as run_replication steps it, with a clock around
// every phase and around record(): counters give each part's share of the replication
// (seconds per replication, and the share of record(), the per-step bookkeeping).
void binhai_replication_parts(benchmark::State& state) {
  tbb::global_control control(tbb::global_control::max_allowed_parallelism, 1);
  tbb::task_arena arena(1);
  const Scenario& scenario = binhai();
  const Calendar calendar = Calendar::from(scenario.parameters);
  std::map<std::string, double> seconds;  // by phase, "record" and "setup"
  using clock = std::chrono::steady_clock;
  const auto since = [](clock::time_point start) {
    return std::chrono::duration<double>(clock::now() - start).count();
  };
  for (auto _ : state)
    arena.execute([&] {
      const std::uint64_t seed = 1;
      auto start = clock::now();
      auto model_state = scenario.model->create_state(
          ReplicationSetup{scenario.parameters, calendar, seed, 0}, scenario.metrics);
      const std::vector<Phase> phases = model_state->phases();
      std::vector<double> series(static_cast<std::size_t>(calendar.total_steps()) *
                                 scenario.metrics.series_width());
      seconds["setup"] += since(start);
      std::vector<double*> phase_seconds;
      for (const Phase& phase : phases)
        phase_seconds.push_back(&seconds[phase.name]);
      double& record_seconds = seconds["record"];
      for (std::int64_t step = 0; step < calendar.total_steps(); ++step) {
        const StepContext context{step, calendar, seed};
        for (std::size_t p = 0; p < phases.size(); ++p) {
          start = clock::now();
          phases[p].run(context);
          *phase_seconds[p] += since(start);
        }
        start = clock::now();
        MetricRow row(std::span<double>(series).subspan(
            static_cast<std::size_t>(step) * scenario.metrics.series_width(),
            scenario.metrics.series_width()));
        model_state->record(context, row);
        record_seconds += since(start);
      }
    });
  double total = 0;
  for (const auto& [part, s] : seconds)
    total += s;
  const auto iterations = static_cast<double>(state.iterations());
  for (const auto& [part, s] : seconds)
    state.counters["share_" + part] = s / total;
  state.counters["seconds_per_replication"] = total / iterations;
  state.counters["steps_per_second"] =
      static_cast<double>(calendar.total_steps()) * iterations / total;
}
BENCHMARK(binhai_replication_parts)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(1);

// Cost against steps: one replication on one thread over 2, 4 and 8 reported years after the
// 250-day burn-in (750, 1250, 2250 steps); milliseconds per step should not depend on them.
void binhai_horizon(benchmark::State& state) {
  tbb::global_control control(tbb::global_control::max_allowed_parallelism, 1);
  tbb::task_arena arena(1);
  static const ModelCatalogue catalogue = models::all_models();
  const Scenario scenario =
      load_scenario(catalogue, REFORMSIM_SOURCE_DIR "/configs/binhai_2018.ini",
                    {{"calendar.years", std::to_string(state.range(0)), "benchmark"}});
  const auto steps = Calendar::from(scenario.parameters).total_steps();
  for (auto _ : state)
    arena.execute([&] {
      benchmark::DoNotOptimize(
          run_replication(*scenario.model, scenario.parameters, scenario.metrics, 1, 0));
    });
  state.counters["steps"] = static_cast<double>(steps);
  state.counters["steps_per_second"] = benchmark::Counter(
      static_cast<double>(state.iterations() * steps), benchmark::Counter::kIsRate);
}
BENCHMARK(binhai_horizon)
    ->Arg(2)
    ->Arg(4)
    ->Arg(8)
    ->ArgName("years")
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->Iterations(1);

// Writing the run file of an R-replication ensemble (what `reformsim run` does after the
// simulations, targets group left out): milliseconds per file and per replication.
void binhai_write_run_file(benchmark::State& state) {
  const Scenario& scenario = binhai();
  const auto replications = static_cast<std::size_t>(state.range(0));
  const auto seeds = replication_seeds(1, 0, replications);
  const EnsembleResult ensemble = run_ensemble(*scenario.model, scenario.parameters, seeds);
  const auto path = std::filesystem::temp_directory_path() /
                    ("reformsim-bench-" + std::to_string(getpid()) + ".h5");
  for (auto _ : state)
    write_run_file(path, RunMetadata{"bench", "binhai_2018", "", "", "", 1, 1, "", ""},
                   scenario.parameters, ensemble);
  state.counters["bytes"] = static_cast<double>(std::filesystem::file_size(path));
  state.counters["replications_per_second"] = benchmark::Counter(
      static_cast<double>(state.iterations() * replications), benchmark::Counter::kIsRate);
  std::filesystem::remove(path);
}
BENCHMARK(binhai_write_run_file)
    ->Arg(1)
    ->Arg(8)
    ->ArgName("replications")
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

}  // namespace
}  // namespace reformsim::bench
