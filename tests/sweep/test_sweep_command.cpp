// `reformsim sweep`, `merge` and `sensitivity` as a user runs them on demo_market: shards in
// any order give the same merged data as one process, a merged file opens in xarray with
// named dimensions, a missing chunk is named, a changed design is refused, bad input exits 2
// naming the value, and the sensitivity command writes and prints its indices.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>

#include "sim/output/file_description.h"
#include "tests/support/test_support.h"
#include "tests/sweep/sweep_fixture.h"

namespace reformsim {
namespace {

using testing::run_program;
using testing::run_reformsim;
using testing::TemporaryDirectory;

TEST(SweepCommand, WritesTheDesignFirstThenOneCompleteFilePerChunk) {
  TemporaryDirectory dir;
  const auto out = (dir / "lhs").string();
  const auto result = run_reformsim(testing::sweep_arguments(testing::small_demo_config(dir), out,
                                                             "lhs", "6", {"--chunk-points", "4"}));
  ASSERT_EQ(result.exit_status, 0) << result.err;
  EXPECT_TRUE(is_complete_output(out + "/design.h5"));
  EXPECT_TRUE(is_complete_output(out + "/chunk-000000.h5"));
  EXPECT_TRUE(is_complete_output(out + "/chunk-000001.h5"));
  EXPECT_FALSE(std::filesystem::exists(out + "/chunk-000002.h5"));
  EXPECT_TRUE(is_complete_output(out + "/index.h5"));
  const auto values =
      testing::read_hdf5_doubles(out + "/design.h5", "market.productivity_volatility");
  ASSERT_EQ(values.size(), 6u);
  for (double value : values)
    EXPECT_TRUE(value >= 0.005 && value <= 0.05) << value;
}

TEST(SweepCommand, ShardsInAnyOrderGiveDataBitIdenticalToOneProcess) {
  TemporaryDirectory dir;
  const auto config = testing::small_demo_config(dir);
  const auto whole = (dir / "whole").string();
  ASSERT_EQ(run_reformsim(testing::sweep_arguments(config, whole, "sobol", "8", {"--threads", "2"}))
                .exit_status,
            0);
  const auto expected = testing::merged_datasets(whole);
  for (const std::vector<std::string>& order :
       {std::vector<std::string>{"1/2", "0/2"}, std::vector<std::string>{"2/3", "0/3", "1/3"}}) {
    const auto sharded = (dir / ("sharded" + std::to_string(order.size()))).string();
    for (const auto& shard : order) {
      const auto result = run_reformsim(testing::sweep_arguments(
          config, sharded, "sobol", "8", {"--shard", shard, "--threads", "1"}));
      ASSERT_EQ(result.exit_status, 0) << result.err;
    }
    EXPECT_EQ(testing::merged_datasets(sharded), expected) << order.size() << " shards";
  }
}

TEST(SweepCommand, MergedFileOpensInXarrayWithNamedDimensionsAndParameterCoordinates) {
  TemporaryDirectory dir;
  const auto out = (dir / "grid").string();
  ASSERT_EQ(
      run_reformsim(testing::sweep_arguments(testing::small_demo_config(dir), out, "grid", "2"))
          .exit_status,
      0);
  const auto merged = (dir / "merged.h5").string();
  ASSERT_EQ(run_reformsim({"merge", out, "--out", merged}).exit_status, 0);
  const auto check =
      run_program(REFORMSIM_PYTHON,
                  {"-c",
                   "import sys, xarray\n"
                   "d = xarray.open_dataset(sys.argv[1])\n"
                   "assert d['firms'].dims == ('point', 'replication', 'step'), d['firms'].dims\n"
                   "assert d['firms_by_sector'].dims[-1] == 'sector'\n"
                   "assert 'market.entry_value_days' in d['firms'].coords\n"
                   "assert not any(str(n).startswith('phony') for n in d.dims), list(d.dims)\n"
                   "assert d.sizes['point'] == 4 and d.sizes['replication'] == 2\n"
                   "print(sorted(set(d['market.entry_value_days'].values.tolist())))\n",
                   merged});
  ASSERT_EQ(check.exit_status, 0) << check.err;
  EXPECT_EQ(check.out, "[5.0, 60.0]\n");
}

TEST(MergeCommand, NamesAMissingChunkAndWritesNothing) {
  TemporaryDirectory dir;
  const auto out = (dir / "sweep").string();
  ASSERT_EQ(
      run_reformsim(testing::sweep_arguments(testing::small_demo_config(dir), out, "lhs", "4"))
          .exit_status,
      0);
  std::filesystem::remove(out + "/chunk-000002.h5");
  const auto merged = (dir / "merged.h5").string();
  const auto result = run_reformsim({"merge", out, "--out", merged});
  EXPECT_EQ(result.exit_status, 2);
  EXPECT_NE(result.err.find("chunk-000002.h5 (points 2-2)"), std::string::npos) << result.err;
  EXPECT_FALSE(std::filesystem::exists(merged));
  const auto shards = run_reformsim({"merge", out, "--missing-shards", "2"});
  EXPECT_EQ(shards.exit_status, 0);
  EXPECT_EQ(shards.out, "1\n");  // chunks 2-3 belong to shard 1 of 2
}

TEST(SweepCommand, RefusesToContinueADirectoryWithAnotherDesign) {
  TemporaryDirectory dir;
  const auto config = testing::small_demo_config(dir);
  const auto out = (dir / "sweep").string();
  ASSERT_EQ(run_reformsim(testing::sweep_arguments(config, out, "lhs", "4")).exit_status, 0);
  const auto changed = run_reformsim(testing::sweep_arguments(config, out, "lhs", "5"));
  EXPECT_EQ(changed.exit_status, 2);
  EXPECT_NE(changed.err.find("'samples = 4' there, 'samples = 5' now"), std::string::npos)
      << changed.err;
  const auto other_config =
      run_reformsim(testing::sweep_arguments(config, out, "lhs", "4", {"--market.sectors=3"}));
  EXPECT_EQ(other_config.exit_status, 2);
  EXPECT_NE(other_config.err.find("sectors = 4' there, 'sectors = 3' now"), std::string::npos)
      << other_config.err;
  EXPECT_EQ(
      run_reformsim(testing::sweep_arguments(config, out, "lhs", "5", {"--overwrite"})).exit_status,
      0);
}

TEST(SweepCommand, BadInputExitsWithStatusTwoNamingTheValue) {
  TemporaryDirectory dir;
  const auto config = testing::small_demo_config(dir);
  const auto out = (dir / "never").string();
  auto with_param = [&](const std::string& param, const std::string& design,
                        const std::string& samples, std::vector<std::string> extra = {}) {
    std::vector<std::string> arguments{"sweep", "--config", config, "--design",
                                       design,  "--param",  param,  "--samples",
                                       samples, "--out",    out,    "--quiet"};
    arguments.insert(arguments.end(), extra.begin(), extra.end());
    return run_reformsim(arguments);
  };
  const std::vector<std::pair<testing::CommandResult, std::string>> cases{
      {with_param("market.no_such_thing=1:2", "lhs", "4"), "market.no_such_thing"},
      {with_param("market.entry_value_days=40:10", "lhs", "4"), "LOW must be below HIGH"},
      {with_param("market.exit_log_productivity=-3:-1:log", "lhs", "4"), "log range needs LOW > 0"},
      {with_param("market.entry_value_days=10:40", "saltelli", "6"), "power of two"},
      {with_param("market.entry_value_days=10:40", "lhs", "4", {"--shard", "3/3"}), "'3/3'"},
      {with_param("market.entry_value_days=10:40", "lhs", "4", {"--shard", "x"}), "'x'"},
      {with_param("market.entry_value_days=1:20000", "lhs", "4"), "20000"},
      {with_param("reform.entry_subsidy=0:1", "lhs", "4"), "only real and integer"},
      {with_param("market.entry_value_days=10:40", "random", "4"), "'random'"},
      {with_param("market.entry_value_days=10:40", "lhs", "0"), "'0'"},
  };
  for (const auto& [result, expected] : cases) {
    EXPECT_EQ(result.exit_status, 2) << expected << "\n" << result.err;
    EXPECT_NE(result.err.find(expected), std::string::npos) << result.err;
  }
  EXPECT_FALSE(std::filesystem::exists(out));
}

TEST(SensitivityCommand, WritesLabelledIndicesOfASaltelliSweepAndPrintsThem) {
  TemporaryDirectory dir;
  const auto out = (dir / "saltelli").string();
  ASSERT_EQ(run_reformsim(
                testing::sweep_arguments(testing::small_demo_config(dir), out, "saltelli", "16"))
                .exit_status,
            0);
  const auto result = run_reformsim({"sensitivity", out, "--output", "firms:last", "--output",
                                     "total_entries", "--bootstrap", "50"});
  ASSERT_EQ(result.exit_status, 0) << result.err;
  EXPECT_NE(result.out.find("firms:last"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("market.entry_value_days"), std::string::npos);
  const auto file = out + "/sensitivity.h5";
  ASSERT_TRUE(is_complete_output(file));
  const auto total = testing::read_hdf5_doubles(file, "total_order");
  ASSERT_EQ(total.size(), 4u);  // 2 statistics x 2 parameters
  // Entry is driven by the value of entry against the wait, not by productivity noise.
  EXPECT_GT(total[2], total[3]);
  const auto bad = run_reformsim(
      {"sensitivity", out, "--output", "firms:median", "--out", (dir / "x.h5").string()});
  EXPECT_EQ(bad.exit_status, 2);
  EXPECT_NE(bad.err.find("firms:median"), std::string::npos) << bad.err;
}

TEST(SensitivityCommand, ComputesMorrisEffectsOfAMorrisSweepAndRefusesOtherDesigns) {
  TemporaryDirectory dir;
  const auto config = testing::small_demo_config(dir);
  const auto morris = (dir / "morris").string();
  ASSERT_EQ(run_reformsim(testing::sweep_arguments(config, morris, "morris", "3")).exit_status, 0);
  const auto result = run_reformsim(
      {"sensitivity", morris, "--output", "total_entries", "--bootstrap", "20", "--quiet"});
  ASSERT_EQ(result.exit_status, 0) << result.err;
  EXPECT_EQ(testing::read_hdf5_doubles(morris + "/sensitivity.h5", "mu_star").size(), 2u);
  const auto lhs = (dir / "lhs").string();
  ASSERT_EQ(run_reformsim(testing::sweep_arguments(config, lhs, "lhs", "3")).exit_status, 0);
  const auto refused = run_reformsim({"sensitivity", lhs});
  EXPECT_EQ(refused.exit_status, 2);
  EXPECT_NE(refused.err.find("saltelli"), std::string::npos) << refused.err;
}

#ifndef REFORMSIM_MPI
// A build without MPI under `mpirun -n 2` (the variable mpirun sets, inherited by the child):
// each rank used to compute every point as shard 0/1.
TEST(SweepCommand, WithoutMpiCompiledInRefusesToRunAsOneOfSeveralRanks) {
  TemporaryDirectory dir;
  const auto out = (dir / "ranks").string();
  setenv("OMPI_COMM_WORLD_SIZE", "2", 1);
  const auto result =
      run_reformsim(testing::sweep_arguments(testing::small_demo_config(dir), out, "lhs", "4"));
  unsetenv("OMPI_COMM_WORLD_SIZE");
  EXPECT_EQ(result.exit_status, 2) << result.err;
  for (const char* expected :
       {"OMPI_COMM_WORLD_SIZE", "'2'", "one of 2 MPI ranks", "built without MPI", "--shard I/N"})
    EXPECT_NE(result.err.find(expected), std::string::npos) << expected << " in\n" << result.err;
  EXPECT_FALSE(std::filesystem::exists(out));
}
#endif

}  // namespace
}  // namespace reformsim
