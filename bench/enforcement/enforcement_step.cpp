// enforcement_step.cpp - one day of inspections over 1e3 to 1e7 firms (Binhai mix), before and
// after consolidation, on 1 and 2 threads: firm-steps per second and bytes per second against
// the triad of the same run.
#include <tbb/global_control.h>

#include <memory>

#include "bench/memory_bandwidth.h"
#include "bench/paired_threads.h"
#include "models/firms/firms_enforcement_model.h"
#include "models/model_catalogue.h"
#include "sim/run/scenario.h"

namespace reformsim::bench {
namespace {

// Bytes one firm-day touches: id, employment, propensity read (24), open violation, last
// inspection day and burden read and written (2 + 8 + 16), the kept onset probability and
// inspection rate with its exp read (24: written only when they change).
constexpr double bytes_per_firm_step = 24 + 2 + 8 + 16 + 24;

// Inspections of `firms` firms day by day, before or after consolidation.
class InspectionDays {
 public:
  InspectionDays(std::int64_t firms, bool consolidated, TiledSchedule schedule)
      : catalogue_(models::all_models()),
        model_(*catalogue_.find("firms_enforcement")),
        parameters_(build_registry(model_, catalogue_)) {
    parameters_.set_value(
        "firms.initial_firms",
        std::vector<std::int64_t>{firms / 46, firms / 27,
                                  firms - firms / 46 - firms / 27 - firms / 13, firms / 13},
        "benchmark");
    // consolidated: the bureau from day 0 of the burn-in; else the 34 departments throughout.
    parameters_.set_value("reform.consolidated_enforcement", consolidated, "benchmark");
    parameters_.set_value("reform.consolidated_enforcement_day", std::int64_t{-1000}, "benchmark");
    metrics_ = model_.metrics(parameters_);
    calendar_ = std::make_unique<Calendar>(Calendar::from(parameters_));
    row_values_.assign(metrics_.series_width(), 0);
    firms_ = static_cast<double>(firms);
    schedule_ = schedule;
    reset();
  }
  // A fresh replication, on day 0.
  void reset() {
    replication_.reset();
    replication_ = model_.create_state({parameters_, *calendar_, 42, 0}, metrics_);
    enforcement().set_inspection_schedule(schedule_);
    step_ = 0;
  }
  // One day of inspections; returns the firms inspected.
  double step() {
    const StepContext context{step_++ % calendar_->total_steps(), *calendar_, 42};
    MetricRow row(row_values_);
    enforcement().inspect(context);
    enforcement().record(context, row);
    return firms_;
  }

 private:
  models::EnforcementSystem& enforcement() {
    return dynamic_cast<models::FirmsEnforcementState&>(*replication_).enforcement();
  }
  ModelCatalogue catalogue_;
  const Model& model_;
  ParameterSet parameters_;
  MetricCatalogue metrics_;
  std::unique_ptr<Calendar> calendar_;
  std::unique_ptr<ModelState> replication_;
  std::vector<double> row_values_;
  double firms_ = 0;
  TiledSchedule schedule_ = TiledSchedule::automatic;
  std::int64_t step_ = 0;
};

// A day of inspections of state.range(0) firms with `threads_wanted` threads, before or after
// consolidation, and inspect() in `schedule`.
void run_inspections(benchmark::State& state, std::int64_t threads_wanted, bool consolidated,
                     TiledSchedule schedule) {
  tbb::global_control threads(tbb::global_control::max_allowed_parallelism,
                              static_cast<std::size_t>(threads_wanted));
  InspectionDays days(state.range(0), consolidated, schedule);
  for (auto _ : state)
    days.step();
  set_throughput(state, static_cast<double>(state.range(0)), bytes_per_firm_step);
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

// 1 -> 2 threads within one process (bench/paired_threads.h).
void enforcement_step_paired(benchmark::State& state) {
  tbb::global_control threads(tbb::global_control::max_allowed_parallelism, 2);
  InspectionDays days(state.range(0), state.range(1) != 0, TiledSchedule::automatic);
  PairedEfficiency result;
  for (auto _ : state)
    result = measure_paired_efficiency([&] { days.reset(); }, [&] { return days.step(); },
                                       benchmark_pairs, benchmark_round_seconds);
  set_paired_counters(state, result);
}
BENCHMARK(enforcement_step_paired)
    ->ArgsProduct({{1000, 10000, 100000, 1000000}, {0, 1}})
    ->ArgNames({"firms", "consolidated"})
    ->Iterations(1)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

}  // namespace
}  // namespace reformsim::bench
