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

void enforcement_step(benchmark::State& state) {
  tbb::global_control threads(tbb::global_control::max_allowed_parallelism,
                              static_cast<std::size_t>(state.range(1)));
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
  const bool consolidated = state.range(2) != 0;
  parameters.set_value("reform.consolidated_enforcement", consolidated, "benchmark");
  parameters.set_value("reform.consolidated_enforcement_day", std::int64_t{-1000}, "benchmark");
  const MetricCatalogue metrics = model.metrics(parameters);
  const Calendar calendar = Calendar::from(parameters);
  auto replication = model.create_state({parameters, calendar, 42, 0}, metrics);
  auto& market = dynamic_cast<models::FirmsEnforcementState&>(*replication);
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
BENCHMARK(enforcement_step)
    ->ArgsProduct({{1000, 10000, 100000, 1000000, 10000000}, {1, 2}, {0, 1}})
    ->ArgNames({"firms", "threads", "consolidated"})
    ->Unit(benchmark::kMicrosecond)
    ->UseRealTime();

}  // namespace
}  // namespace reformsim::bench
