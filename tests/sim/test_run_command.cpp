// `reformsim run` as a user runs it: a complete, self-describing file on success; on bad input
// exit status 2, a message naming file, key, value and accepted range, and nothing written.
#include <gtest/gtest.h>

#include "sim/output/file_description.h"
#include "tests/support/test_support.h"

namespace reformsim {
namespace {

using testing::read_text;
using testing::run_reformsim;
using testing::TemporaryDirectory;
using testing::write_text;

const std::vector<std::string> small_run{"--quiet", "--market.initial_firms=500",
                                         "--calendar.burn_in_days=5"};

std::vector<std::string> run_arguments(const std::string& config, const std::string& out,
                                       std::vector<std::string> extra = {}) {
  std::vector<std::string> arguments{"run", "--config", config, "--out", out};
  arguments.insert(arguments.end(), small_run.begin(), small_run.end());
  arguments.insert(arguments.end(), extra.begin(), extra.end());
  return arguments;
}

TEST(RunCommand, WritesACompleteFileAndPrintsASummary) {
  TemporaryDirectory dir;
  const auto out = (dir / "demo.h5").string();
  auto arguments = run_arguments("configs/demo_market.ini", out);
  arguments.erase(std::find(arguments.begin(), arguments.end(), "--quiet"));
  const auto result = run_reformsim(arguments);
  ASSERT_EQ(result.exit_status, 0) << result.err;
  EXPECT_TRUE(is_complete_output(out));
  EXPECT_NE(result.out.find("wrote " + out), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("firms"), std::string::npos);
  EXPECT_EQ(dir.entries(), std::vector<std::string>{"demo.h5"});  // no temporary left
}

TEST(RunCommand, DescribeListsProvenanceVariablesAndCompleteness) {
  TemporaryDirectory dir;
  const auto out = (dir / "demo.h5").string();
  ASSERT_EQ(run_reformsim(run_arguments("configs/demo_market.ini", out, {"--seed=77"})).exit_status,
            0);
  const auto described = run_reformsim({"describe", out});
  EXPECT_EQ(described.exit_status, 0);
  for (const char* expected : {"complete: yes", "model: demo_market", "master_seed: 77",
                               "git_commit:", "firms(replication, step)",
                               "firms_by_sector(replication, step, sector)", "seed(replication)"})
    EXPECT_NE(described.out.find(expected), std::string::npos) << expected << "\n" << described.out;
}

TEST(RunCommand, FileRecordsEffectiveConfigSeedsAndCommandLine) {
  TemporaryDirectory dir;
  const auto out = (dir / "demo.h5").string();
  ASSERT_EQ(
      run_reformsim(run_arguments("configs/demo_market.ini", out, {"--replications=2", "--seed=9"}))
          .exit_status,
      0);
  const auto seeds = testing::read_hdf5_doubles(out, "seed");
  ASSERT_EQ(seeds.size(), 2u);
  EXPECT_NE(seeds[0], seeds[1]);
  const auto described = run_reformsim({"describe", out});
  EXPECT_NE(described.out.find("--market.initial_firms=500"), std::string::npos);
}

TEST(RunCommand, ProgressGoesToStderrAsPlainLinesWhenNotATerminal) {
  TemporaryDirectory dir;
  auto arguments = run_arguments("configs/demo_market.ini", (dir / "p.h5").string());
  arguments.erase(std::find(arguments.begin(), arguments.end(), "--quiet"));
  const auto result = run_reformsim(arguments);
  ASSERT_EQ(result.exit_status, 0);
  EXPECT_NE(result.err.find("run demo_market: 100% ("), std::string::npos) << result.err;
  EXPECT_EQ(result.err.find('\r'), std::string::npos);
  const auto quiet =
      run_reformsim(run_arguments("configs/demo_market.ini", (dir / "q.h5").string()));
  EXPECT_EQ(quiet.err, "");
  EXPECT_EQ(quiet.out, "");
}

TEST(RunCommand, HelpAndVersionExitZero) {
  for (const std::vector<std::string>& arguments : {std::vector<std::string>{"--help"},
                                                    {"--version"},
                                                    {"run", "--help"},
                                                    {"describe", "--help"},
                                                    {"parameters", "--help"},
                                                    {"compare", "--help"},
                                                    {"decompose", "--help"},
                                                    {"sweep", "--help"},
                                                    {"merge", "--help"},
                                                    {"sensitivity", "--help"},
                                                    {"calibrate", "--help"}}) {
    const auto result = run_reformsim(arguments);
    EXPECT_EQ(result.exit_status, 0) << arguments.back();
    EXPECT_FALSE(result.out.empty());
  }
  EXPECT_NE(run_reformsim({"--version"}).out.find("reformsim 0."), std::string::npos);
}

TEST(ParametersCommand, PrintsTheDictionaryWithEngineAndModelParameters) {
  const auto result = run_reformsim({"parameters", "--model", "demo_market"});
  ASSERT_EQ(result.exit_status, 0);
  EXPECT_NE(result.out.find("| `run.seed` |"), std::string::npos);
  EXPECT_NE(result.out.find("| `market.approval_days_after` | real | 8 |"), std::string::npos);
  EXPECT_EQ(run_reformsim({"parameters", "--model", "nothing"}).exit_status, 2);
}

struct BadInput {
  std::string name;
  std::string config_text;                 // written to bad.ini; empty = use the demo config
  std::vector<std::string> extra;          // extra arguments
  std::vector<std::string> expected_text;  // all must appear in stderr
};

void PrintTo(const BadInput& bad, std::ostream* stream) {
  *stream << bad.name;
}

class RunRefusesBadInput : public ::testing::TestWithParam<BadInput> {};

TEST_P(RunRefusesBadInput, WithExitTwoAMessageAndNothingWritten) {
  const BadInput& bad = GetParam();
  TemporaryDirectory dir;
  std::string config = "configs/demo_market.ini";
  if (!bad.config_text.empty()) {
    config = (dir / "bad.ini").string();
    if (bad.config_text != "<missing file>")
      write_text(config, bad.config_text == "<empty file>" ? "" : bad.config_text);
  }
  std::vector<std::string> arguments{"run", "--config", config, "--quiet"};
  bool has_out = false;
  for (const auto& argument : bad.extra)
    has_out = has_out || argument == "--out";
  if (!has_out) arguments.insert(arguments.end(), {"--out", (dir / "out.h5").string()});
  for (auto argument : bad.extra) {
    const auto at = argument.find("$DIR");
    if (at != std::string::npos) argument.replace(at, 4, dir.path().string());
    arguments.push_back(argument);
  }
  const auto before = dir.entries();
  const auto result = run_reformsim(arguments);
  EXPECT_EQ(result.exit_status, 2) << result.err;
  for (auto expected : bad.expected_text) {
    const auto at = expected.find("$DIR");
    if (at != std::string::npos) expected.replace(at, 4, dir.path().string());
    EXPECT_NE(result.err.find(expected), std::string::npos) << "missing '" << expected << "' in\n"
                                                            << result.err;
  }
  EXPECT_EQ(dir.entries(), before) << "something was written";
}

const char* demo_head = "model.name = demo_market\n";

INSTANTIATE_TEST_SUITE_P(
    Table, RunRefusesBadInput,
    ::testing::Values(
        BadInput{"unknown_key_in_file",
                 std::string(demo_head) + "[market]\nfirmz = 3\n",
                 {},
                 {"bad.ini", "market.firmz", "'3'", "unknown key"}},
        BadInput{"wrong_type_in_file",
                 std::string(demo_head) + "[market]\ninitial_firms = many\n",
                 {},
                 {"bad.ini", "market.initial_firms", "'many'", "not an integer", "[0, 100000000]"}},
        BadInput{"out_of_range_in_file",
                 std::string(demo_head) + "[calendar]\ndays_per_year = 999\n",
                 {},
                 {"bad.ini", "calendar.days_per_year", "'999'", "[20, 366] working days"}},
        BadInput{"out_of_range_on_command_line",
                 "",
                 {"--market.productivity_volatility=7"},
                 {"command line", "market.productivity_volatility", "'7'", "[0, 1]"}},
        BadInput{"unknown_key_on_command_line",
                 "",
                 {"--market.nothing=1"},
                 {"command line", "market.nothing", "'1'", "unknown key"}},
        BadInput{
            "wrong_type_on_command_line",
            "",
            {"--market.initial_firms=abc"},
            {"command line", "market.initial_firms", "'abc'", "not an integer", "[0, 100000000]"}},
        BadInput{"contradictory_settings",
                 "",
                 {"--market.exit_log_productivity=0.5"},
                 {"market.exit_log_productivity", "'0.5'", "must be below 0"}},
        BadInput{"unknown_model",
                 "model.name = fantasy\n",
                 {},
                 {"bad.ini", "model.name", "'fantasy'", "unknown model", "demo_market"}},
        BadInput{"missing_model", "[run]\nseed = 1\n", {}, {"bad.ini", "model.name", "missing"}},
        BadInput{"empty_file", "<empty file>", {}, {"bad.ini", "model.name", "missing"}},
        BadInput{"malformed_file",
                 "model.name = demo_market\n[market\n",
                 {},
                 {"bad.ini", "malformed config file"}},
        BadInput{"unreadable_config", "<missing file>", {}, {"bad.ini", "cannot be read"}},
        BadInput{"missing_output_directory",
                 "",
                 {"--out", "$DIR/no/such/dir/x.h5"},
                 {"--out", "no/such/dir/x.h5", "'$DIR/no/such/dir' does not exist"}},
        BadInput{"bad_seed", "", {"--seed=-4"}, {"run.seed", "'-4'", "out of range"}},
        BadInput{"zero_replications", "", {"--replications=0"}, {"run.replications", "'0'"}},
        BadInput{"negative_threads", "", {"--threads", "-3"}, {"--threads", "'-3'"}},
        BadInput{"unknown_option", "", {"--frobnicate"}, {"--frobnicate", "unknown option"}}),
    [](const auto& param_info) { return param_info.param.name; });

TEST(RunCommand, RefusesAnExistingOutputWithoutOverwriteAndLeavesItUntouched) {
  TemporaryDirectory dir;
  const auto out = (dir / "kept.h5").string();
  write_text(out, "an earlier result");
  const auto result = run_reformsim(run_arguments("configs/demo_market.ini", out));
  EXPECT_EQ(result.exit_status, 2);
  EXPECT_NE(result.err.find("exists already"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("--overwrite"), std::string::npos);
  EXPECT_EQ(read_text(out), "an earlier result");
  EXPECT_EQ(dir.entries(), std::vector<std::string>{"kept.h5"});
  ASSERT_EQ(
      run_reformsim(run_arguments("configs/demo_market.ini", out, {"--overwrite"})).exit_status, 0);
  EXPECT_TRUE(is_complete_output(out));
}

TEST(DescribeCommand, RefusesFilesThatAreNotHdf5) {
  TemporaryDirectory dir;
  write_text(dir / "text.h5", "not hdf5");
  const auto result = run_reformsim({"describe", (dir / "text.h5").string()});
  EXPECT_EQ(result.exit_status, 2);
  EXPECT_NE(result.err.find("not an HDF5 file"), std::string::npos) << result.err;
  EXPECT_EQ(run_reformsim({"describe", (dir / "none.h5").string()}).exit_status, 2);
}

}  // namespace
}  // namespace reformsim
