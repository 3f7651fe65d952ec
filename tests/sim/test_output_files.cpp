// Output files: xarray opens them with named dimensions; a killed writer never leaves a file
// that reads as complete; temporary files of dead writers are cleaned up, live ones kept.
#include <gtest/gtest.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include "sim/output/file_description.h"
#include "sim/output/output_target.h"
#include "sim/random/random_stream.h"
#include "tests/support/test_support.h"

namespace reformsim {
namespace {

using testing::TemporaryDirectory;

TEST(OutputFile, OpensInXarrayWithNamedDimensionsAndNoPhonyOnes) {
  TemporaryDirectory dir;
  const auto out = (dir / "x.h5").string();
  ASSERT_EQ(testing::run_reformsim({"run", "--config", "configs/demo_market.ini", "--out", out,
                                    "--quiet", "--market.initial_firms=300", "--calendar.burn_in_days=0",
                                    "--replications=2"})
                .exit_status,
            0);
  const std::string script =
      "import xarray\n"
      "ds = xarray.open_dataset('" + out + "')\n"
      "print(sorted(ds.sizes.items()))\n"
      "print(ds['firms'].dims, ds['firms'].attrs['units'], ds['firms'].attrs['long_name'])\n"
      "print(ds['firms_by_sector'].dims)\n"
      "print(sorted(ds.coords))\n"
      "print(ds.attrs['complete'], ds.attrs['model'])\n"
      "print('phony' in repr(ds))\n"
      "ds.close()\n";
  const auto result = testing::run_program("/usr/bin/python3", {"-c", script});
  ASSERT_EQ(result.exit_status, 0) << result.err;
  for (const char* expected :
       {"('replication', 2)", "('sector', 4)", "('step', 500)",
        "('replication', 'step') firms firms in the market", "('replication', 'step', 'sector')",
        "'burn_in'", "'day_of_year'", "'sector_label'", "'seed'", "'year'", "1 demo_market",
        "False"})
    EXPECT_NE(result.out.find(expected), std::string::npos) << expected << " in\n" << result.out;
}

// Starts a long run, kills it with SIGKILL after `delay`, and returns the directory listing.
void kill_run_after(const std::filesystem::path& out, std::chrono::milliseconds delay) {
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    const int nothing = open("/dev/null", O_WRONLY);
    dup2(nothing, 1);
    dup2(nothing, 2);
    if (chdir(REFORMSIM_SOURCE_DIR) != 0) _exit(127);
    execl(REFORMSIM_BINARY_PATH, "reformsim", "run", "--config", "configs/demo_market.ini",
          "--out", out.c_str(), "--quiet", "--overwrite", "--replications=2",
          "--market.initial_firms=20000", "--calendar.burn_in_days=0", "--threads=1",
          static_cast<char*>(nullptr));
    _exit(127);
  }
  std::this_thread::sleep_for(delay);
  kill(child, SIGKILL);
  int status = 0;
  waitpid(child, &status, 0);
}

TEST(OutputFile, AWriterKilledAtAnyMomentNeverLeavesAFileThatReadsAsComplete) {
  TemporaryDirectory dir;
  const auto out = dir / "killed.h5";
  // 24 seeded moments spread over a run of about a second, writing phase included.
  RandomStream moments(20181226, {});
  for (int attempt = 0; attempt < 24; ++attempt) {
    std::filesystem::remove(out);
    const auto delay = std::chrono::milliseconds(moments.uniform_index(1500));
    kill_run_after(out, delay);
    for (const auto& name : dir.entries()) {
      const auto path = dir / name;
      if (name == "killed.h5")
        EXPECT_TRUE(is_complete_output(path)) << "after " << delay.count() << " ms";
      else
        EXPECT_FALSE(is_complete_output(path)) << name;
    }
  }
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
