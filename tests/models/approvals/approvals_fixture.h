// approvals_fixture.h - the standalone approvals model set up for tests: parameters with every
// reform measure switched on or off from a chosen day, and a replication stepped by hand so a
// test can watch outcomes day by day.
#pragma once

#include <algorithm>
#include <memory>
#include <vector>

#include "models/approvals/approvals_model.h"
#include "models/model_catalogue.h"
#include "sim/run/scenario.h"

namespace reformsim::models::testing {

struct ApprovalsRun {
  ModelCatalogue catalogue = all_models();
  const Model& model = *catalogue.find("approvals");
  ParameterSet parameters{build_registry(model, catalogue)};

  ApprovalsRun() {
    parameters.set_value("calendar.burn_in_days", std::int64_t{0}, "test");
    parameters.set_value("calendar.years", std::int64_t{2}, "test");
  }
  // Switches exactly `measures` on, all from reported day `day`.
  void reform(const std::vector<Measure>& measures, std::int64_t day) {
    for (Measure measure : all_measures()) {
      const bool on = std::find(measures.begin(), measures.end(), measure) != measures.end();
      parameters.set_value("reform." + measure_name(measure), on, "test");
      parameters.set_value("reform." + measure_name(measure) + "_day", day, "test");
    }
  }
  void set(const std::string& key, const ParameterValue& value) {
    parameters.set_value(key, value, "test");
  }

  // Steps a replication through every day; on_day(state, step) sees each day's outcomes.
  template <typename OnDay>
  void simulate(std::uint64_t seed, OnDay&& on_day) {
    metrics = model.metrics(parameters);
    calendar = std::make_unique<Calendar>(Calendar::from(parameters));
    state = model.create_state({parameters, *calendar, seed, 0}, metrics);
    auto& approvals = dynamic_cast<ApprovalsState&>(*state);
    const auto phases = state->phases();
    series.assign(metrics.series_width(), 0);
    summary.assign(metrics.summary_width(), 0);
    for (std::int64_t step = 0; step < calendar->total_steps(); ++step) {
      const StepContext context{step, *calendar, seed};
      for (const Phase& phase : phases)
        phase.run(context);
      MetricRow row(series);
      state->record(context, row);
      on_day(approvals, step);
    }
    MetricRow row(summary);
    state->summarise(row);
  }

  MetricCatalogue metrics;
  std::unique_ptr<Calendar> calendar;
  std::unique_ptr<ModelState> state;
  std::vector<double> series, summary;  // the last day's row and the summary row
};

}  // namespace reformsim::models::testing
