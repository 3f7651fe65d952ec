// demo_market_step.cpp - one day of the demonstration market per firm, 1e3 to 1e7 firms, on 1
// and 2 threads: agent-steps per second and bytes per second against the triad.
#include <tbb/global_control.h>

#include <memory>

#include "bench/memory_bandwidth.h"
#include "bench/paired_threads.h"
#include "models/demo/demo_market_model.h"
#include "models/demo/demo_market_state.h"
#include "models/model_catalogue.h"
#include "sim/run/scenario.h"

namespace reformsim::bench {
namespace {

// Bytes one firm-day touches: productivity shock (read id, read+write log productivity, write
// exit flag), stable compaction (read and write id, log productivity, sector, flag), recording
// (read log productivity and sector).
constexpr double bytes_per_firm_step = (8 + 16 + 1) + 2 * (8 + 8 + 4 + 1) + (8 + 4);

void demo_market_step(benchmark::State& state) {
  const auto firms = state.range(0);
  tbb::global_control threads(tbb::global_control::max_allowed_parallelism,
                              static_cast<std::size_t>(state.range(1)));
  const ModelCatalogue catalogue = models::all_models();
  const Model& model = *catalogue.find("demo_market");
  ParameterSet parameters(build_registry(model, catalogue));
  parameters.set_value("market.initial_firms", std::int64_t{firms}, "benchmark");
  const MetricCatalogue metrics = model.metrics(parameters);
  const Calendar calendar = Calendar::from(parameters);
  auto state_of_market = model.create_state({parameters, calendar, 42, 0}, metrics);
  const auto phases = state_of_market->phases();
  std::vector<double> row_values(metrics.series_width());
  MetricRow row(row_values);
  const auto& market = dynamic_cast<const models::DemoMarketState&>(*state_of_market);
  std::int64_t step = 0;
  double firm_steps = 0;  // the market grows by entry while the benchmark runs: count it
  for (auto _ : state) {
    const StepContext context{step++ % calendar.total_steps(), calendar, 42};
    firm_steps += static_cast<double>(market.firm_count());
    for (const auto& phase : phases)
      phase.run(context);
    state_of_market->record(context, row);
  }
  set_throughput(state, firm_steps / static_cast<double>(state.iterations()), bytes_per_firm_step);
  state.counters["firms_at_end"] = static_cast<double>(market.firm_count());
}
BENCHMARK(demo_market_step)
    ->ArgsProduct({{1000, 10000, 100000, 1000000, 10000000}, {1, 2}})
    ->ArgNames({"firms", "threads"})
    ->Unit(benchmark::kMicrosecond)
    ->UseRealTime();

// 1 -> 2 threads within one process (bench/paired_threads.h).
void demo_market_step_paired(benchmark::State& state) {
  tbb::global_control threads(tbb::global_control::max_allowed_parallelism, 2);
  const ModelCatalogue catalogue = models::all_models();
  const Model& model = *catalogue.find("demo_market");
  ParameterSet parameters(build_registry(model, catalogue));
  parameters.set_value("market.initial_firms", std::int64_t{state.range(0)}, "benchmark");
  const MetricCatalogue metrics = model.metrics(parameters);
  const Calendar calendar = Calendar::from(parameters);
  std::unique_ptr<ModelState> state_of_market;
  std::vector<Phase> phases;
  std::int64_t step = 0;
  const auto reset = [&] {  // a fresh market on day 0
    state_of_market.reset();
    state_of_market = model.create_state({parameters, calendar, 42, 0}, metrics);
    phases = state_of_market->phases();
    step = 0;
  };
  std::vector<double> row_values(metrics.series_width());
  MetricRow row(row_values);
  const auto one_day = [&] {
    const StepContext context{step++ % calendar.total_steps(), calendar, 42};
    const auto& market = dynamic_cast<const models::DemoMarketState&>(*state_of_market);
    const auto firms = static_cast<double>(market.firm_count());
    for (const auto& phase : phases)
      phase.run(context);
    state_of_market->record(context, row);
    return firms;
  };
  PairedEfficiency result;
  for (auto _ : state)
    result = measure_paired_efficiency(reset, one_day, benchmark_pairs, benchmark_round_seconds);
  set_paired_counters(state, result);
}
BENCHMARK(demo_market_step_paired)
    ->ArgsProduct({{1000, 10000, 100000, 1000000}})
    ->ArgNames({"firms"})
    ->Iterations(1)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

}  // namespace
}  // namespace reformsim::bench
