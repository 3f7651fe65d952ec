// firms_fixture.h - the standalone firms_enforcement model set up for tests: parameters changed
// by key, the reform switched on or off, and a replication stepped by hand, keeping every day's
// row so a test can read any metric on any day.
#pragma once

#include <algorithm>
#include <functional>
#include <memory>
#include <vector>

#include "models/firms/firms_enforcement_model.h"
#include "models/model_catalogue.h"
#include "sim/run/scenario.h"

namespace reformsim::models::testing {

struct FirmsRun {
  ModelCatalogue catalogue = all_models();
  const Model& model = *catalogue.find("firms_enforcement");
  ParameterSet parameters{build_registry(model, catalogue)};

  // A short burn-in and a smaller services sector keep a run under a second; the reform (every
  // measure) starts on reported day 250 as in the Binhai config.
  FirmsRun() {
    set("calendar.burn_in_days", std::int64_t{50});
    set("calendar.years", std::int64_t{2});
    set("firms.initial_firms", std::vector<std::int64_t>{50, 100, 2000, 200});
    reform(true, 250);
  }
  void set(const std::string& key, const ParameterValue& value) {
    parameters.set_value(key, value, "test");
  }
  void reform(bool on, std::int64_t day) {
    for (Measure measure : all_measures()) {
      set("reform." + measure_name(measure), on);
      set("reform." + measure_name(measure) + "_day", day);
    }
  }

  // Steps a replication through every day; on_day(state, step) runs after each day's record.
  template <typename OnDay>
  void simulate(std::uint64_t seed, OnDay&& on_day) {
    metrics = model.metrics(parameters);
    calendar = std::make_unique<Calendar>(Calendar::from(parameters));
    state = model.create_state({parameters, *calendar, seed, 0}, metrics);
    auto& firms = dynamic_cast<FirmsEnforcementState&>(*state);
    if (before_first_day) before_first_day(firms);
    const auto phases = state->phases();
    const std::size_t width = metrics.series_width();
    rows.assign(static_cast<std::size_t>(calendar->total_steps()) * width, 0);
    for (std::int64_t step = 0; step < calendar->total_steps(); ++step) {
      const StepContext context{step, *calendar, seed};
      for (const Phase& phase : phases)
        phase.run(context);
      MetricRow row(std::span<double>(rows).subspan(static_cast<std::size_t>(step) * width, width));
      state->record(context, row);
      on_day(firms, step);
    }
    summary.assign(metrics.summary_width(), 0);
    MetricRow row(summary);
    state->summarise(row);
  }
  void simulate(std::uint64_t seed) {
    simulate(seed, [](FirmsEnforcementState&, std::int64_t) {});
  }

  double at(const std::string& name, std::int64_t step, std::size_t index = 0) const {
    const MetricId id = metrics.id(name);
    return rows[static_cast<std::size_t>(step) * metrics.series_width() + id.offset + index];
  }
  // Sum of a series over reported days [first, last).
  double sum(const std::string& name, std::int64_t first, std::int64_t last,
             std::size_t index = 0) const {
    double total = 0;
    for (std::int64_t day = first; day < last; ++day)
      total += at(name, day + calendar->burn_in_days(), index);
    return total;
  }
  double total(const std::string& name, std::size_t index = 0) const {
    return summary[metrics.id(name).offset + index];
  }
  std::int64_t steps() const { return calendar->total_steps(); }

  std::function<void(FirmsEnforcementState&)> before_first_day;  // set schedules, say
  MetricCatalogue metrics;
  std::unique_ptr<Calendar> calendar;
  std::unique_ptr<ModelState> state;
  std::vector<double> rows, summary;
};

}  // namespace reformsim::models::testing
