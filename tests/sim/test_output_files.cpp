// Output files: xarray opens them with named dimensions; a killed writer never leaves a file
// that reads as complete; temporary files of dead writers are cleaned up, live ones kept.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <iostream>
#include <string>

#include "sim/config/config_error.h"
#include "sim/output/file_description.h"
#include "sim/output/output_target.h"
#include "sim/random/random_stream.h"
#include "tests/reliability/kill_schedule.h"
#include "tests/support/test_support.h"

namespace reformsim {
namespace {

using testing::TemporaryDirectory;

TEST(OutputFile, OpensInXarrayWithNamedDimensionsAndNoPhonyOnes) {
  TemporaryDirectory dir;
  const auto out = (dir / "x.h5").string();
  ASSERT_EQ(testing::run_reformsim({"run", "--config", "configs/demo_market.ini", "--out", out,
                                    "--quiet", "--market.initial_firms=300",
                                    "--calendar.burn_in_days=0", "--replications=2"})
                .exit_status,
            0);
  const std::string script =
      "import xarray\n"
      "ds = xarray.open_dataset('" +
      out +
      "')\n"
      "print(sorted(ds.sizes.items()))\n"
      "print(ds['firms'].dims, ds['firms'].attrs['units'], ds['firms'].attrs['long_name'])\n"
      "print(ds['firms_by_sector'].dims)\n"
      "print(sorted(ds.coords))\n"
      "print(ds.attrs['complete'], ds.attrs['model'])\n"
      "print('phony' in repr(ds))\n"
      "ds.close()\n";
  const auto result = testing::run_program("/usr/bin/python3", {"-c", script});
  ASSERT_EQ(result.exit_status, 0) << result.err;
  for (const char* expected : {"('replication', 2)", "('sector', 4)", "('step', 500)",
                               "('replication', 'step') firms firms in the market",
                               "('replication', 'step', 'sector')", "'burn_in'", "'day_of_year'",
                               "'sector_label'", "'seed'", "'year'", "1 demo_market", "False"})
    EXPECT_NE(result.out.find(expected), std::string::npos) << expected << " in\n" << result.out;
}

// Starts a run of about a second in the background.
pid_t start_long_run(const std::filesystem::path& out) {
  const pid_t child = fork();
  if (child != 0) return child;
  const int nothing = open("/dev/null", O_WRONLY);
  dup2(nothing, 1);
  dup2(nothing, 2);
  if (chdir(REFORMSIM_SOURCE_DIR) != 0) _exit(127);
  execl(REFORMSIM_BINARY_PATH, "reformsim", "run", "--config", "configs/demo_market.ini", "--out",
        out.c_str(), "--quiet", "--overwrite", "--replications=2", "--market.initial_firms=20000",
        "--calendar.burn_in_days=0", "--threads=1", static_cast<char*>(nullptr));
  _exit(127);
}

TEST(OutputFile, AWriterKilledAtAnyMomentNeverLeavesAFileThatReadsAsComplete) {
  TemporaryDirectory dir;
  const auto out = dir / "killed.h5", reference = dir / "reference.h5";
  int status = 0;
  const pid_t first = start_long_run(reference);
  ASSERT_GE(first, 0);
  const auto timeline = reliability::watch_writes(first, reference, status);
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  ASSERT_EQ(timeline.writes, 1) << "the run's temporary file was never seen";
  const auto expected = testing::read_all_datasets(reference);
  // 24 seeded moments: every other one inside the write (timed from the temporary file's
  // appearance), the others over 1.2 runs (kill_schedule.h).
  RandomStream moments(20181226, {});
  int landed = 0;
  for (int attempt = 0; attempt < 24; ++attempt) {
    std::filesystem::remove(out);
    const auto moment = reliability::draw_kill_moment(moments, attempt, timeline);
    const pid_t child = start_long_run(out);
    ASSERT_GE(child, 0);
    if (reliability::kill_at(child, out, moment, timeline)) ++landed;
    for (const auto& name : dir.entries()) {
      const auto path = dir / name;
      if (path == reference) continue;
      if (name == "killed.h5") {
        EXPECT_TRUE(is_complete_output(path)) << moment.describe();
      } else if (is_complete_output(path)) {
        // Killed between the final flush of `complete` and link(): a whole, correct file under
        // the temporary name, which the next writer removes.
        EXPECT_TRUE(is_partial_output_name(path)) << name;
        EXPECT_TRUE(testing::read_all_datasets(path) == expected)
            << moment.describe() << ": the complete-looking " << name << " is not the result";
      }
    }
  }
  std::cout << "[ kills    ] run: " << landed << " of 24 kills landed during the write ("
            << timeline.write_seconds * 1000 << " ms of a " << timeline.run_seconds * 1000
            << " ms run)\n";
  EXPECT_GE(landed, 8) << "too few kills found the temporary file";
}

TEST(DescribeFile, ListsTheParametersGroupAsNameEqualsValue) {
  TemporaryDirectory dir;
  const auto out = (dir / "p.h5").string();
  ASSERT_EQ(testing::run_reformsim({"run", "--config", "configs/demo_market.ini", "--out", out,
                                    "--quiet", "--market.initial_firms=300",
                                    "--market.productivity_volatility=0.0123456789",
                                    "--calendar.burn_in_days=0", "--replications=1"})
                .exit_status,
            0);
  const auto described = testing::run_reformsim({"describe", out});
  EXPECT_EQ(described.exit_status, 0) << described.err;
  // Values as stored: integers whole, reals to the last digit that reads back the same.
  for (const char* expected :
       {"parameters (name = value):", "  market.initial_firms = 300\n",
        "  market.productivity_volatility = 0.0123456789\n", "  calendar.burn_in_days = 0\n"})
    EXPECT_NE(described.out.find(expected), std::string::npos) << expected << " in\n"
                                                               << described.out;
}

// h5py does not index creation order: listing by it failed and describe listed nothing.
TEST(DescribeFile, ListsAFileWithoutACreationOrderIndexByName) {
  TemporaryDirectory dir;
  const auto file = (dir / "h5py.h5").string();
  const auto made = testing::run_program(
      "/usr/bin/python3",
      {"-c", "import h5py\nf = h5py.File('" + file +
                 "', 'w')\nf['zeta'] = [1.0, 2.0]\nf['alpha'] = [[1, 2], [3, 4]]\n"
                 "g = f.create_group('parameters')\ng.attrs['run.seed'] = 7\n"
                 "g.attrs['market.rate'] = 0.25\nf.attrs['complete'] = 1\nf.close()\n"});
  ASSERT_EQ(made.exit_status, 0) << made.err;
  const auto described = testing::run_reformsim({"describe", file});
  EXPECT_EQ(described.exit_status, 0) << described.err;
  for (const char* expected : {"complete: yes", "  alpha(?, ?) [2 x 2]", "  zeta(?) [2]",
                               "group parameters/", "  market.rate = 0.25\n", "  run.seed = 7\n"})
    EXPECT_NE(described.out.find(expected), std::string::npos) << expected << " in\n"
                                                               << described.out;
  EXPECT_LT(described.out.find("alpha"), described.out.find("zeta")) << "not listed by name";
}

TEST(DescribeFile, SaysADirectoryIsADirectory) {
  TemporaryDirectory dir;
  const auto described = testing::run_reformsim({"describe", dir.path().string()});
  EXPECT_EQ(described.exit_status, 2);
  EXPECT_NE(described.err.find(dir.path().string() + ": is a directory"), std::string::npos)
      << described.err;
  EXPECT_EQ(described.err.find("no such file"), std::string::npos) << described.err;
}

// Names the system refuses are refused as the option's value, before any run: a file or a
// directory name over NAME_MAX, and a file name whose temporary name (".NAME.partial-PID") would
// be; a missing directory is still "does not exist".
TEST(OutputTarget, RefusesNamesTooLongForTheSystemNamingTheOption) {
  TemporaryDirectory dir;
  const auto refusal = [](const std::filesystem::path& path) -> std::string {
    try {
      OutputTarget target(path, false, "--out", "command line");
    } catch (const ConfigError& error) {
      return error.what();
    }
    return "accepted";
  };
  const std::string too_long(300, 'a'), nearly(250, 'b');
  const std::string file = refusal(dir / (too_long + ".h5"));
  EXPECT_NE(file.find("--out"), std::string::npos) << file;
  EXPECT_NE(file.find("cannot be used"), std::string::npos) << file;
  const std::string directory = refusal(dir / too_long / "x.h5");
  EXPECT_NE(directory.find("output directory"), std::string::npos) << directory;
  EXPECT_NE(directory.find("cannot be used"), std::string::npos) << directory;
  const std::string temporary = refusal(dir / (nearly + ".h5"));
  EXPECT_NE(temporary.find("file name too long"), std::string::npos) << temporary;
  EXPECT_NE(temporary.find(".partial-"), std::string::npos) << temporary;
  const std::string missing = refusal(dir / "absent" / "x.h5");
  EXPECT_NE(missing.find("does not exist"), std::string::npos) << missing;
  EXPECT_EQ(refusal(dir / (std::string(200, 'c') + ".h5")), "accepted");
  EXPECT_TRUE(std::filesystem::is_empty(dir.path()));  // nothing left behind
}

TEST(OutputTarget, RemovesTemporaryFilesOfDeadWritersButNotOfLiveOnes) {
  TemporaryDirectory dir;
  const auto final_path = dir / "r.h5";
  // A process id that cannot be alive: beyond the kernel's pid_max (at most 2^22).
  testing::write_text(dir / ".r.h5.partial-99999999", "dead");
  testing::write_text(dir / (".r.h5.partial-" + std::to_string(getpid())), "live");
  testing::write_text(dir / ".other.h5.partial-99999999", "another file's");
  EXPECT_EQ(remove_stale_partials(final_path), 1u);
  EXPECT_EQ(dir.entries(), (std::vector<std::string>{".other.h5.partial-99999999",
                                                     ".r.h5.partial-" + std::to_string(getpid())}));
}

TEST(OutputTarget, CommitMovesTheFileAndAnUncommittedTargetLeavesNothing) {
  TemporaryDirectory dir;
  {
    OutputTarget target(dir / "a.h5", false);
    testing::write_text(target.temporary_path(), "content");
    EXPECT_TRUE(is_partial_output_name(target.temporary_path()));
  }
  EXPECT_TRUE(dir.entries().empty());
  OutputTarget target(dir / "a.h5", false);
  testing::write_text(target.temporary_path(), "content");
  target.commit();
  EXPECT_EQ(dir.entries(), std::vector<std::string>{"a.h5"});
}

TEST(OutputTarget, CommitNeverReplacesAFileAnotherWriterCreatedMeanwhile) {
  TemporaryDirectory dir;
  OutputTarget target(dir / "a.h5", false);
  testing::write_text(target.temporary_path(), "mine");
  testing::write_text(dir / "a.h5", "theirs");
  EXPECT_THROW(target.commit(), std::runtime_error);
  EXPECT_EQ(testing::read_text(dir / "a.h5"), "theirs");
}

}  // namespace
}  // namespace reformsim
