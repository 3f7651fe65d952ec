// SIGKILL at seeded random moments during run, compare, decompose and calibrate. After every
// kill the output directory holds no file that reads as complete but differs from an
// uninterrupted run (a complete-looking file is compared dataset by dataset, byte for byte);
// a rerun (calibrate: --resume) completes, leaves no temporary file behind and gives datasets
// bit-identical to the uninterrupted run.
#include <gtest/gtest.h>
#include <signal.h>

#include <chrono>
#include <thread>

#include "sim/output/file_description.h"
#include "sim/output/output_target.h"
#include "sim/random/random_stream.h"
#include "tests/reliability/bounded_process.h"
#include "tests/support/test_support.h"

namespace reformsim::reliability {
namespace {

using testing::TemporaryDirectory;

// A workload of a second or so on two cores: large enough that kills land in the simulation
// and in the writing, small enough for 20 kills and reruns per command.
const std::vector<std::string> small_market{"--quiet", "--threads=2", "--market.initial_firms=2000",
                                            "--calendar.burn_in_days=0", "--replications=2"};

struct KilledCommand {
  std::string name;
  std::vector<std::string> arguments;  // without --out
  bool resumable = false;              // calibrate: a checkpoint may sit under the final name
  int kills = 20;
  std::uint64_t seed = 0;  // of the kill moments
};

void expect_same_datasets(const std::filesystem::path& file, const std::filesystem::path& reference,
                          const std::string& context) {
  const auto got = testing::read_all_datasets(file);
  const auto expected = testing::read_all_datasets(reference);
  ASSERT_EQ(got.size(), expected.size()) << context;
  for (std::size_t i = 0; i < got.size(); ++i) {
    EXPECT_EQ(got[i].first, expected[i].first) << context;
    EXPECT_TRUE(got[i].second == expected[i].second)
        << context << ": dataset " << got[i].first << " differs from the uninterrupted run";
  }
}

std::vector<std::string> with_out(std::vector<std::string> arguments,
                                  const std::filesystem::path& out,
                                  std::initializer_list<const char*> more = {}) {
  arguments.push_back("--out");
  arguments.push_back(out.string());
  for (const char* argument : more)
    arguments.push_back(argument);
  return arguments;
}

// After a kill: a complete-looking file is only ever the final name and equal to the reference;
// anything else is an incomplete file (a temporary one, or calibrate's checkpoint).
void inspect_after_kill(const TemporaryDirectory& dir, const KilledCommand& command,
                        const std::filesystem::path& reference, const std::string& context) {
  for (const auto& name : dir.entries()) {
    const auto path = dir / name;
    if (path == reference) continue;
    if (is_complete_output(path)) {
      EXPECT_EQ(name, "out.h5") << context;
      expect_same_datasets(path, reference, context + ", complete-looking " + name);
    } else if (name == "out.h5") {
      EXPECT_TRUE(command.resumable) << context << ": an incomplete file under the final name";
    } else {
      EXPECT_TRUE(is_partial_output_name(path)) << context << ": unexpected " << name;
    }
  }
}

void rerun_and_compare(const TemporaryDirectory& dir, const KilledCommand& command,
                       const std::filesystem::path& reference, const std::string& context) {
  const auto out = dir / "out.h5";
  std::vector<std::string> rerun = with_out(command.arguments, out, {"--overwrite"});
  if (command.resumable && std::filesystem::exists(out))
    rerun = with_out(command.arguments, out, {"--resume"});
  const auto result = run_reformsim_bounded(rerun, {std::chrono::milliseconds(300000)});
  ASSERT_EQ(result.exit_status, 0) << context << ": rerun " << result.how() << "\n" << result.err;
  ASSERT_TRUE(is_complete_output(out)) << context;
  expect_same_datasets(out, reference, context + ", rerun");
  EXPECT_EQ(dir.entries(), (std::vector<std::string>{"out.h5", "reference.h5"}))
      << context << ": the rerun left a temporary file behind";
}

void kill_at_random_moments(const KilledCommand& command) {
  TemporaryDirectory dir;
  const auto reference = dir / "reference.h5", out = dir / "out.h5";
  const auto uninterrupted = run_reformsim_bounded(with_out(command.arguments, reference),
                                                   {std::chrono::milliseconds(300000)});
  ASSERT_EQ(uninterrupted.exit_status, 0) << uninterrupted.err;
  // Moments spread over 1.2 times an uninterrupted run: start-up, simulation, writing, and
  // (for the last sixth) after the commit.
  const auto span_ms = static_cast<std::uint64_t>(uninterrupted.seconds * 1200) + 1;
  RandomStream moments(command.seed, {});
  for (int kill_number = 0; kill_number < command.kills; ++kill_number) {
    std::filesystem::remove(out);
    const auto delay = std::chrono::milliseconds(moments.uniform_index(span_ms));
    const std::string context = command.name + " killed after " + std::to_string(delay.count()) +
                                " ms (kill " + std::to_string(kill_number) + ")";
    const pid_t child = start_reformsim(with_out(command.arguments, out));
    std::this_thread::sleep_for(delay);
    kill(child, SIGKILL);
    wait_for(child);
    inspect_after_kill(dir, command, reference, context);
    rerun_and_compare(dir, command, reference, context);
    if (::testing::Test::HasFatalFailure()) return;
  }
}

std::vector<std::string> concat(std::vector<std::string> head,
                                const std::vector<std::string>& tail) {
  head.insert(head.end(), tail.begin(), tail.end());
  return head;
}

TEST(KilledCommands, RunLeavesNothingThatReadsCompleteAndARerunIsBitIdentical) {
  kill_at_random_moments({"run",
                          concat({"run", "--config", "configs/demo_market.ini"}, small_market),
                          false, 20, 101});
}

TEST(KilledCommands, CompareLeavesNothingThatReadsCompleteAndARerunIsBitIdentical) {
  TemporaryDirectory configs;
  testing::write_text(configs / "no_licensing.ini",
                      "include = " + (testing::source_dir() / "configs/demo_market.ini").string() +
                          "\n[reform]\nfaster_licensing = false\n");
  kill_at_random_moments({"compare",
                          concat({"compare", "--config", "configs/demo_market.ini", "--config",
                                  (configs / "no_licensing.ini").string()},
                                 small_market),
                          false, 20, 202});
}

TEST(KilledCommands, DecomposeLeavesNothingThatReadsCompleteAndARerunIsBitIdentical) {
  kill_at_random_moments({"decompose",
                          concat({"decompose", "--config", "configs/demo_market.ini", "--measures",
                                  "faster_licensing,entry_subsidy"},
                                 small_market),
                          false, 20, 303});
}

TEST(KilledCommands, CalibrateLeavesNothingThatReadsCompleteAndResumeIsBitIdentical) {
  kill_at_random_moments(
      {"calibrate",
       {"calibrate", "--config", "configs/calibration/demo_market_abc.ini", "--method", "abc-smc",
        "--quiet", "--threads=2", "--market.initial_firms=400", "--calendar.burn_in_days=0",
        "--calibration.population=8", "--calibration.max_generations=3"},
       true,
       12,
       404});
}

// A sweep writes a directory of chunk files and resumes by skipping the complete ones: after a
// kill, every complete-looking file equals its counterpart of the uninterrupted sweep, and the
// resumed sweep, merged, equals the uninterrupted sweep merged.
std::filesystem::path merged(const std::filesystem::path& directory, const std::string& name) {
  const auto out = directory.parent_path() / name;
  const auto result = run_reformsim_bounded(
      {"merge", directory.string(), "--out", out.string(), "--overwrite"}, {});
  EXPECT_EQ(result.exit_status, 0) << result.err;
  return out;
}

TEST(KilledCommands, SweepLeavesNothingThatReadsCompleteAndAResumedSweepMergesBitIdentical) {
  TemporaryDirectory dir;
  const std::vector<std::string> sweep{"sweep",
                                       "--config",
                                       "configs/demo_market.ini",
                                       "--design",
                                       "lhs",
                                       "--param",
                                       "market.entry_value_days=5:60",
                                       "--samples",
                                       "6",
                                       "--chunk-points",
                                       "1",
                                       "--quiet",
                                       "--threads=2",
                                       "--market.initial_firms=1000",
                                       "--calendar.burn_in_days=0",
                                       "--replications=1"};
  const auto reference_directory = dir / "reference", out = dir / "out";
  const auto uninterrupted = run_reformsim_bounded(with_out(sweep, reference_directory), {});
  ASSERT_EQ(uninterrupted.exit_status, 0) << uninterrupted.err;
  const auto reference = merged(reference_directory, "reference.h5");
  const auto span_ms = static_cast<std::uint64_t>(uninterrupted.seconds * 1200) + 1;
  RandomStream moments(505, {});
  for (int kill_number = 0; kill_number < 20; ++kill_number) {
    std::filesystem::remove_all(out);
    const auto delay = std::chrono::milliseconds(moments.uniform_index(span_ms));
    const std::string context = "sweep killed after " + std::to_string(delay.count()) + " ms";
    const pid_t child = start_reformsim(with_out(sweep, out));
    std::this_thread::sleep_for(delay);
    kill(child, SIGKILL);
    wait_for(child);
    if (std::filesystem::exists(out))
      for (const auto& entry : std::filesystem::recursive_directory_iterator(out)) {
        if (!entry.is_regular_file() || !is_complete_output(entry.path())) continue;
        const auto counterpart = reference_directory / std::filesystem::relative(entry.path(), out);
        ASSERT_TRUE(std::filesystem::exists(counterpart)) << context << ": " << entry.path();
        expect_same_datasets(entry.path(), counterpart, context);
      }
    const auto resumed = run_reformsim_bounded(with_out(sweep, out), {});
    ASSERT_EQ(resumed.exit_status, 0) << context << ": " << resumed.how() << "\n" << resumed.err;
    expect_same_datasets(merged(out, "out.h5"), reference, context + ", resumed and merged");
    for (const auto& entry : std::filesystem::recursive_directory_iterator(out))
      EXPECT_FALSE(is_partial_output_name(entry.path())) << context << ": " << entry.path();
    if (::testing::Test::HasFatalFailure()) return;
  }
}

}  // namespace
}  // namespace reformsim::reliability
