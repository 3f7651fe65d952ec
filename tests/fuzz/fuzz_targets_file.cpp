// fuzz_targets_file.cpp - libFuzzer target for targets files (configs/targets/*.csv): the bytes
// as a CSV through read_targets, the targets bound to the demonstration model's metrics and
// calendar, and every bound target evaluated on a replication of zeros. Bad input must be
// refused with a ConfigError; nothing may crash, overflow or throw anything else.
#include <cstddef>
#include <cstdint>

#include "models/model_catalogue.h"
#include "sim/config/config_error.h"
#include "sim/run/scenario.h"
#include "sim/targets/target.h"
#include "tests/fuzz/fuzz_input_file.h"

namespace {

struct DemoModel {
  reformsim::ModelCatalogue models = reformsim::models::all_models();
  std::shared_ptr<const reformsim::ParameterRegistry> registry =
      reformsim::build_registry(*models.find("demo_market"), models);
  reformsim::ParameterSet parameters{registry};
  reformsim::MetricCatalogue metrics = models.find("demo_market")->metrics(parameters);
  reformsim::Calendar calendar = reformsim::Calendar::from(parameters);
};

const DemoModel& demo() {
  static const DemoModel model;
  return model;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto file = reformsim::fuzzing::write_input(data, size, ".csv");
  const DemoModel& model = demo();
  try {
    const auto targets = reformsim::read_targets(file);
    for (const auto& target : targets)
      (void)target.describe();
    const auto bound = reformsim::resolve_targets(targets, model.metrics, model.calendar);
    const std::size_t width = model.metrics.series_width();
    const std::vector<double> series(static_cast<std::size_t>(model.calendar.total_steps()) * width,
                                     0.0);
    const std::vector<double> summary(model.metrics.summary_width(), 0.0);
    for (const auto& target : bound)
      (void)reformsim::evaluate_target(target, series, summary, width, model.calendar);
  } catch (const reformsim::ConfigError&) {
  }
  return 0;
}
