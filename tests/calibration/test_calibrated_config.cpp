// What an ABC-SMC calibration hands on, and what it must never free:
// * the calibrated config: written beside --out (or to --write-config), including the scenario
//   and setting each free parameter to its posterior median exactly as the output file stores
//   it, with the posterior and fit tables as comments; an existing one is refused like any
//   output unless --overwrite; MSM refuses --write-config;
// * the reform's inputs declared by the models themselves (ParameterSpec::reform_input) are
//   refused as free parameters even when calibration.inputs does not list them.
#include <gtest/gtest.h>

#include <cmath>
#include <regex>
#include <string>

#include "models/model_catalogue.h"
#include "sim/calibration/calibration_config.h"
#include "sim/config/config_error.h"
#include "sim/output/file_description.h"
#include "sim/run/scenario.h"
#include "tests/support/test_support.h"

namespace reformsim::calibration {
namespace {

namespace support = reformsim::testing;

std::vector<std::string> tiny_abc(const std::filesystem::path& out,
                                  const std::vector<std::string>& extra = {}) {
  std::vector<std::string> arguments{
      "calibrate",
      "--config",
      (support::source_dir() / "configs/calibration/demo_market_abc.ini").string(),
      "--method",
      "abc-smc",
      "--out",
      out.string(),
      "--market.initial_firms=400",
      "--calendar.burn_in_days=0",
      "--calibration.population=8",
      "--calibration.max_generations=2",
      "--threads=2"};
  arguments.insert(arguments.end(), extra.begin(), extra.end());
  return arguments;
}

TEST(CalibratedConfig, SetsEachFreeParameterToItsPosteriorMedianAndIncludesTheScenario) {
  support::TemporaryDirectory directory;
  const auto out = directory / "abc.h5";
  const auto result = support::run_reformsim(tiny_abc(out));
  ASSERT_EQ(result.exit_status, 0) << result.err;
  const auto written = directory / "abc_calibrated.ini";
  ASSERT_TRUE(std::filesystem::exists(written));
  EXPECT_NE(result.out.find(written.string()), std::string::npos) << result.out;
  const std::string text = support::read_text(written);
  // The include is relative to the written file and names the shipped scenario.
  const std::regex include("\ninclude = ([^\n]*demo_market\\.ini)\n");
  std::smatch match;
  ASSERT_TRUE(std::regex_search(text, match, include)) << text;
  EXPECT_TRUE(std::filesystem::path(match[1].str()).is_relative()) << match[1];
  // Posterior table, fit table with fit and held-out targets, and the overrides as comments.
  for (const char* expected :
       {"# parameter", "uniform(5, 60)", "posterior predictive", "entry_growth", "fit", "held out",
        "market.initial_firms = 400", "NOT applied", "[market]"})
    EXPECT_NE(text.find(expected), std::string::npos) << expected << " in\n" << text;

  const auto catalogue = models::all_models();
  const Scenario calibrated = load_scenario(catalogue, written, {});
  const auto median = support::read_hdf5_doubles(out, "posterior_median");
  ASSERT_EQ(median.size(), 2u);
  EXPECT_EQ(calibrated.parameters.real("market.entry_value_days"), median[0]);
  EXPECT_EQ(calibrated.parameters.real("market.productivity_volatility"), median[1]);
  // Everything else is the scenario's, not the calibration's overrides.
  EXPECT_EQ(calibrated.parameters.integer("market.initial_firms"), 10000);
  EXPECT_EQ(calibrated.parameters.text("model.name"), "demo_market");
  // The fit table of the output file: reported values, posterior predictive, fit or held out.
  EXPECT_EQ(support::read_hdf5_doubles(out, "target_fit"), (std::vector<double>{1, 1, 0, 0, 0}));
  const auto low = support::read_hdf5_doubles(out, "fit_low");
  const auto mean = support::read_hdf5_doubles(out, "fit_mean");
  const auto high = support::read_hdf5_doubles(out, "fit_high");
  ASSERT_EQ(mean.size(), 5u);
  for (std::size_t t = 0; t < mean.size(); ++t) {
    EXPECT_LE(low[t], mean[t]);
    EXPECT_LE(mean[t], high[t]);
  }
}

// The shipped result of the Binhai calibration (docs/calibration.md): it must stay loadable as
// the scenario changes, and its parameters must be the posterior medians its header reports,
// inside the priors the header names.
TEST(CalibratedConfig, TheShippedBinhaiCalibrationLoadsWithTheMediansOfItsHeader) {
  const auto file = support::source_dir() / "configs/calibration/binhai_2018_calibrated.ini";
  const std::string text = support::read_text(file);
  const auto catalogue = models::all_models();
  const Scenario calibrated = load_scenario(catalogue, file, {});
  EXPECT_EQ(calibrated.parameters.text("model.name"), "binhai_2018");
  EXPECT_FALSE(calibrated.targets.empty());
  EXPECT_NE(text.find("\ninclude = ../binhai_2018.ini\n"), std::string::npos) << text;
  // "# name  prior(low, high)  mean sd 5% 50% 95%": the median is the fourth number after it.
  const std::regex row(
      "\n# ([a-z_]+\\.[a-z_]+) +[a-z_]+\\(([-0-9.e]+), ([-0-9.e]+)\\) +[-0-9.e]+ +[-0-9.e]+ +"
      "[-0-9.e]+ +([-0-9.e]+) +[-0-9.e]+(?=\n)");
  int rows = 0;
  for (auto it = std::sregex_iterator(text.begin(), text.end(), row); it != std::sregex_iterator();
       ++it, ++rows) {
    const std::string name = (*it)[1];
    const double low = std::stod((*it)[2]), high = std::stod((*it)[3]);
    const double median = std::stod((*it)[4]);
    const double value = calibrated.parameters.real(name);
    EXPECT_NEAR(value, median, 5e-4 * std::abs(median)) << name;  // printed to 4 digits
    EXPECT_GE(value, low) << name;
    EXPECT_LE(value, high) << name;
  }
  EXPECT_EQ(rows, 3) << text;  // step_service_days, entry_surplus_median, arrivals per day
}

TEST(CalibratedConfig, AnExistingConfigIsRefusedBeforeAnyWorkUnlessOverwriting) {
  support::TemporaryDirectory directory;
  const auto chosen = directory / "chosen.ini";
  support::write_text(chosen, "# not to be replaced\n");
  const auto refused = support::run_reformsim(
      tiny_abc(directory / "abc.h5", {"--write-config", chosen.string(), "--quiet"}));
  EXPECT_EQ(refused.exit_status, 2);
  EXPECT_NE(refused.err.find("--write-config"), std::string::npos) << refused.err;
  EXPECT_FALSE(std::filesystem::exists(directory / "abc.h5"));
  EXPECT_EQ(support::read_text(chosen), "# not to be replaced\n");

  const auto replaced = support::run_reformsim(tiny_abc(
      directory / "abc.h5", {"--write-config", chosen.string(), "--overwrite", "--quiet"}));
  ASSERT_EQ(replaced.exit_status, 0) << replaced.err;
  EXPECT_NE(support::read_text(chosen).find("include = "), std::string::npos);
  EXPECT_FALSE(std::filesystem::exists(directory / "abc_calibrated.ini"));

  // The default beside --out is refused the same way once it exists.
  support::write_text(directory / "again_calibrated.ini", "# mine\n");
  const auto again = support::run_reformsim(tiny_abc(directory / "again.h5", {"--quiet"}));
  EXPECT_EQ(again.exit_status, 2);
  EXPECT_NE(again.err.find("again_calibrated.ini"), std::string::npos) << again.err;
  EXPECT_FALSE(std::filesystem::exists(directory / "again.h5"));

  auto msm = tiny_abc(directory / "msm.h5", {"--write-config", (directory / "m.ini").string()});
  msm[4] = "msm";
  const auto msm_result = support::run_reformsim(msm);
  EXPECT_EQ(msm_result.exit_status, 2);
  EXPECT_NE(msm_result.err.find("only ABC-SMC"), std::string::npos) << msm_result.err;
}

// A calibration config freeing `key` of `scenario` with a prior, and no calibration.inputs.
std::filesystem::path freeing(const support::TemporaryDirectory& directory,
                              const std::string& scenario, const std::string& key,
                              const std::string& prior) {
  const auto path = directory / "calibration.ini";
  support::write_text(
      path, "[calibration]\nscenario = " + (support::source_dir() / "configs" / scenario).string() +
                "\nparameters = " + key + "\n[calibration.prior]\n" + key + " = " + prior + "\n");
  return path;
}

TEST(ReformInputs, DeclaredInputsAreRefusedWithoutAnyCalibrationInputsList) {
  const auto catalogue = models::all_models();
  struct Case {
    std::string scenario, key, prior;
  };
  for (const Case& input :
       {Case{"demo_market.ini", "market.reform_day", "uniform(200, 300)"},
        Case{"demo_market.ini", "market.approval_days_after", "uniform(1, 20)"},
        Case{"binhai_2018.ini", "approvals.investment_project_steps_before", "uniform(100, 200)"},
        Case{"binhai_2018.ini", "approvals.departments", "uniform(10, 40)"},
        Case{"binhai_2018.ini", "organisation.departments_after", "uniform(10, 40)"},
        Case{"binhai_2018.ini", "enforcement.departments_before", "uniform(10, 40)"},
        Case{"binhai_2018.ini", "reform.parallel_approval_day", "uniform(200, 300)"}}) {
    support::TemporaryDirectory directory;
    const auto config = freeing(directory, input.scenario, input.key, input.prior);
    try {
      load_calibration(catalogue, config, {}, "", "");
      ADD_FAILURE() << input.key << " was accepted as a free parameter";
    } catch (const ConfigError& error) {
      EXPECT_EQ(error.key(), "calibration.parameters");
      EXPECT_EQ(error.value(), input.key);
      EXPECT_NE(std::string(error.what()).find("input of the reform"), std::string::npos)
          << error.what();
    }
  }
  // Behaviour stays free: the same route accepts a behavioural parameter.
  support::TemporaryDirectory directory;
  const auto config =
      freeing(directory, "demo_market.ini", "market.entry_value_days", "uniform(5, 60)");
  EXPECT_EQ(load_calibration(catalogue, config, {}, "", "").space.size(), 1u);
}

// Every model: a numeric parameter counting departments, layers, park bodies, steps or items,
// or giving a reform measure's start day, is declared an input of the reform.
TEST(ReformInputs, EveryModelDeclaresItsStructuralCountsAndReformDaysAsInputs) {
  const auto catalogue = models::all_models();
  const std::regex structural(
      "(departments|layers|park_bodies|_steps_(before|after)|_items|_stages|reform_day|"
      "reform\\.[a-z_]+_day|approval_days_(before|after)|fixed_approvals\\.[a-z_]+_(days|trips)_"
      "(before|after))");
  std::size_t checked = 0;
  for (const auto& name : catalogue.names()) {
    const auto registry = build_registry(*catalogue.find(name), catalogue);
    for (const auto& spec : registry->specs()) {
      if (spec.type != ParameterType::integer && spec.type != ParameterType::real) continue;
      if (std::regex_search(spec.key, std::regex("servers|transfer|phase_in")))
        continue;  // behaviour
      if (!std::regex_search(spec.key, structural)) continue;
      EXPECT_TRUE(spec.reform_input) << name << ": " << spec.key;
      ++checked;
    }
  }
  EXPECT_GT(checked, 20u);
}

}  // namespace
}  // namespace reformsim::calibration
