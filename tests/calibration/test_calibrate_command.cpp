// `reformsim calibrate` end to end on the demonstration market, through the executable: a tiny
// ABC-SMC and MSM run, --resume of an interrupted file, and bad inputs refused with exit 2.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <numeric>
#include <sstream>
#include <stdexcept>

#include "models/model_catalogue.h"
#include "sim/calibration/calibration_config.h"
#include "sim/calibration/calibration_file.h"
#include "sim/calibration/checkpoint.h"
#include "sim/calibration/model_simulator.h"
#include "sim/output/file_description.h"
#include "tests/support/test_support.h"

namespace reformsim::calibration {
namespace {

namespace support = reformsim::testing;

// A small market and population keep each run to a few seconds on two cores.
const std::vector<std::string> tiny{"--market.initial_firms=400",
                                    "--calendar.burn_in_days=0",
                                    "--calibration.population=8",
                                    "--calibration.max_generations=2",
                                    "--quiet",
                                    "--threads=2"};

std::vector<std::string> calibrate(const std::filesystem::path& config, const std::string& method,
                                   const std::filesystem::path& out) {
  std::vector<std::string> arguments{"calibrate", "--config", config.string(), "--method",
                                     method,      "--out",    out.string()};
  arguments.insert(arguments.end(), tiny.begin(), tiny.end());
  return arguments;
}

std::filesystem::path demo_config() {
  return support::source_dir() / "configs/calibration/demo_market_abc.ini";
}

// A calibration config in the temporary directory around the demonstration scenario.
std::filesystem::path write_config(const support::TemporaryDirectory& directory,
                                   const std::string& calibration_lines) {
  const auto path = directory / "calibration.ini";
  support::write_text(path, "[calibration]\nscenario = " +
                                (support::source_dir() / "configs/demo_market.ini").string() +
                                "\n" + calibration_lines);
  return path;
}

TEST(CalibrateCommand, AbcSmcWritesACompletePosteriorWithFitAndCheckTargets) {
  support::TemporaryDirectory directory;
  const auto out = directory / "abc.h5";
  auto arguments = calibrate(demo_config(), "abc-smc", out);
  arguments.back() = "--threads=2";
  arguments.erase(std::find(arguments.begin(), arguments.end(), "--quiet"));
  const auto result = support::run_reformsim(arguments);
  ASSERT_EQ(result.exit_status, 0) << result.err;
  EXPECT_TRUE(is_complete_output(out));
  EXPECT_EQ(support::read_hdf5_doubles(out, "target_fit"), (std::vector<double>{1, 1, 0, 0, 0}));
  const auto weights = support::read_hdf5_doubles(out, "particle_weight");
  EXPECT_EQ(weights.size(), 16u);  // 2 generations x 8 particles
  EXPECT_NEAR(std::accumulate(weights.begin() + 8, weights.end(), 0.0), 1.0, 1e-12);
  const auto mean = support::read_hdf5_doubles(out, "posterior_mean");
  EXPECT_GE(mean[0], 5);
  EXPECT_LE(mean[0], 60);
  EXPECT_NE(result.out.find("posterior predictive"), std::string::npos);
  EXPECT_NE(result.out.find("check"), std::string::npos);
  EXPECT_NE(result.err.find("generation 1"), std::string::npos);
  const std::string script =
      "import xarray\n"
      "ds = xarray.open_dataset('" +
      out.string() +
      "')\n"
      "print(sorted(ds.sizes.items()))\n"
      "print(ds['particle_theta'].dims, ds['posterior_correlation'].dims)\n"
      "print(ds.attrs['kind'], ds.attrs['method'], ds.attrs['complete'])\n"
      "print('phony' in repr(ds))\n"
      "ds.close()\n";
  const auto opened = support::run_program("/usr/bin/python3", {"-c", script});
  ASSERT_EQ(opened.exit_status, 0) << opened.err;
  for (const char* expected :
       {"('generation', 2)", "('particle', 8)", "('target', 5)",
        "('generation', 'particle', 'parameter')", "('parameter', 'parameter_other')",
        "calibration abc-smc 1", "False"})
    EXPECT_NE(opened.out.find(expected), std::string::npos) << expected << " in\n" << opened.out;
  const auto again = support::run_reformsim(calibrate(demo_config(), "abc-smc", out));
  EXPECT_EQ(again.exit_status, 2);  // exists already, no --overwrite
}

TEST(CalibrateCommand, MsmWritesTheBestPointAndItsObjective) {
  support::TemporaryDirectory directory;
  const auto out = directory / "msm.h5";
  auto arguments = calibrate(demo_config(), "msm", out);
  arguments.erase(std::find(arguments.begin(), arguments.end(), "--quiet"));
  for (const std::string extra :
       {"--calibration.msm.global_evaluations=6", "--calibration.msm.local_evaluations=3",
        "--calibration.msm.replications=2"})
    arguments.push_back(extra);
  const auto result = support::run_reformsim(arguments);
  ASSERT_EQ(result.exit_status, 0) << result.err;
  EXPECT_TRUE(is_complete_output(out));
  const auto best = support::read_hdf5_doubles(out, "best_theta");
  ASSERT_EQ(best.size(), 2u);
  const auto objective = support::read_hdf5_doubles(out, "evaluation_distance");
  EXPECT_GE(objective.size(), 8u);  // start, 6 global, up to 3 local
  EXPECT_LE(objective.size(), 10u);
  const auto theta = support::read_hdf5_doubles(out, "evaluation_theta");
  const auto at = static_cast<std::size_t>(std::min_element(objective.begin(), objective.end()) -
                                           objective.begin());
  EXPECT_EQ(best[0], theta[2 * at]);
  EXPECT_EQ(best[1], theta[2 * at + 1]);
  EXPECT_NE(result.out.find("J = "), std::string::npos);
}

TEST(CalibrateCommand, ResumeFinishesAnInterruptedFileExactlyAsAnUninterruptedRun) {
  support::TemporaryDirectory directory;
  auto arguments = calibrate(demo_config(), "abc-smc", directory / "uninterrupted.h5");
  arguments.push_back("--calibration.max_generations=3");
  ASSERT_EQ(support::run_reformsim(arguments).exit_status, 0);

  // The interrupted run: the same calibration in-process, stopped after generation 1's
  // checkpoint as a killed process would be.
  const auto out = directory / "resumed.h5";
  std::vector<ConfigEntry> overrides;
  for (const std::string entry :
       {"market.initial_firms=400", "calendar.burn_in_days=0", "calibration.population=8",
        "calibration.max_generations=2", "calibration.max_generations=3"})
    overrides.push_back(parse_overrides({entry}).front());
  const auto catalogue = models::all_models();
  const auto config = load_calibration(catalogue, demo_config(), overrides, "", "");
  const CalibrationDescription description{"abc-smc", config.space.parameters(), config.targets,
                                           calibration_inputs_text(config, "abc-smc"),
                                           config.scenario.parameters.to_ini()};
  ModelSimulator simulator(config.scenario, config.space);
  AbcState state;
  EXPECT_THROW(run_abc_smc(simulator, config.space, config.targets, config.abc, state,
                           [&](const AbcState& progress) {
                             write_abc_file(out, {"calibration", "killed", 0, 1, "", ""},
                                            description, progress, false);
                             if (progress.generations.size() == 2)
                               throw std::runtime_error("killed");
                           }),
               std::runtime_error);
  EXPECT_FALSE(is_complete_output(out));

  arguments = calibrate(demo_config(), "abc-smc", out);
  arguments.push_back("--calibration.max_generations=3");
  arguments.push_back("--resume");
  const auto resumed = support::run_reformsim(arguments);
  ASSERT_EQ(resumed.exit_status, 0) << resumed.err;
  EXPECT_TRUE(is_complete_output(out));
  EXPECT_EQ(support::read_all_datasets(directory / "uninterrupted.h5"),
            support::read_all_datasets(out));
  // A different calibration cannot resume it, and a complete one has nothing to resume.
  arguments.push_back("--calibration.alpha=0.3");
  EXPECT_EQ(support::run_reformsim(arguments).exit_status, 2);
  arguments.pop_back();
  const auto complete = support::run_reformsim(arguments);
  EXPECT_EQ(complete.exit_status, 0);
  EXPECT_NE(complete.out.find("complete already"), std::string::npos);

  // Killed after the output was complete, while writing its calibrated config: a resume
  // writes the config and removes the dead writer's temporary file.
  const auto config_path = directory / "resumed_calibrated.ini";
  ASSERT_TRUE(std::filesystem::exists(config_path));
  const std::string written = support::read_text(config_path);
  std::filesystem::remove(config_path);
  const pid_t dead = fork();
  if (dead == 0) _exit(0);
  ASSERT_GT(dead, 0);
  waitpid(dead, nullptr, 0);
  const auto partial = directory / (".resumed_calibrated.ini.partial-" + std::to_string(dead));
  support::write_text(partial, "half a config");
  const auto finished = support::run_reformsim(arguments);
  ASSERT_EQ(finished.exit_status, 0) << finished.err;
  EXPECT_NE(finished.out.find("complete already"), std::string::npos);
  EXPECT_FALSE(std::filesystem::exists(partial));
  ASSERT_TRUE(std::filesystem::exists(config_path));
  // The same posterior medians; only the provenance comment says how it was written.
  const auto settings = [](const std::string& text) {
    std::string kept;
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);)
      if (line.rfind("#", 0) != 0 && line.rfind(";", 0) != 0) kept += line + "\n";
    return kept;
  };
  EXPECT_EQ(settings(support::read_text(config_path)), settings(written));
}

