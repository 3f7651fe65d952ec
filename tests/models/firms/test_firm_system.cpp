// The firm model running: the entry rule's direction and its closed form in the running model,
// conservation of firms and of applications, production and tax accounting, what a
// registration adds, abandonment against the wait, and the world without reform.
#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <vector>

#include "models/firms/firm_equations.h"
#include "tests/models/firms/firms_fixture.h"

namespace reformsim::models {
namespace {

using testing::FirmsRun;
constexpr auto registration = ApplicationType::business_registration;
constexpr auto investment = ApplicationType::investment_project;

// Registrations over the run with a fixed registration wait and trips and no reform.
double entries_with(double wait_days, double trips) {
  FirmsRun run;
  run.reform(false, 250);
  run.set("fixed_approvals.business_registration_days_before", wait_days);
  run.set("fixed_approvals.business_registration_trips_before", trips);
  run.simulate(3);
  return run.total("new_market_entities_total");
}

// ~1,900 potential entrants a year: at entry probabilities 0.6 vs 0.5 the totals over 2.2
// years differ by ~400 against a Poisson-binomial standard deviation of ~40 each.
TEST(FirmEntry, ALongerRegistrationWaitMeansFewerEntries) {
  EXPECT_GT(entries_with(3, 4), entries_with(60, 4) + 150);
}

TEST(FirmEntry, MoreTripsMeanFewerEntries) {
  EXPECT_GT(entries_with(10, 1), entries_with(10, 8) + 150);
}

// The share of potential entrants who apply is the closed form of the rule at the announced
// wait: over ~4,000 candidates a standard error of ~0.008, tolerance 0.03.
TEST(FirmEntry, ShareApplyingMatchesTheClosedFormBeforeAndAfterTheReform) {
  FirmsRun run;
  run.simulate(5);
  const FirmSettings s = FirmSettings::from(run.parameters);
  auto share = [&](std::int64_t first, std::int64_t last) {
    return run.sum("entry_applications", first, last) / run.sum("potential_entrants", first, last);
  };
  EXPECT_NEAR(share(-50, 250),
              go_ahead_probability(s.entry_surplus_median, s.entry_surplus_log_sd, s.entry_fee, 10,
                                   4, s.entry_rule),
              0.03);
  EXPECT_NEAR(share(250, 500),
              go_ahead_probability(s.entry_surplus_median, s.entry_surplus_log_sd, s.entry_fee, 3,
                                   1, s.entry_rule),
              0.03);
  EXPECT_GT(share(250, 500), share(-50, 250) + 0.1);
}

TEST(FirmConservation, EntriesMinusExitsIsTheChangeInFirmsEveryDay) {
  FirmsRun run;
  double previous = 2350;  // initial firms of the fixture
  double entries = 0, exits = 0;
  run.simulate(7, [&](FirmsEnforcementState& state, std::int64_t step) {
    const double firms = run.at("market_entities", step);
    EXPECT_EQ(firms - previous, run.at("new_market_entities", step) - run.at("firm_exits", step));
    EXPECT_EQ(firms, static_cast<double>(state.firms().firms().size()));
    previous = firms;
    entries += run.at("new_market_entities", step);
    exits += run.at("firm_exits", step);
  });
  EXPECT_GT(entries, 1000);
  EXPECT_GT(exits, 100);
  EXPECT_EQ(run.total("new_market_entities_total"), entries);
  EXPECT_EQ(run.total("firm_exits_total"), exits);
}

TEST(FirmConservation, EveryApplicationIsCompletedWaitingOrWithdrawn) {
  FirmsRun run;
  run.set("firms.abandonment_hazard_at_reference", 0.02);  // enough withdrawals to count
  std::size_t waiting_at_end = 0;
  FixedDelayApprovals* approvals = nullptr;
  run.simulate(9, [&](FirmsEnforcementState& state, std::int64_t) {
    waiting_at_end = state.firms().projects_waiting();
    approvals = &state.approvals();
  });
  for (ApplicationType type : {registration, investment}) {
    const auto t = static_cast<std::size_t>(type);
    const double submitted = run.total("firm_applications_submitted_total", t);
    EXPECT_EQ(submitted, static_cast<double>(approvals->submitted(type)));
    EXPECT_EQ(run.total("firm_applications_completed_total", t),
              static_cast<double>(approvals->completed(type)));
    EXPECT_EQ(run.total("firm_applications_withdrawn_total", t),
              static_cast<double>(approvals->withdrawn(type)));
    EXPECT_EQ(submitted, run.total("firm_applications_completed_total", t) +
                             run.total("firm_applications_withdrawn_total", t) +
                             static_cast<double>(approvals->in_progress(type)));
  }
  EXPECT_EQ(static_cast<double>(waiting_at_end), approvals->in_progress(investment));
  EXPECT_GT(run.total("firm_applications_withdrawn_total", 1), 10);
  EXPECT_GT(run.total("projects_abandoned_total"), 10);
}

TEST(FirmAccounting, BudgetRevenueIsTheTaxesAndTradeIsImportsPlusExports) {
  FirmsRun run;
  run.simulate(4, [&](FirmsEnforcementState& state, std::int64_t step) {
    const FirmTotals& p = state.firms().production_today();
    double revenue = 0;
    for (double r : p.revenue)
      revenue += r;
    const double scale = 1e-12 * revenue;
    EXPECT_NEAR(revenue,
                p.inputs + p.wages + p.capital_cost + p.revenue_tax + p.profit_tax + p.profit,
                scale);
    EXPECT_NEAR(run.at("public_budget_revenue", step), p.revenue_tax + p.profit_tax, scale);
    EXPECT_NEAR(run.at("trade_volume", step), run.at("exports", step) + run.at("imports", step),
                scale);
    EXPECT_EQ(run.at("industrial_output", step),
              run.at("main_business_revenue_by_sector", step, 0));
    EXPECT_NEAR(run.at("main_business_revenue", step), revenue, scale);
  });
}

TEST(FirmEntry, ARegistrationAddsAFirmWithItsRegisteredCapital) {
  FirmsRun run;
  run.simulate(12);
  const double entries = run.sum("new_market_entities", -50, 500);
  const double capital = run.sum("new_registered_capital", -50, 500);
  EXPECT_GT(entries, 1000);
  // Mean registered capital 13 M CNY with a log sd of 1.5: the mean of ~2,000 draws is within
  // 25% of it with probability above 0.99 (sd of a draw ~2.9 times its mean).
  EXPECT_NEAR(capital / entries, 13.0, 13.0 * 0.25);
  for (std::int64_t step = 0; step < run.steps(); ++step)
    if (run.at("new_market_entities", step) == 0) {
      EXPECT_EQ(run.at("new_registered_capital", step), 0);
    }
}

double abandoned_share_with_permit_days(double days) {
  FirmsRun run;
  run.reform(false, 250);
  run.set("fixed_approvals.investment_project_days_before", days);
  run.set("firms.project_opportunities_per_year", std::vector<double>{4, 2, 0.2, 1});
  run.simulate(21);
  return run.total("projects_abandoned_total") / run.total("firm_applications_submitted_total", 1);
}

// Cumulative hazard over the wait: 0.002 * 54 / 3 = 3.6% at 54 days, 0.011% at 8 days. Over
// ~1,300 projects the standard error is ~0.005; projects still waiting at the end (~10%) pull the
// share below 3.6%: tolerance 0.012.
TEST(FirmProjects, InstalledCapitalKeepsTheLogThatProductionReads) {
  // Production reads log_capital instead of taking log(capital) every day; any change of a
  // firm's capital that bypasses FirmPopulation::add_capital would leave it stale.
  FirmsRun run;
  std::int64_t mismatches = 0;
  double installed = 0;
  run.simulate(4, [&](FirmsEnforcementState& state, std::int64_t step) {
    installed += run.at("new_capital_installed", step);
    const FirmPopulation& firms = state.firms().firms();
    for (std::size_t i = 0; i < firms.size(); ++i)
      mismatches += firms.log_capital[i] != std::log(firms.capital[i]);
  });
  EXPECT_GT(installed, 0) << "the run must install projects";
  EXPECT_EQ(mismatches, 0);
}

// Every firm's exit on every day is its exit draw against the exit probability of its sector at
// its margin of that day, as firm_equations.h gives it: the production's table of bounds
// (exit_decision.h) may skip the computation but never change the answer. Hazards of 0.5 to 30
// a year make exits common enough to test both sides of the comparison in every sector.
TEST(FirmExit, EachFirmExitsExactlyWhenItsDrawFallsBelowItsExitProbability) {
  FirmsRun run;
  run.set("firms.exit_hazard_at_reference", std::vector<double>{0.5, 2.0, 8.0, 30.0});
  run.set("calendar.years", std::int64_t{1});
  const FirmSettings settings = FirmSettings::from(run.parameters);
  const MetricCatalogue metrics = run.model.metrics(run.parameters);
  const Calendar calendar = Calendar::from(run.parameters);
  const std::uint64_t seed = 12;
  auto state = run.model.create_state({run.parameters, calendar, seed, 0}, metrics);
  const FirmPopulation& firms = dynamic_cast<FirmsEnforcementState&>(*state).firms().firms();
  std::vector<double> row_values(metrics.series_width());
  std::array<std::int64_t, sector_count> exits{};
  std::int64_t wrong = 0;
  for (std::int64_t step = 0; step < calendar.total_steps(); ++step) {
    const StepContext context{step, calendar, seed};
    for (const Phase& phase : state->phases()) {
      phase.run(context);
      if (phase.name != "firm_production") continue;
      for (std::size_t i = 0; i < firms.size(); ++i) {
        const double draw = context.random(firm_stream, firm_draw_exit, firms.id[i]).uniform();
        const bool exits_now = draw < exit_probability(settings, firms.sector[i], firms.margin[i]);
        wrong += exits_now != (firms.exiting[i] != 0);
        exits[firms.sector[i]] += exits_now;
      }
    }
    MetricRow row(row_values);
    state->record(context, row);
  }
  EXPECT_EQ(wrong, 0);
  for (std::size_t sector = 0; sector < sector_count; ++sector)
    EXPECT_GT(exits[sector], 10) << "sector " << sector;
}

TEST(FirmProjects, MoreAreAbandonedWhenPermitsTakeLonger) {
  const double slow = abandoned_share_with_permit_days(54);
  EXPECT_NEAR(slow, 1 - std::exp(-0.002 * 54 / 3), 0.012);
  EXPECT_LT(abandoned_share_with_permit_days(8), slow / 4);
}

// Without reform and without common shocks, above-size industry revenue grows by its
// productivity trend (plus investment, less exits); with no trend it grows ~e^0.1 - 1 = 10.5%
// less. Both runs share a seed (common random numbers), so firm-level noise mostly cancels.
TEST(FirmTrend, TheNoReformWorldGrowsWithTheConfiguredTrend) {
  auto growth = [](double trend) {
    FirmsRun run;
    run.reform(false, 250);
    run.set("firms.common_shock_sd", 0.0);
    run.set("firms.initial_firms", std::vector<std::int64_t>{200, 100, 2000, 200});
    run.set("firms.productivity_trend", std::vector<double>{trend, trend, trend, trend});
    run.simulate(8);
    return run.sum("industrial_output", 250, 500) / run.sum("industrial_output", 0, 250) - 1;
  };
  const double with_trend = growth(0.1), without = growth(0.0);
  EXPECT_NEAR(with_trend - without, 0.105, 0.04);
}

}  // namespace
}  // namespace reformsim::models
