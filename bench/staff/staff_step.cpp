// staff_step.cpp - one working day of the organisation and staff model (work, careers, record)
// and the competitive re-hiring event, 1e3 to 1e7 staff, on 1 and 2 threads: staff per second
// and bytes per second against the triad in the same run.
#include <tbb/global_control.h>

#include <memory>

#include "bench/memory_bandwidth.h"
#include "bench/paired_threads.h"
#include "models/model_catalogue.h"
#include "models/staff/organisation_staff_model.h"
#include "sim/run/scenario.h"

namespace reformsim::bench {
namespace {

// Bytes one staff-day touches (estimate): the work pass reads and writes age, experience,
// tenure, effort, KPI and writes output (~120), the pay pass reads level, KPI, age, competence
// and writes pay and the leaving flag (~40), careers scan the flags (~2) and recording reads
// seven columns and copies and sorts pay (~80).
constexpr double bytes_per_staff_step = 240;
// Re-hiring: scores (reads ~40, writes a 32-byte candidate), the sort of indices (~8 log n,
// counted once as 64) and the assignment and moves (~80).
constexpr double bytes_per_staff_rehired = 216;

// The Binhai hierarchy scaled so that 97% of the posts hold `staff` people.
ParameterSet scaled_parameters(const ModelCatalogue& catalogue, std::int64_t staff, bool reform) {
  ParameterSet parameters(build_registry(*catalogue.find("organisation_staff"), catalogue));
  const std::int64_t per_unit = std::max<std::int64_t>(24, staff * 100 / 97 / 69);
  const auto share = [&](std::int64_t parts) {
    return std::max<std::int64_t>(1, per_unit * parts / 24);
  };
  parameters.set_value("organisation.posts_per_unit_before",
                       std::vector<std::int64_t>{share(1), share(2), share(1), share(4), share(16)},
                       "bench");
  const std::int64_t after = per_unit * 69 / 29;
  parameters.set_value(
      "organisation.posts_per_unit_after",
      std::vector<std::int64_t>{std::max<std::int64_t>(1, after / 57), after * 4 / 57,
                                after * 2 / 57, after * 13 / 57, after * 37 / 57},
      "bench");
  if (!reform)
    for (const auto& measure : models::all_measures())
      parameters.set_value("reform." + models::measure_name(measure), false, "bench");
  return parameters;
}

struct Fixture {
  Fixture(std::int64_t staff, bool reform)
      : catalogue(models::all_models()),
        parameters(scaled_parameters(catalogue, staff, reform)),
        calendar(Calendar::from(parameters)),
        metrics(catalogue.find("organisation_staff")->metrics(parameters)),
        state(parameters, calendar, metrics) {}
  ModelCatalogue catalogue;
  ParameterSet parameters;
  Calendar calendar;
  MetricCatalogue metrics;
  struct State {
    State(const ParameterSet& p, const Calendar& c, const MetricCatalogue& m)
        : staff({p, c, 42, 0}, models::ReformSchedule(p), m) {}
    models::StaffSystem staff;
  } state;
};

// A staff day of state.range(0) staff with `threads_wanted` threads and work() in `schedule`.
void run_staff_days(benchmark::State& state, std::int64_t threads_wanted, TiledSchedule schedule) {
  tbb::global_control threads(tbb::global_control::max_allowed_parallelism,
                              static_cast<std::size_t>(threads_wanted));
  Fixture fixture(state.range(0), false);
  auto& staff = fixture.state.staff;
  staff.set_work_schedule(schedule);
  const auto phases = staff.phases();
  std::vector<double> row_values(fixture.metrics.series_width());
  MetricRow row(row_values);
  std::int64_t step = 0;
  double staff_steps = 0;
  for (auto _ : state) {
    const StepContext context{step++ % fixture.calendar.total_steps(), fixture.calendar, 42};
    staff_steps += static_cast<double>(staff.workforce().size());
    for (const auto& phase : phases)
      phase.run(context);
    staff.record(context, row);
  }
  set_throughput(state, staff_steps / static_cast<double>(state.iterations()),
                 bytes_per_staff_step);
}

void staff_step(benchmark::State& state) {
  run_staff_days(state, state.range(1), TiledSchedule::automatic);
}
BENCHMARK(staff_step)
    ->ArgsProduct({{1000, 10000, 100000, 1000000, 10000000}, {1, 2}})
    ->ArgNames({"staff", "threads"})
    ->Unit(benchmark::kMicrosecond)
    ->UseRealTime();

// Whole blocks (schedule 1) against tiles (2) on two threads, at sizes where the automatic
// schedule takes tiles (fewer than 8 blocks).
void staff_step_schedule(benchmark::State& state) {
  run_staff_days(state, 2, static_cast<TiledSchedule>(state.range(1)));
}
BENCHMARK(staff_step_schedule)
    ->ArgsProduct({{1000, 10000, 30000}, {1, 2}})
    ->ArgNames({"staff", "schedule"})
    ->Unit(benchmark::kMicrosecond)
    ->UseRealTime();

void staff_rehiring(benchmark::State& state) {
  tbb::global_control threads(tbb::global_control::max_allowed_parallelism,
                              static_cast<std::size_t>(state.range(1)));
  Fixture fixture(state.range(0), true);
  auto& staff = fixture.state.staff;
  const StepContext context{fixture.calendar.burn_in_days() + 250, fixture.calendar, 42};
  staff.restructure(context);  // merge, flatten and the first re-hiring
  double rehired = 0;
  for (auto _ : state) {
    rehired += static_cast<double>(staff.workforce().size());
    staff.rehire(context);  // every post vacated and re-filled again
  }
  set_throughput(state, rehired / static_cast<double>(state.iterations()), bytes_per_staff_rehired);
}
BENCHMARK(staff_rehiring)
    ->ArgsProduct({{1000, 10000, 100000, 1000000, 10000000}, {1, 2}})
    ->ArgNames({"staff", "threads"})
    ->Unit(benchmark::kMicrosecond)
    ->UseRealTime();

// 1 -> 2 threads within one process (bench/paired_threads.h): the day, and the re-hiring.
void staff_step_paired(benchmark::State& state) {
  tbb::global_control threads(tbb::global_control::max_allowed_parallelism, 2);
  std::unique_ptr<Fixture> fixture;
  std::vector<Phase> phases;
  std::vector<double> row_values;
  std::int64_t step = 0;
  const auto reset = [&] {  // a fresh organisation on day 0
    fixture.reset();
    fixture = std::make_unique<Fixture>(state.range(0), false);
    phases = fixture->state.staff.phases();
    row_values.assign(fixture->metrics.series_width(), 0);
    step = 0;
  };
  const auto one_day = [&] {
    auto& staff = fixture->state.staff;
    const StepContext context{step++ % fixture->calendar.total_steps(), fixture->calendar, 42};
    const auto staff_count = static_cast<double>(staff.workforce().size());
    for (const auto& phase : phases)
      phase.run(context);
    MetricRow row(row_values);
    staff.record(context, row);
    return staff_count;
  };
  PairedEfficiency result;
  for (auto _ : state)
    result = measure_paired_efficiency(reset, one_day, benchmark_pairs, benchmark_round_seconds);
  set_paired_counters(state, result);
}
BENCHMARK(staff_step_paired)
    ->ArgsProduct({{1000, 10000, 100000, 1000000}})
    ->ArgNames({"staff"})
    ->Iterations(1)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

void staff_rehiring_paired(benchmark::State& state) {
  tbb::global_control threads(tbb::global_control::max_allowed_parallelism, 2);
  Fixture fixture(state.range(0), true);
  auto& staff = fixture.state.staff;
  const StepContext context{fixture.calendar.burn_in_days() + 250, fixture.calendar, 42};
  staff.restructure(context);
  // Every re-hiring vacates and re-fills every post of the same organisation: the same work
  // each time, so the reset has nothing to do.
  const auto rehiring = [&] {
    staff.rehire(context);
    return static_cast<double>(staff.workforce().size());
  };
  PairedEfficiency result;
  for (auto _ : state)
    result = measure_paired_efficiency([] {}, rehiring, benchmark_pairs, benchmark_round_seconds);
  set_paired_counters(state, result);
}
BENCHMARK(staff_rehiring_paired)
    ->ArgsProduct({{1000, 10000, 100000, 1000000}})
    ->ArgNames({"staff"})
    ->Iterations(1)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

}  // namespace
}  // namespace reformsim::bench
