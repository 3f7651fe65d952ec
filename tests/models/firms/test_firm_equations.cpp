// The firm model's equations on their own: the go-ahead rule and its closed form, production,
// the accounting identity of a firm's day, the exit and abandonment hazards.
#include <gtest/gtest.h>

#include "models/firms/firm_equations.h"
#include "models/firms/firms_enforcement_model.h"
#include "sim/config/config_error.h"
#include "sim/random/random_stream.h"
#include "tests/models/firms/firms_fixture.h"

namespace reformsim::models {
namespace {

const GoAheadRule rule{0.004, 0.0005};

TEST(EntryRule, NetValueFallsWithTheWaitAndTheTrips) {
  const double quick = net_value_of_applying(0.01, 0.001, 3, 1, rule);
  EXPECT_GT(quick, net_value_of_applying(0.01, 0.001, 30, 1, rule));
  EXPECT_GT(quick, net_value_of_applying(0.01, 0.001, 3, 6, rule));
  EXPECT_DOUBLE_EQ(net_value_of_applying(0.01, 0.001, 0, 2, rule), 0.01 - 0.001 - 0.001);
}

TEST(EntryRule, ProbabilityFallsWithTheWaitAndTheTrips) {
  const double quick = go_ahead_probability(0.0046, 1.5, 0.001, 3, 1, rule);
  EXPECT_GT(quick, go_ahead_probability(0.0046, 1.5, 0.001, 30, 1, rule));
  EXPECT_GT(quick, go_ahead_probability(0.0046, 1.5, 0.001, 3, 6, rule));
}

// 200 000 lognormal surpluses: the standard error of a frequency near 0.6 is ~0.0011, so a
// tolerance of 0.005 (4.5 standard errors) fails only if the rule and its closed form disagree.
TEST(EntryRule, ClosedFormProbabilityMatchesTheRuleOnDrawnSurpluses) {
  RandomStream random(11, {});
  const int draws = 200000;
  for (double wait : {3.0, 10.0, 54.0}) {
    int going = 0;
    for (int i = 0; i < draws; ++i)
      going +=
          net_value_of_applying(random.lognormal(std::log(0.0046), 1.5), 0.001, wait, 4, rule) >= 0;
    EXPECT_NEAR(static_cast<double>(going) / draws,
                go_ahead_probability(0.0046, 1.5, 0.001, wait, 4, rule), 0.005)
        << wait;
  }
}

TEST(Production, HasConstantReturnsAndLosesTheBurdenShareOfLabour) {
  const double base = daily_output(0.2, 100, 50, 0, 0.4);
  EXPECT_NEAR(daily_output(0.2, 200, 100, 0, 0.4), 2 * base, 1e-9 * base);
  EXPECT_NEAR(daily_output(0.2, 100, 50, 0.1, 0.4), base * std::pow(0.9, 0.6), 1e-9 * base);
  EXPECT_EQ(daily_output(0.2, 0, 50, 0, 0.4), 0);
  // With log K given (FirmPopulation keeps it), the same bits.
  EXPECT_EQ(daily_output_at_log_capital(0.2, 137.5, std::log(137.5), 50, 0.1, 0.4),
            daily_output(0.2, 137.5, 50, 0.1, 0.4));
}

FirmSettings binhai_settings() {
  testing::FirmsRun run;
  return FirmSettings::from(run.parameters);
}

TEST(Accounts, RevenueIsInputsWagesCapitalCostTaxesAndProfit) {
  const FirmSettings settings = binhai_settings();
  for (std::size_t sector = 0; sector < sector_count; ++sector)
    for (double output : {0.0, 0.01, 1.0, 50.0}) {
      const FirmAccounts a = daily_accounts(settings, sector, output, 40, 30, true, true);
      EXPECT_NEAR(a.revenue, a.inputs + a.wages + a.capital_cost + a.taxes() + a.profit,
                  1e-12 * (1 + output));
      EXPECT_GE(a.profit_tax, 0);
      EXPECT_NEAR(a.exports, settings.export_share[sector] * output, 1e-12);
      EXPECT_NEAR(a.imports, settings.import_share_of_inputs * a.inputs, 1e-12);
    }
}

TEST(Accounts, ALossPaysNoProfitTaxAndADomesticFirmNoTrade) {
  const FirmSettings settings = binhai_settings();
  const FirmAccounts loss = daily_accounts(settings, 2, 0.0001, 40, 30, false, false);
  EXPECT_LT(loss.profit, 0);
  EXPECT_EQ(loss.profit_tax, 0);
  EXPECT_EQ(loss.exports + loss.imports, 0);
}

TEST(Exit, HazardRisesAsTheMarginFalls) {
  const FirmSettings settings = binhai_settings();
  const double at_reference = exit_probability(settings, 2, settings.exit_reference_margin);
  EXPECT_NEAR(at_reference, 1 - std::exp(-settings.exit_hazard_at_reference[2] / 250), 1e-12);
  EXPECT_GT(exit_probability(settings, 2, -0.05), at_reference);
  EXPECT_LT(exit_probability(settings, 2, 0.15), at_reference);
}

TEST(Abandonment, HazardRisesWithTheWait) {
  const FirmSettings settings = binhai_settings();
  EXPECT_EQ(abandonment_probability(settings, 0), 0);
  EXPECT_LT(abandonment_probability(settings, 8), abandonment_probability(settings, 54));
  EXPECT_NEAR(abandonment_probability(settings, 54),
              1 - std::exp(-settings.abandonment_hazard_at_reference), 1e-12);
}

TEST(FirmParameters, RefuseEntrantSharesThatDoNotSumToOne) {
  testing::FirmsRun run;
  run.set("firms.entrant_sector_share", std::vector<double>{0, 0.1, 0.8, 0.2});
  EXPECT_THROW(run.model.validate(run.parameters), ConfigError);
  run.set("firms.entrant_sector_share", std::vector<double>{0.1, 0.9});
  EXPECT_THROW(run.model.validate(run.parameters), ConfigError);
}

}  // namespace
}  // namespace reformsim::models
