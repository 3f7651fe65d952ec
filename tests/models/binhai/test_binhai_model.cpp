// The Binhai model as a whole: every mechanism's metrics in one run, bit-identical across
// thread counts, the reform moving the linked outcomes in the stated directions, and the main
// config running end to end through the executable with its targets.
#include <gtest/gtest.h>
#include <tbb/global_control.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <cstring>

#include "models/binhai/binhai_state.h"
#include "models/model_catalogue.h"
#include "sim/output/file_description.h"
#include "sim/run/ensemble.h"
#include "sim/run/scenario.h"
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
double window_mean(const EnsembleResult& ensemble, const std::string& metric,
                   std::size_t index = 0) {
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
  EXPECT_LT(window_mean(with, "investment_wait_expected"),
            window_mean(without, "investment_wait_expected") / 2);
  EXPECT_GT(window_mean(with, "approval_service_factor"),
            window_mean(without, "approval_service_factor"));
  EXPECT_LT(window_mean(with, "inspections_per_firm"),
            window_mean(without, "inspections_per_firm") / 3);
  EXPECT_GT(window_mean(with, "new_market_entities"), window_mean(without, "new_market_entities"));
  EXPECT_EQ(window_mean(with, "management_layers"), 3);
  EXPECT_EQ(window_mean(without, "management_layers"), 4);
}

// The sign-offs per approval item of the investment plans a replication has built by reported
// day `last_day`, with only flatten_layers on (or nothing).
// `plans_built_with_the_model`, when given, is the count of plans before the first step.
std::vector<std::int64_t> investment_sign_offs(bool flatten, std::int64_t last_day,
                                               std::size_t* plans_built_with_the_model = nullptr,
                                               std::int64_t approvals_layers_before = 4,
                                               std::int64_t approvals_layers_after = 3) {
  const auto catalogue = models::all_models();
  const Model& model = *catalogue.find("binhai_2018");
  auto parameters = short_binhai(catalogue, false);
  parameters.set_value("reform.flatten_layers", flatten, "test");
  parameters.set_value("approvals.management_layers_before", approvals_layers_before, "test");
  parameters.set_value("approvals.management_layers_after", approvals_layers_after, "test");
  const auto metrics = model.metrics(parameters);
  const Calendar calendar = Calendar::from(parameters);
  const auto state = model.create_state({parameters, calendar, 7, 0}, metrics);
  if (plans_built_with_the_model != nullptr)
    *plans_built_with_the_model =
        dynamic_cast<models::BinhaiState&>(*state).approvals().network().plan_count();
  const auto phases = state->phases();
  for (std::int64_t step = 0; calendar.reported_day(step) <= last_day; ++step) {
    const StepContext context{step, calendar, 7};
    for (const Phase& phase : phases)
      phase.run(context);
  }
  const auto& network = dynamic_cast<models::BinhaiState&>(*state).approvals().network();
  const double sign_off_days = parameters.real("approvals.sign_off_days");
  std::vector<std::int64_t> per_item;
  for (std::uint32_t p = 0; p < network.plan_count(); ++p) {
    const auto& plan = network.plan(p);
    if (plan.type != models::ApplicationType::investment_project) continue;
    const auto sign_offs = std::count_if(plan.nodes.begin(), plan.nodes.end(), [&](auto& n) {
      return n.unit == models::no_unit && n.service_mean_days == sign_off_days;
    });
    per_item.push_back(sign_offs / parameters.integer("approvals.investment_project_items"));
  }
  std::sort(per_item.begin(), per_item.end());
  return per_item;
}

TEST(BinhaiModel, ApprovalItemsAreSignedOffOncePerLayerOfTheOrganisation) {
  // The staff model's layer count reaches the approval workflows: 4 sign-offs per item before
  // flatten_layers (reported day 250), 3 for projects submitted after it; none otherwise.
  EXPECT_EQ(investment_sign_offs(true, 260), (std::vector<std::int64_t>{3, 4}));
  EXPECT_EQ(investment_sign_offs(false, 260), (std::vector<std::int64_t>{4}));
}

TEST(BinhaiModel, TheWorkflowsOfTheOrganisationsLayersAreBuiltBeforeTheFirstStep) {
  // approvals.management_layers_* (6 / 5 here) are not the organisation's (4 / 3): the plans
  // built with the model must still be the organisation's, or steps would build more.
  std::size_t built_with_the_model = 0;
  const auto sign_offs = investment_sign_offs(true, 260, &built_with_the_model, 6, 5);
  EXPECT_EQ(sign_offs, (std::vector<std::int64_t>{3, 4}));
  EXPECT_EQ(built_with_the_model, 2 * models::application_type_count)
      << "plans built during the steps";
}

TEST(BinhaiModel, MainConfigRunsEndToEndWithEveryMechanismAndItsTargets) {
  testing::TemporaryDirectory dir;
  const auto out = (dir / "binhai.h5").string();
  const auto result =
      testing::run_reformsim({"run", "--config", "configs/binhai_2018.ini", "--out", out,
                              "--replications=1", "--calendar.burn_in_days=20", "--quiet"});
  ASSERT_EQ(result.exit_status, 0) << result.err;
  ASSERT_TRUE(is_complete_output(out));
  const std::string described = testing::run_reformsim({"describe", out}).out;
  for (const char* metric : {"organisational_efficiency(",
                             "pay_gini(",
                             "staff_by_level_and_identity(",
                             "time_to_permit_mean(",
                             "queue_length(",
                             "utilisation(",
                             "trips_per_applicant(",
                             "market_entities(",
                             "new_market_entities(",
                             "new_registered_capital(",
                             "industrial_output(",
                             "public_budget_revenue(",
                             "foreign_capital_inflow(",
                             "trade_volume(",
                             "inspections_per_firm(",
                             "compliance_cost(",
                             "violations_detected(",
                             "approval_service_factor(",
                             "former_heads_not_reappointed(",
                             "staff_promoted_to_management(",
                             "targets/new_market_entities_growth(",
                             "targets/investment_approval_days_after("})
    EXPECT_NE(described.find(metric), std::string::npos) << metric;
}

}  // namespace
}  // namespace reformsim
