// Resuming: rerunning the same sweep command recomputes only what is missing (a deleted chunk
// file, or what a `kill -9` interrupted), never a complete chunk, and the merged data are
// bit-identical to those of an uninterrupted sweep.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <thread>

#include "sim/output/file_description.h"
#include "tests/support/test_support.h"
#include "tests/sweep/sweep_fixture.h"

namespace reformsim {
namespace {

using testing::run_reformsim;
using testing::TemporaryDirectory;

// Chunk file name -> inode: a rewritten file (temporary name, then rename) gets a new inode.
std::map<std::string, ino_t> complete_chunk_inodes(const std::string& directory) {
  std::map<std::string, ino_t> inodes;
  if (!std::filesystem::is_directory(directory)) return inodes;
  for (const auto& entry : std::filesystem::directory_iterator(directory)) {
    const std::string name = entry.path().filename().string();
    struct stat info {};
    if (name.rfind("chunk-", 0) == 0 && is_complete_output(entry.path()) &&
        stat(entry.path().c_str(), &info) == 0)
      inodes[name] = info.st_ino;
  }
  return inodes;
}

TEST(SweepResume, DeletingOneChunkRecomputesOnlyThatChunkAndGivesIdenticalData) {
  TemporaryDirectory dir;
  const auto config = testing::small_demo_config(dir);
  const auto out = (dir / "sweep").string();
  const auto arguments = testing::sweep_arguments(config, out, "saltelli", "4");
  ASSERT_EQ(run_reformsim(arguments).exit_status, 0);
  const auto expected = testing::merged_datasets(out);
  auto before = complete_chunk_inodes(out);
  ASSERT_EQ(before.size(), 16u);
  std::filesystem::remove(out + "/chunk-000005.h5");
  before.erase("chunk-000005.h5");
  auto rerun_arguments = arguments;
  rerun_arguments.erase(std::find(rerun_arguments.begin(), rerun_arguments.end(), "--quiet"));
  const auto rerun = run_reformsim(rerun_arguments);
  ASSERT_EQ(rerun.exit_status, 0) << rerun.err;
  EXPECT_NE(rerun.out.find("computed 1 chunk(s), 15 already complete"), std::string::npos)
      << rerun.out;
  auto after = complete_chunk_inodes(out);
  ASSERT_EQ(after.size(), 16u);
  after.erase("chunk-000005.h5");
  EXPECT_EQ(after, before);  // no complete chunk was rewritten
  EXPECT_EQ(testing::merged_datasets(out), expected);
}

pid_t start_reformsim(const std::vector<std::string>& arguments) {
  const pid_t child = fork();
  if (child == 0) {
    if (chdir(testing::source_dir().c_str()) != 0) _exit(127);
    std::vector<char*> argv{const_cast<char*>(REFORMSIM_BINARY_PATH)};
    for (const auto& argument : arguments)
      argv.push_back(const_cast<char*>(argument.c_str()));
    argv.push_back(nullptr);
    execv(REFORMSIM_BINARY_PATH, argv.data());
    _exit(127);
  }
  return child;
}

TEST(SweepResume, KilledSweepResumesWithoutRecomputingAndMatchesAnUninterruptedOne) {
  TemporaryDirectory dir;
  const auto config = testing::small_demo_config(dir);
  const std::vector<std::string> heavier{"--market.initial_firms=3000", "--threads", "1"};
  const auto reference = (dir / "reference").string();
  ASSERT_EQ(
      run_reformsim(testing::sweep_arguments(config, reference, "lhs", "24", heavier)).exit_status,
      0);
  const auto killed = (dir / "killed").string();
  const pid_t child =
      start_reformsim(testing::sweep_arguments(config, killed, "lhs", "24", heavier));
  // Kill once a few chunks are on disk: mid-sweep, probably mid-write of another.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (complete_chunk_inodes(killed).size() < 3 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  kill(child, SIGKILL);
  int status = 0;
  waitpid(child, &status, 0);
  const auto survived = complete_chunk_inodes(killed);
  ASSERT_GE(survived.size(), 3u);
  ASSERT_LT(survived.size(), 24u) << "the sweep finished before it was killed: make it heavier";
  ASSERT_EQ(
      run_reformsim(testing::sweep_arguments(config, killed, "lhs", "24", heavier)).exit_status, 0);
  const auto after = complete_chunk_inodes(killed);
  EXPECT_EQ(after.size(), 24u);
  for (const auto& [name, inode] : survived)
    EXPECT_EQ(after.at(name), inode) << name << " was recomputed";
  EXPECT_EQ(testing::merged_datasets(killed), testing::merged_datasets(reference));
  for (const auto& entry : std::filesystem::directory_iterator(killed))  // stale partials removed
    EXPECT_EQ(entry.path().filename().string().find(".partial-"), std::string::npos)
        << entry.path();
}

}  // namespace
}  // namespace reformsim
