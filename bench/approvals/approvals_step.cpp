// approvals_step.cpp - one working day of the approval network (arrivals, the event loop to the
// end of the day, the day's metrics) with 1e2 to 1e6 applications in progress, on 1 and 2
// threads. Business registrations before the reform (6 steps over 4 departments, about 3 days
// in the system); the arrival rate is in progress / 3 per day and the departments' staff grow
// with it so utilisation stays near 0.5, i.e. the network scales, not its congestion.
#include <tbb/global_control.h>

#include <cmath>
#include <memory>

#include "bench/memory_bandwidth.h"
#include "bench/paired_threads.h"
#include "models/approvals/approvals_model.h"
#include "models/model_catalogue.h"
#include "sim/run/scenario.h"

namespace reformsim::bench {
namespace {

// Bytes an application-day moves, roughly: 6 steps in 3 days is 2 steps a day, each an arrival
// and a completion event (32 bytes, pushed and popped through a heap of ~log2(n) levels is not
// counted) plus its queue entry and application record (about 64 bytes).
constexpr double bytes_per_application_day = 2 * (2 * 32 + 64);

ParameterSet bench_parameters(const Model& model, const ModelCatalogue& catalogue,
                              double in_progress) {
  ParameterSet parameters(build_registry(model, catalogue));
  const double arrivals_per_day = in_progress / 3.0;
  for (models::Measure measure : models::all_measures())
    parameters.set_value("reform." + models::measure_name(measure), false, "benchmark");
  parameters.set_value("application_arrivals.business_registration_per_day", arrivals_per_day,
                       "benchmark");
  parameters.set_value("application_arrivals.investment_project_per_day", 0.0, "benchmark");
  // 2 steps of 0.15 days per department per application: 0.3 x arrivals server-days a day.
  const auto servers = static_cast<std::int64_t>(std::ceil(0.6 * arrivals_per_day)) + 1;
  parameters.set_value("approvals.servers_per_department", servers, "benchmark");
  parameters.set_value("calendar.years", std::int64_t{100}, "benchmark");
  return parameters;
}

// Applications of every type in the network: the agents of an approval day.
double in_progress(const models::QueueingNetwork& network) {
  double count = 0;
  for (std::size_t type = 0; type < models::application_type_count; ++type)
    count += static_cast<double>(network.in_progress(models::ApplicationType(type)));
  return count;
}

// execution: how the queueing core runs; automatic is serial on one thread and in windows of
// the shortest hand-off between units on more (the default a user gets).
void run_approval_days(benchmark::State& state, models::QueueingNetwork::Execution execution) {
  tbb::global_control threads(tbb::global_control::max_allowed_parallelism,
                              static_cast<std::size_t>(state.range(1)));
  const ModelCatalogue catalogue = models::all_models();
  const Model& model = *catalogue.find("approvals");
  const ParameterSet parameters =
      bench_parameters(model, catalogue, static_cast<double>(state.range(0)));
  const MetricCatalogue metrics = model.metrics(parameters);
  const Calendar calendar = Calendar::from(parameters);
  auto approvals = model.create_state({parameters, calendar, 42, 0}, metrics);
  auto& approval_network = dynamic_cast<models::ApprovalsState&>(*approvals).network();
  approval_network.set_execution(execution);
  const auto& network = approval_network.network();
  const auto phases = approvals->phases();
  std::vector<double> row_values(metrics.series_width());
  MetricRow row(row_values);
  std::int64_t step = 0;
  auto one_day = [&] {
    const StepContext context{step++, calendar, 42};
    for (const auto& phase : phases)
      phase.run(context);
    approvals->record(context, row);
  };
  for (int day = 0; day < 8; ++day)
    one_day();  // fill the network to its steady state
  for (auto _ : state)
    one_day();
  state.counters["applications_in_progress"] = in_progress(network);
  set_throughput(state, in_progress(network), bytes_per_application_day);
  state.counters["windows_per_day"] =
      static_cast<double>(network.windows()) / static_cast<double>(step);
}

void approvals_step(benchmark::State& state) {
  run_approval_days(state, models::QueueingNetwork::Execution::automatic);
}
BENCHMARK(approvals_step)
    ->ArgsProduct({{100, 1000, 10000, 100000, 1000000}, {1, 2}})
    ->ArgNames({"in_progress", "threads"})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

// The windowed loop on one thread too: what the windows cost, or save, without parallelism.
void approvals_step_windowed(benchmark::State& state) {
  run_approval_days(state, models::QueueingNetwork::Execution::windowed);
}
BENCHMARK(approvals_step_windowed)
    ->ArgsProduct({{100, 1000, 10000, 100000, 1000000}, {1, 2}})
    ->ArgNames({"in_progress", "threads"})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

// 1 -> 2 threads within one process (bench/paired_threads.h), the default execution.
void approvals_step_paired(benchmark::State& state) {
  tbb::global_control threads(tbb::global_control::max_allowed_parallelism, 2);
  const ModelCatalogue catalogue = models::all_models();
  const Model& model = *catalogue.find("approvals");
  const ParameterSet parameters =
      bench_parameters(model, catalogue, static_cast<double>(state.range(0)));
  const MetricCatalogue metrics = model.metrics(parameters);
  const Calendar calendar = Calendar::from(parameters);
  std::unique_ptr<ModelState> approvals;
  std::vector<Phase> phases;
  std::vector<double> row_values(metrics.series_width());
  MetricRow row(row_values);
  std::int64_t step = 0;
  const auto one_day = [&] {
    const StepContext context{step++, calendar, 42};
    for (const auto& phase : phases)
      phase.run(context);
    approvals->record(context, row);
    return in_progress(dynamic_cast<models::ApprovalsState&>(*approvals).network().network());
  };
  const auto reset = [&] {  // a fresh network, filled to its steady state
    approvals.reset();
    approvals = model.create_state({parameters, calendar, 42, 0}, metrics);
    phases = approvals->phases();
    step = 0;
    for (int day = 0; day < 8; ++day)
      one_day();
  };
  PairedEfficiency result;
  for (auto _ : state)
    result = measure_paired_efficiency(reset, one_day, benchmark_pairs, benchmark_round_seconds);
  set_paired_counters(state, result);
}
BENCHMARK(approvals_step_paired)
    ->ArgsProduct({{100, 1000, 10000, 100000}})
    ->ArgNames({"in_progress"})
    ->Iterations(1)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

}  // namespace
}  // namespace reformsim::bench
