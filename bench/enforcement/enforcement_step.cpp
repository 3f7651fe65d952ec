// enforcement_step.cpp - one day of inspections over 1e3 to 1e7 firms (Binhai mix), before and
// after consolidation, on 1 and 2 threads: firm-steps per second and bytes per second against
// the triad of the same run.
#include <tbb/global_control.h>

#include "bench/memory_bandwidth.h"
#include "models/firms/firms_enforcement_model.h"
#include "models/model_catalogue.h"
#include "sim/run/scenario.h"

namespace reformsim::bench {
namespace {

// Bytes one firm-day touches: id, employment, propensity read (24), open violation, last
// inspection day and burden read and written (2 + 8 + 16).
constexpr double bytes_per_firm_step = 24 + 2 + 8 + 16;

// The day of inspections of state.range(0) firms with `threads_wanted` threads, before or after
// consolidation, and inspect() in `schedule`.
void run_inspections(benchmark::State& state, std::int64_t threads_wanted, bool consolidated,
                     TiledSchedule schedule) {
  tbb::global_control threads(tbb::global_control::max_allowed_parallelism,
                              static_cast<std::size_t>(threads_wanted));
  const ModelCatalogue catalogue = models::all_models();
  const Model& model = *catalogue.find("firms_enforcement");
  ParameterSet parameters(build_registry(model, catalogue));
  const auto firms = state.range(0);
  parameters.set_value(
      "firms.initial_firms",
      std::vector<std::int64_t>{firms / 46, firms / 27,
                                firms - firms / 46 - firms / 27 - firms / 13, firms / 13},
      "benchmark");
  // consolidated: the bureau from day 0 of the burn-in; else the 34 departments throughout.
  parameters.set_value("reform.consolidated_enforcement", consolidated, "benchmark");
  parameters.set_value("reform.consolidated_enforcement_day", std::int64_t{-1000}, "benchmark");
  const MetricCatalogue metrics = model.metrics(parameters);
  const Calendar calendar = Calendar::from(parameters);
  auto replication = model.create_state({parameters, calendar, 42, 0}, metrics);
  auto& market = dynamic_cast<models::FirmsEnforcementState&>(*replication);
  market.enforcement().set_inspection_schedule(schedule);
  std::vector<double> row_values(metrics.series_width());
  MetricRow row(row_values);
  std::int64_t step = 0;
  for (auto _ : state) {
    const StepContext context{step++ % calendar.total_steps(), calendar, 42};
    market.enforcement().inspect(context);
    market.enforcement().record(context, row);
  }
  set_throughput(state, static_cast<double>(firms), bytes_per_firm_step);
}

void enforcement_step(benchmark::State& state) {
  run_inspections(state, state.range(1), state.range(2) != 0, TiledSchedule::automatic);
}
BENCHMARK(enforcement_step)
    ->ArgsProduct({{1000, 10000, 100000, 1000000, 10000000}, {1, 2}, {0, 1}})
    ->ArgNames({"firms", "threads", "consolidated"})
    ->Unit(benchmark::kMicrosecond)
    ->UseRealTime();

// Whole blocks (schedule 1) against tiles (2) on two threads, where the automatic schedule
// takes tiles (fewer than 8 blocks): does spreading the firms finer pay for a second loop?
void enforcement_step_schedule(benchmark::State& state) {
  run_inspections(state, 2, state.range(1) != 0, static_cast<TiledSchedule>(state.range(2)));
}
BENCHMARK(enforcement_step_schedule)
    ->ArgsProduct({{1000, 10000, 30000}, {0}, {1, 2}})
    ->ArgNames({"firms", "consolidated", "schedule"})
    ->Unit(benchmark::kMicrosecond)
    ->UseRealTime();

}  // namespace
}  // namespace reformsim::bench
