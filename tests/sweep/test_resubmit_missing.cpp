// scripts/slurm/resubmit_missing.sh against a real sweep directory, with a stub `sbatch` first
// on PATH that records its arguments: exit 3 and the sbatch of exactly the missing shards while
// any is missing (a script chaining `merge` must not go on), 0 once every shard is complete.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cstdlib>

#include "tests/sweep/sweep_fixture.h"

namespace reformsim::testing {
namespace {

struct Resubmission {
  CommandResult result;
  std::string sbatch_arguments;  // what the stub recorded, "" when it was not called
};

// Runs the script from dir (it makes logs/ there on --submit) with `sbatch` on PATH replaced by
// a stub that records its arguments and then runs stub_tail.
Resubmission resubmit(const TemporaryDirectory& dir, const std::string& sweep,
                      std::vector<std::string> options, const std::string& stub_tail = "") {
  const auto stubs = dir / "stubs";
  std::filesystem::create_directories(stubs);
  const auto record = dir / "sbatch_arguments";
  std::filesystem::remove(record);
  write_text(stubs / "sbatch", "#!/bin/sh\necho \"$@\" > '" + record.string() + "'\n" + stub_tail);
  chmod((stubs / "sbatch").c_str(), 0755);
  const char* path = std::getenv("PATH");
  std::vector<std::string> arguments{"PATH=" + stubs.string() + ":" + (path ? path : "/usr/bin"),
                                     std::string("REFORMSIM=") + REFORMSIM_BINARY_PATH,
                                     "SWEEP_ARGS=--out " + sweep,
                                     "bash",
                                     "-c",
                                     "cd '" + dir.path().string() + "' && exec bash \"$0\" \"$@\"",
                                     (source_dir() / "scripts/slurm/resubmit_missing.sh").string(),
                                     sweep,
                                     "2"};
  arguments.insert(arguments.end(), options.begin(), options.end());
  Resubmission resubmission{run_program("/usr/bin/env", arguments), ""};
  if (std::filesystem::exists(record)) resubmission.sbatch_arguments = read_text(record);
  return resubmission;
}

TEST(ResubmitMissing, ExitsThreeAndSubmitsOnlyTheMissingShardsUntilTheSweepIsComplete) {
  TemporaryDirectory dir;
  const auto config = small_demo_config(dir);
  const auto sweep = (dir / "sweep").string();
  // Two shards of two chunks; only shard 0 runs, as if shard 1's task had been killed.
  const auto first = run_reformsim(
      sweep_arguments(config, sweep, "lhs", "4", {"--chunk-points", "2", "--shard", "0/2"}));
  ASSERT_EQ(first.exit_status, 0) << first.err;

  const auto listed = resubmit(dir, sweep, {});
  EXPECT_EQ(listed.result.exit_status, 3) << listed.result.out << listed.result.err;
  EXPECT_NE(listed.result.out.find("shards with missing chunks: 1"), std::string::npos)
      << listed.result.out;
  EXPECT_EQ(listed.sbatch_arguments, "") << "sbatch was run without --submit";

  const auto submitted = resubmit(dir, sweep, {"--submit"});
  EXPECT_EQ(submitted.result.exit_status, 3) << submitted.result.out << submitted.result.err;
  EXPECT_NE(submitted.sbatch_arguments.find("--array=1%4"), std::string::npos)
      << submitted.sbatch_arguments;
  EXPECT_NE(submitted.sbatch_arguments.find("SHARDS=2"), std::string::npos)
      << submitted.sbatch_arguments;
  // Options after -- reach sbatch before the template (a node with fewer CPUs than the
  // template's default needs --cpus-per-task again on resubmission, or the array pends forever).
  const auto overridden = resubmit(dir, sweep, {"--submit", "--", "--cpus-per-task=1"});
  EXPECT_EQ(overridden.result.exit_status, 3) << overridden.result.err;
  const auto option = overridden.sbatch_arguments.find("--cpus-per-task=1");
  EXPECT_NE(option, std::string::npos) << overridden.sbatch_arguments;
  EXPECT_LT(option, overridden.sbatch_arguments.find("sweep.sbatch"))
      << overridden.sbatch_arguments;

  const auto second = run_reformsim(
      sweep_arguments(config, sweep, "lhs", "4", {"--chunk-points", "2", "--shard", "1/2"}));
  ASSERT_EQ(second.exit_status, 0) << second.err;
  const auto complete = resubmit(dir, sweep, {"--submit"});
  EXPECT_EQ(complete.result.exit_status, 0) << complete.result.out << complete.result.err;
  EXPECT_NE(complete.result.out.find("every shard complete"), std::string::npos)
      << complete.result.out;
  EXPECT_EQ(complete.sbatch_arguments, "") << "sbatch was run with nothing missing";
}

TEST(ResubmitMissing, AFailingSbatchExitsOneNotThree) {
  TemporaryDirectory dir;
  const auto config = small_demo_config(dir);
  const auto sweep = (dir / "sweep").string();
  ASSERT_EQ(run_reformsim(sweep_arguments(config, sweep, "lhs", "4",
                                          {"--chunk-points", "2", "--shard", "0/2"}))
                .exit_status,
            0);
  const auto failed =
      resubmit(dir, sweep, {"--submit"}, "echo 'sbatch: error: no partition' >&2\nexit 1\n");
  EXPECT_EQ(failed.result.exit_status, 1) << failed.result.out << failed.result.err;
  EXPECT_NE(failed.sbatch_arguments.find("--array=1%4"), std::string::npos);
}

}  // namespace
}  // namespace reformsim::testing
