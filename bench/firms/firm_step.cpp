// firm_step.cpp - one day of the firm model (production, exits, applications, the fixed-delay
// approvals, outcomes), 1e3 to 1e7 firms in the Binhai sector mix, on 1 and 2 threads:
// firm-steps per second and bytes per second against the triad of the same run. Enforcement
// is benchmarked on its own (bench/enforcement).
#include <tbb/global_control.h>

#include <memory>

#include "bench/memory_bandwidth.h"
#include "bench/paired_threads.h"
#include "models/firms/firms_enforcement_model.h"
#include "models/model_catalogue.h"
#include "sim/run/scenario.h"

namespace reformsim::bench {
namespace {

// Bytes one firm-day touches: production reads id, sector, flags, capital, its log, employment,
// burden and reads and writes log productivity and margin, writes the exit flag
// (8+1+2+8+8+8+8+16+16+1); removing exits reads and writes the 17 columns (2 x 97); the day's
// sector count reads 1.
constexpr double bytes_per_firm_step = 76 + 2 * 97 + 1;

// The Binhai initial population (9,238 firms) scaled to `firms`.
std::vector<std::int64_t> binhai_mix(std::int64_t firms) {
  const std::vector<double> shares{200 / 9238.0, 338 / 9238.0, 8000 / 9238.0};
  std::vector<std::int64_t> counts;
  std::int64_t assigned = 0;
  for (double share : shares) {
    counts.push_back(static_cast<std::int64_t>(share * static_cast<double>(firms)));
    assigned += counts.back();
  }
  counts.push_back(firms - assigned);
  return counts;
}

// The firm model (with its fixed-delay approvals) stepped day by day over `firms` firms.
class FirmDays {
 public:
  FirmDays(std::int64_t firms, TiledSchedule schedule)
      : catalogue_(models::all_models()),
        model_(*catalogue_.find("firms_enforcement")),
        parameters_(build_registry(model_, catalogue_)),
        schedule_(schedule) {
    parameters_.set_value("firms.initial_firms", binhai_mix(firms), "benchmark");
    metrics_ = model_.metrics(parameters_);
    calendar_ = std::make_unique<Calendar>(Calendar::from(parameters_));
    row_values_.assign(metrics_.series_width(), 0);
    reset();
  }
  // A fresh replication, on day 0.
  void reset() {
    replication_.reset();
    replication_ = model_.create_state({parameters_, *calendar_, 42, 0}, metrics_);
    market().firms().set_production_schedule(schedule_);
    step_ = 0;
  }
  // One day; returns the firms it stepped.
  double step() {
    const StepContext context{step_++ % calendar_->total_steps(), *calendar_, 42};
    const auto firms = static_cast<double>(market().firms().firms().size());
    MetricRow row(row_values_);
    market().firms().produce(context);
    market().firms().remove_exits(context);
    market().firms().apply_for_approvals(context);
    market().approvals().advance(context);
    market().firms().take_approval_outcomes(context);
    market().firms().record(context, row);
    return firms;
  }

 private:
  models::FirmsEnforcementState& market() {
    return dynamic_cast<models::FirmsEnforcementState&>(*replication_);
  }
  ModelCatalogue catalogue_;
  const Model& model_;
  ParameterSet parameters_;
  TiledSchedule schedule_;
  MetricCatalogue metrics_;
  std::unique_ptr<Calendar> calendar_;
  std::unique_ptr<ModelState> replication_;
  std::vector<double> row_values_;
  std::int64_t step_ = 0;
};

// A firm day of state.range(0) firms with `threads_wanted` threads and produce() in `schedule`.
void run_firm_days(benchmark::State& state, std::int64_t threads_wanted, TiledSchedule schedule) {
  tbb::global_control threads(tbb::global_control::max_allowed_parallelism,
                              static_cast<std::size_t>(threads_wanted));
  FirmDays days(state.range(0), schedule);
  double firm_steps = 0;
  for (auto _ : state)
    firm_steps += days.step();
  set_throughput(state, firm_steps / static_cast<double>(state.iterations()), bytes_per_firm_step);
}

void firm_step(benchmark::State& state) {
  run_firm_days(state, state.range(1), TiledSchedule::automatic);
}
BENCHMARK(firm_step)
    ->ArgsProduct({{1000, 10000, 100000, 1000000, 10000000}, {1, 2}})
    ->ArgNames({"firms", "threads"})
    ->Unit(benchmark::kMicrosecond)
    ->UseRealTime();

// Whole blocks (schedule 1) against tiles (2) on two threads, at sizes where the automatic
// schedule takes tiles (fewer than 8 blocks).
void firm_step_schedule(benchmark::State& state) {
  run_firm_days(state, 2, static_cast<TiledSchedule>(state.range(1)));
}
BENCHMARK(firm_step_schedule)
    ->ArgsProduct({{1000, 10000, 30000}, {1, 2}})
    ->ArgNames({"firms", "schedule"})
    ->Unit(benchmark::kMicrosecond)
    ->UseRealTime();

// 1 -> 2 threads within one process (bench/paired_threads.h).
void firm_step_paired(benchmark::State& state) {
  tbb::global_control threads(tbb::global_control::max_allowed_parallelism, 2);
  FirmDays days(state.range(0), TiledSchedule::automatic);
  PairedEfficiency result;
  for (auto _ : state)
    result = measure_paired_efficiency([&] { days.reset(); }, [&] { return days.step(); },
                                       benchmark_pairs, benchmark_round_seconds);
  set_paired_counters(state, result);
}
BENCHMARK(firm_step_paired)
    ->ArgsProduct({{1000, 10000, 100000, 1000000}})
    ->ArgNames({"firms"})
    ->Iterations(1)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

}  // namespace
}  // namespace reformsim::bench