struct BadInput {
  std::string lines, key, value;
};

TEST(CalibrateCommand, BadCalibrationInputsAreRefusedWithExitTwoNamingFileKeyAndValue) {
  const std::vector<BadInput> cases{
      {"parameters = market.no_such_parameter\n[calibration.prior]\n"
       "market.no_such_parameter = uniform(5, 60)\n",
       "calibration.parameters", "market.no_such_parameter"},
      {"parameters = market.productivity_volatility\n[calibration.prior]\n"
       "market.productivity_volatility = uniform(0.01, 0.1)\n"
       "market.entry_value_days = uniform(5, 60)\n",
       "calibration.prior.market.entry_value_days", "uniform(5, 60)"},
      {"parameters = market.productivity_volatility\n[calibration.prior]\n"
       "market.productivity_volatility = uniform(0, 2)\n",
       "calibration.prior.market.productivity_volatility", "uniform(0, 2)"},
      {"parameters = market.entry_value_days\n[calibration.prior]\n"
       "market.entry_value_days = gamma(2, 3)\n",
       "calibration.prior.market.entry_value_days", "gamma(2, 3)"},
      {"parameters = market.reform_day\ninputs = market.reform_day\n[calibration.prior]\n"
       "market.reform_day = uniform(0, 300)\n",
       "calibration.parameters", "market.reform_day"},
      {"parameters = market.entry_value_days\n", "calibration.prior.market.entry_value_days", ""},
      {"parameters = market.entry_value_days\npopulation = 1\n[calibration.prior]\n"
       "market.entry_value_days = uniform(5, 60)\n",
       "calibration.population", "1"},
  };
  for (const auto& bad : cases) {
    support::TemporaryDirectory directory;
    const auto config = write_config(directory, bad.lines);
    const auto result = support::run_reformsim(calibrate(config, "abc-smc", directory / "out.h5"));
    EXPECT_EQ(result.exit_status, 2) << bad.lines;
    EXPECT_NE(result.err.find(config.string()), std::string::npos) << result.err;
    EXPECT_NE(result.err.find(bad.key), std::string::npos) << result.err;
    EXPECT_NE(result.err.find(bad.value), std::string::npos) << result.err;
    EXPECT_TRUE(directory.entries().size() == 1) << "nothing written besides the config";
  }
}

