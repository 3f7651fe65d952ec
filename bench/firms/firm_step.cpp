// firm_step.cpp - one day of the firm model (production, exits, applications, the fixed-delay
// approvals, outcomes), 1e3 to 1e7 firms in the Binhai sector mix, on 1 and 2 threads:
// firm-steps per second and bytes per second against the triad of the same run. Enforcement
// is benchmarked on its own (bench/enforcement).
#include <tbb/global_control.h>

#include "bench/memory_bandwidth.h"
#include "models/firms/firms_enforcement_model.h"
#include "models/model_catalogue.h"
#include "sim/run/scenario.h"

namespace reformsim::bench {
namespace {

// Bytes one firm-day touches: production reads id, sector, flags, capital, employment, burden
// and reads and writes log productivity and margin, writes the exit flag (8+1+2+8+8+8+16+16+1);
// removing exits reads and writes the 12 arrays (2 x 65); the day's sector count reads 1.
constexpr double bytes_per_firm_step = 68 + 2 * 65 + 1;

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

// A firm day of state.range(0) firms with `threads_wanted` threads and produce() in `schedule`.
void run_firm_days(benchmark::State& state, std::int64_t threads_wanted, TiledSchedule schedule) {
  tbb::global_control threads(tbb::global_control::max_allowed_parallelism,
                              static_cast<std::size_t>(threads_wanted));
  const ModelCatalogue catalogue = models::all_models();
  const Model& model = *catalogue.find("firms_enforcement");
  ParameterSet parameters(build_registry(model, catalogue));
  parameters.set_value("firms.initial_firms", binhai_mix(state.range(0)), "benchmark");
  const MetricCatalogue metrics = model.metrics(parameters);
  const Calendar calendar = Calendar::from(parameters);
  auto replication = model.create_state({parameters, calendar, 42, 0}, metrics);
  auto& market = dynamic_cast<models::FirmsEnforcementState&>(*replication);
  market.firms().set_production_schedule(schedule);
  std::vector<double> row_values(metrics.series_width());
  MetricRow row(row_values);
  std::int64_t step = 0;
  double firm_steps = 0;
  for (auto _ : state) {
    const StepContext context{step++ % calendar.total_steps(), calendar, 42};
    firm_steps += static_cast<double>(market.firms().firms().size());
    market.firms().produce(context);
    market.firms().remove_exits(context);
    market.firms().apply_for_approvals(context);
    market.approvals().advance(context);
    market.firms().take_approval_outcomes(context);
    market.firms().record(context, row);
  }
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

}  // namespace
}  // namespace reformsim::bench
