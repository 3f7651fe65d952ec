// Parameter recovery on a real model: the demonstration market (models/demo, a smaller market
// of 400 firms without burn-in) is simulated once at known parameters; its statistics become the
// reported values of a targets file; a small ABC-SMC calibrates against them. The 90% posterior
// intervals must cover the truth for the parameters the targets identify, and the parameter
// they cannot identify must keep a posterior about as wide as its prior.
//
// What identifies what (models/demo/demo_market_model.cpp): an entrant registers when its value
// of entry (exponential, mean market.entry_value_days) exceeds the wait (30 working days before
// the reform, 8 after), so the growth of entries across the reform pins entry_value_days, and
// the number of entries then pins market.entrant_arrivals_per_day. Productivity volatility only
// moves exits, which no fit target measures: it is the unidentified control.
#include <gtest/gtest.h>

#include <cmath>
#include <iostream>

#include "models/model_catalogue.h"
#include "sim/calibration/calibration_config.h"
#include "sim/calibration/model_simulator.h"
#include "sim/calibration/posterior_summary.h"
#include "tests/support/test_support.h"

namespace reformsim::calibration {
namespace {

namespace support = reformsim::testing;

const std::vector<double> truth{25.0, 8.0, 0.02};  // entry value, arrivals per day, volatility
const std::vector<double> prior_low{5, 2, 0.005}, prior_high{60, 32, 0.05};

std::string targets_csv(const std::vector<double>& reported) {
  // Uncertainties about the simulation noise of one 400-firm market (Poisson entries).
  return "key,value,uncertainty,weight,use,statistic,metric,weight_metric,year,base_year,"
         "window_days,unit,source,note\n"
         "entry_growth," +
         std::to_string(reported[0]) +
         ",0.15,1,fit,window_sum_growth,entries,,2018,2017,187,yoy fraction,recovery test,\n"
         "total_entries," +
         std::to_string(reported[1]) +
         ",100,1,fit,summary,total_entries,,,,,firms,recovery test,\n"
         "firms_end_of_september," +
         std::to_string(reported[2]) +
         ",100,1,check,window_end,firms,,2018,,187,firms,recovery test,held out\n";
}

std::filesystem::path write_calibration(const support::TemporaryDirectory& directory) {
  const auto path = directory / "recovery.ini";
  support::write_text(
      path,
      "[calibration]\nscenario = " + (support::source_dir() / "configs/demo_market.ini").string() +
          "\nparameters = market.entry_value_days, market.entrant_arrivals_per_day, "
          "market.productivity_volatility\n"
          "population = 60\nmax_generations = 4\nsimulation_budget = 1500\n"
          "[calibration.prior]\n"
          "market.entry_value_days = uniform(5, 60)\n"
          "market.entrant_arrivals_per_day = log_uniform(2, 32)\n"
          "market.productivity_volatility = uniform(0.005, 0.05)\n"
          "[market]\ninitial_firms = 400\n[calendar]\nburn_in_days = 0\n");
  return path;
}

TEST(ParameterRecovery, DemoMarketPosteriorIntervalsCoverTheTruthOfIdentifiedParameters) {
  support::TemporaryDirectory directory;
  const auto catalogue = models::all_models();
  const auto config_file = write_calibration(directory);
  const auto targets_file = directory / "targets.csv";

  // The "reported" figures: one simulation at the truth, on a seed the calibration never uses.
  support::write_text(targets_file, targets_csv({0, 0, 0}));
  std::vector<double> observed;
  {
    const auto config = load_calibration(catalogue, config_file, {}, targets_file.string(), "");
    ModelSimulator simulator(config.scenario, config.space);
    const auto result = simulator.simulate({{truth, {987654321}}});
    observed = replication_means(result.front());
  }
  ASSERT_EQ(observed.size(), 3u);
  for (double value : observed)
    ASSERT_TRUE(std::isfinite(value));
  support::write_text(targets_file, targets_csv(observed));

  const auto config = load_calibration(catalogue, config_file, {}, targets_file.string(), "");
  ModelSimulator simulator(config.scenario, config.space);
  AbcState state;
  run_abc_smc(simulator, config.space, config.targets, config.abc, state);
  const Generation& last = state.generations.back();
  const auto posterior = summarise_posterior(last.particles, last.weights);
  std::string report = "stopped: " + state.stop_reason + " after " +
                       std::to_string(state.simulations) + " simulations\n";
  for (std::size_t k = 0; k < 3; ++k) {
    const auto i = static_cast<Eigen::Index>(k);
    report += config.space.parameters()[k].key + ": truth " + std::to_string(truth[k]) +
              ", 90% interval [" + std::to_string(posterior.low[i]) + ", " +
              std::to_string(posterior.high[i]) + "]\n";
  }
  std::cout << report;
  SCOPED_TRACE(report);
  EXPECT_GE(state.generations.size(), 3u);

  // Identified: the 90% interval covers the truth and is much narrower than the prior.
  for (std::size_t k : {0u, 1u}) {
    const auto i = static_cast<Eigen::Index>(k);
    EXPECT_LE(posterior.low[i], truth[k]) << config.space.parameters()[k].key;
    EXPECT_GE(posterior.high[i], truth[k]) << config.space.parameters()[k].key;
    EXPECT_LT(posterior.high[i] - posterior.low[i], 0.5 * (prior_high[k] - prior_low[k]))
        << config.space.parameters()[k].key;
  }
  // Not identified by these targets: the posterior stays about as wide as the prior.
  EXPECT_GT(posterior.high[2] - posterior.low[2], 0.6 * (prior_high[2] - prior_low[2]));

  // The posterior predictive of the fit targets covers what was "reported".
  const auto fit = summarise_predictive(last.statistics, last.weights);
  for (std::size_t t = 0; t < 2; ++t) {
    EXPECT_LE(fit.low[t], observed[t]) << config.targets[t].key;
    EXPECT_GE(fit.high[t], observed[t]) << config.targets[t].key;
  }
}

}  // namespace
}  // namespace reformsim::calibration