TEST(CalibrateCommand, RefusesAMissingOrUnknownMethod) {
  support::TemporaryDirectory directory;
  auto arguments = calibrate(demo_config(), "gibbs", directory / "out.h5");
  const auto result = support::run_reformsim(arguments);
  EXPECT_EQ(result.exit_status, 2);
  EXPECT_NE(result.err.find("gibbs"), std::string::npos);
}

// Started by mpirun (the variable OpenMPI sets, inherited by the child): calibrate never
// distributes its work, so every rank would run the whole calibration into the same file.
TEST(CalibrateCommand, RefusesToRunAsOneOfSeveralMpiRanks) {
  support::TemporaryDirectory directory;
  const auto out = directory / "ranks.h5";
  setenv("OMPI_COMM_WORLD_SIZE", "2", 1);
  const auto result = support::run_reformsim(calibrate(demo_config(), "abc-smc", out));
  unsetenv("OMPI_COMM_WORLD_SIZE");
  EXPECT_EQ(result.exit_status, 2) << result.err;
  EXPECT_NE(result.err.find("OMPI_COMM_WORLD_SIZE"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("does not run over MPI ranks"), std::string::npos) << result.err;
  EXPECT_TRUE(directory.entries().empty());
}

}  // namespace
}  // namespace reformsim::calibration
