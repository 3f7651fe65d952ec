// Two processes writing the same output path at the same time: without --overwrite exactly one
// succeeds and the other is refused (at the start, exit 2, or at the commit, exit 1) naming the
// file; with --overwrite both succeed and the last commit wins whole. Either way the file at
// the final name is entirely one writer's result (its datasets equal that writer's
// uninterrupted run byte for byte), never an interleaving, and no temporary file is left.
// calibrate rewrites its file in place after every generation (rename), so link() cannot catch
// a second writer there: it holds a lock beside --out for the whole command, and a second
// calibrate (or a --resume of the same file) is refused at the start.
#include <gtest/gtest.h>
#include <unistd.h>

#include <thread>

#include "sim/output/file_description.h"
#include "sim/output/output_lock.h"
#include "tests/reliability/bounded_process.h"
#include "tests/support/test_support.h"

namespace reformsim::reliability {
namespace {

using testing::TemporaryDirectory;

std::vector<std::string> run_with_seed(const std::filesystem::path& out, const std::string& seed,
                                       bool overwrite) {
  std::vector<std::string> arguments{"run",
                                     "--config",
                                     "configs/demo_market.ini",
                                     "--out",
                                     out.string(),
                                     "--quiet",
                                     "--threads=1",
                                     "--seed=" + seed,
                                     "--calendar.burn_in_days=0",
                                     "--market.initial_firms=3000",
                                     "--replications=2"};
  if (overwrite) arguments.push_back("--overwrite");
  return arguments;
}

// The references: what each writer produces alone.
struct References {
  TemporaryDirectory dir;
  std::vector<std::pair<std::string, std::vector<char>>> first, second;
  References() {
    for (auto [seed, datasets] : {std::pair{"11", &first}, std::pair{"22", &second}}) {
      const auto path = dir / (std::string(seed) + ".h5");
      const auto result = run_reformsim_bounded(run_with_seed(path, seed, false));
      if (result.exit_status != 0) throw std::runtime_error("reference run failed: " + result.err);
      *datasets = testing::read_all_datasets(path);
    }
  }
};

// Starts both writers together (each from its own thread) and returns what each said.
std::pair<BoundedResult, BoundedResult> race(const std::filesystem::path& out, bool overwrite) {
  BoundedResult first, second;
  std::thread other([&] { second = run_reformsim_bounded(run_with_seed(out, "22", overwrite)); });
  first = run_reformsim_bounded(run_with_seed(out, "11", overwrite));
  other.join();
  return {first, second};
}

void expect_one_whole_result(const TemporaryDirectory& dir, const References& references,
                             const std::string& context) {
  const auto out = dir / "shared.h5";
  ASSERT_TRUE(is_complete_output(out)) << context;
  const auto datasets = testing::read_all_datasets(out);
  EXPECT_TRUE(datasets == references.first || datasets == references.second)
      << context << ": the file is neither writer's result whole";
  EXPECT_EQ(dir.entries(), std::vector<std::string>{"shared.h5"})
      << context << ": a temporary file was left behind";
}

TEST(ConcurrentWriters, WithoutOverwriteExactlyOneWinsAndTheOtherIsRefusedNamingTheFile) {
  const References references;
  for (int round = 0; round < 4; ++round) {
    TemporaryDirectory dir;
    const auto out = dir / "shared.h5";
    const auto [first, second] = race(out, false);
    const std::string context = "round " + std::to_string(round) + ": " + first.how() + ", " +
                                second.how() + "\n" + first.err + second.err;
    ASSERT_TRUE((first.exit_status == 0) != (second.exit_status == 0))
        << context << ": exactly one must succeed";
    const BoundedResult& loser = first.exit_status == 0 ? second : first;
    // Refused at the start (the winner had committed already: exit 2) or, when both passed the
    // start-up check, at the commit, where link() will not replace the winner's file (exit 1).
    const bool at_start = loser.err.find("exists already") != std::string::npos;
    const bool at_commit =
        loser.err.find("written by another process meanwhile") != std::string::npos;
    EXPECT_TRUE(at_start || at_commit) << context;
    EXPECT_EQ(loser.exit_status, at_start ? 2 : 1) << context;
    EXPECT_NE(loser.err.find(out.string()), std::string::npos) << context;
    expect_one_whole_result(dir, references, context);
  }
}

TEST(ConcurrentWriters, WithOverwriteBothSucceedAndTheFileIsOneWholeResult) {
  const References references;
  for (int round = 0; round < 4; ++round) {
    TemporaryDirectory dir;
    const auto [first, second] = race(dir / "shared.h5", true);
    const std::string context = "round " + std::to_string(round);
    EXPECT_EQ(first.exit_status, 0) << context << "\n" << first.err;
    EXPECT_EQ(second.exit_status, 0) << context << "\n" << second.err;
    expect_one_whole_result(dir, references, context);
  }
}

std::vector<std::string> calibrate_with_seed(const std::filesystem::path& out,
                                             const std::string& seed) {
  return {"calibrate",
          "--config",
          "configs/calibration/demo_market_abc.ini",
          "--method",
          "abc-smc",
          "--out",
          out.string(),
          "--seed=" + seed,
          "--quiet",
          "--threads=1",
          "--market.initial_firms=300",
          "--calendar.burn_in_days=0",
          "--calibration.population=6",
          "--calibration.max_generations=2"};
}

// Beside calibrate's file there may be its calibrated config (<stem>_calibrated.ini), never a
// lock file or a temporary file once it has ended.
void expect_no_lock_or_temporary_file(const TemporaryDirectory& dir, const std::string& context) {
  for (const auto& name : dir.entries())
    EXPECT_TRUE(name.empty() || name[0] != '.') << context << ": " << name << " was left behind";
}

TEST(ConcurrentWriters, ASecondCalibrateToTheSameFileIsRefusedWhileTheFirstWorks) {
  TemporaryDirectory dir;
  const auto out = dir / "calibration.h5";
  // The lock a running calibrate holds, taken here: deterministic, unlike a race.
  {
    const OutputLock held(out);
    const auto refused = run_reformsim_bounded(calibrate_with_seed(out, "11"));
    EXPECT_EQ(refused.exit_status, 2) << refused.how() << "\n" << refused.err;
    EXPECT_NE(refused.err.find(out.string()), std::string::npos) << refused.err;
    EXPECT_NE(refused.err.find("being written by another reformsim process (pid " +
                               std::to_string(getpid()) + ")"),
              std::string::npos)
        << refused.err;
    EXPECT_FALSE(std::filesystem::exists(out));
  }
  // A lock file left unlocked by a killed holder does not stop the next writer.
  testing::write_text(output_lock_path(out), "99999999\n");
  const auto after = run_reformsim_bounded(calibrate_with_seed(out, "11"));
  EXPECT_EQ(after.exit_status, 0) << after.err;
  EXPECT_TRUE(is_complete_output(out));
  expect_no_lock_or_temporary_file(dir, "after a stale lock file");
}

TEST(ConcurrentWriters, TwoCalibratesRacingWithoutOverwriteLeaveOneWholeResult) {
  TemporaryDirectory references;
  std::vector<std::vector<std::pair<std::string, std::vector<char>>>> alone;
  for (const char* seed : {"11", "22"}) {
    const auto path = references / (std::string(seed) + ".h5");
    const auto result = run_reformsim_bounded(calibrate_with_seed(path, seed));
    ASSERT_EQ(result.exit_status, 0) << result.err;
    alone.push_back(testing::read_all_datasets(path));
  }
  for (int round = 0; round < 2; ++round) {
    TemporaryDirectory dir;
    const auto out = dir / "shared.h5";
    BoundedResult first, second;
    std::thread other([&] { second = run_reformsim_bounded(calibrate_with_seed(out, "22")); });
    first = run_reformsim_bounded(calibrate_with_seed(out, "11"));
    other.join();
    const std::string context = "round " + std::to_string(round) + ": " + first.how() + ", " +
                                second.how() + "\n" + first.err + second.err;
    // Before the lock both exited 0 and the last rename won silently.
    ASSERT_TRUE((first.exit_status == 0) != (second.exit_status == 0))
        << context << ": exactly one must succeed";
    const BoundedResult& loser = first.exit_status == 0 ? second : first;
    EXPECT_EQ(loser.exit_status, 2) << context;
    EXPECT_TRUE(loser.err.find("being written by another reformsim process") != std::string::npos ||
                loser.err.find("exists already") != std::string::npos)
        << context;
    ASSERT_TRUE(is_complete_output(out)) << context;
    const auto datasets = testing::read_all_datasets(out);
    EXPECT_TRUE(datasets == alone[first.exit_status == 0 ? 0 : 1])
        << context << ": the file is not the winner's result whole";
    expect_no_lock_or_temporary_file(dir, context);
  }
}

}  // namespace
}  // namespace reformsim::reliability
