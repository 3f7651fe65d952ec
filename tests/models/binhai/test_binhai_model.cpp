// The Binhai model as a whole: every mechanism's metrics in one run, bit-identical across
// thread counts, the reform moving the linked outcomes in the stated directions, and the main
// config running end to end through the executable with its targets.
#include <gtest/gtest.h>
#include <tbb/global_control.h>
#include <tbb/task_arena.h>

#include <cstring>

#include "models/model_catalogue.h"
#include "sim/run/ensemble.h"
#include "sim/run/scenario.h"
#include "sim/output/file_description.h"
#include "tests/support/test_support.h"

namespace reformsim {
namespace {

ParameterSet short_binhai(const ModelCatalogue& catalogue, bool reform) {
  ParameterSet parameters(build_registry(*catalogue.find("binhai_2018"), catalogue));
  parameters.set_value("calendar.burn_in_days", std::int64_t{30}, "test");
  parameters.set_value("calendar.years", std::int64_t{2}, "test");
  for (const auto& spec : parameters.registry().specs())
    if (spec.key.rfind("reform.", 0) == 0 && spec.type == ParameterType::boolean)
      parameters.set_value(spec.key, reform, "test");
  return parameters;
}

EnsembleResult ensemble_on(int threads, const Model& model, const ParameterSet& parameters,
                           const std::vector<std::uint64_t>& seeds) {
  tbb::global_control control(tbb::global_control::max_allowed_parallelism,
                              static_cast<std::size_t>(threads));
  tbb::task_arena arena(threads);
  EnsembleResult result{{}, Calendar::from(parameters), {}};
  arena.execute([&] { result = run_ensemble(model, parameters, seeds); });
  return result;
}

// Mean over the 2018 window (days 0-186) of a scalar series, over replications.
double window_mean(const EnsembleResult& ensemble, const std::string& metric, std::size_t index = 0) {
  const auto id = ensemble.metrics.id(metric);
  const std::size_t width = ensemble.metrics.series_width();
  const auto first = static_cast<std::size_t>(ensemble.calendar.step_of(2018, 0));
  double sum = 0;
  for (const auto& replication : ensemble.replications)
    for (std::size_t step = first; step < first + 187; ++step)
      sum += replication.series[step * width + id.offset + index];
  return sum / static_cast<double>(187 * ensemble.replications.size());
}

TEST(BinhaiModel, IsBitIdenticalOnOneTwoAndEightThreads) {
  const auto catalogue = models::all_models();
  const Model& model = *catalogue.find("binhai_2018");
  const auto parameters = short_binhai(catalogue, true);
  const auto seeds = replication_seeds(3, 0, 2);
  const auto one = ensemble_on(1, model, parameters, seeds);
  for (int threads : {2, 8}) {
    const auto many = ensemble_on(threads, model, parameters, seeds);
    for (std::size_t r = 0; r < seeds.size(); ++r) {
      const auto& a = one.replications[r].series;
      const auto& b = many.replications[r].series;
      ASSERT_EQ(a.size(), b.size());
      EXPECT_EQ(std::memcmp(a.data(), b.data(), a.size() * sizeof(double)), 0) << threads;
    }
  }
}

TEST(BinhaiModel, TheReformSpeedsApprovalsRaisesStaffServiceAndCutsInspections) {
  const auto catalogue = models::all_models();
  const Model& model = *catalogue.find("binhai_2018");
  const auto seeds = replication_seeds(4, 0, 2);
  const auto with = ensemble_on(2, model, short_binhai(catalogue, true), seeds);
  const auto without = ensemble_on(2, model, short_binhai(catalogue, false), seeds);
  // Expected waits firms act on, and the staff link into the approval service rate.
  EXPECT_LT(window_mean(with, "investment_wait_expected"), window_mean(without, "investment_wait_expected") / 2);
  EXPECT_GT(window_mean(with, "approval_service_factor"), window_mean(without, "approval_service_factor"));
  EXPECT_LT(window_mean(with, "inspections_per_firm"), window_mean(without, "inspections_per_firm") / 3);
  EXPECT_GT(window_mean(with, "new_market_entities"), window_mean(without, "new_market_entities"));
  EXPECT_EQ(window_mean(with, "management_layers"), 3);
  EXPECT_EQ(window_mean(without, "management_layers"), 4);
}

TEST(BinhaiModel, MainConfigRunsEndToEndWithEveryMechanismAndItsTargets) {
  testing::TemporaryDirectory dir;
  const auto out = (dir / "binhai.h5").string();
  const auto result = testing::run_reformsim({"run", "--config", "configs/binhai_2018.ini",
                                              "--out", out, "--replications=1",
                                              "--calendar.burn_in_days=20", "--quiet"});
  ASSERT_EQ(result.exit_status, 0) << result.err;
  ASSERT_TRUE(is_complete_output(out));
  const std::string described = testing::run_reformsim({"describe", out}).out;
  for (const char* metric :
       {"organisational_efficiency(", "pay_gini(", "staff_by_level_and_identity(", "time_to_permit_mean(",
        "queue_length(", "utilisation(", "trips_per_applicant(", "market_entities(",
        "new_market_entities(", "new_registered_capital(", "industrial_output(",
        "public_budget_revenue(", "foreign_capital_inflow(", "trade_volume(", "inspections_per_firm(",
        "compliance_cost(", "violations_detected(", "approval_service_factor(",
        "former_heads_not_reappointed(", "staff_promoted_to_management(",
        "targets/new_market_entities_growth(", "targets/investment_approval_days_after("})
    EXPECT_NE(described.find(metric), std::string::npos) << metric;
}

}  // namespace
}  // namespace reformsim
