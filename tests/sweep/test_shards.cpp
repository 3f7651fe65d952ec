// Shards: any N-way split covers every chunk (hence every point) exactly once; --shard and the
// Slurm environment are read and refused as documented; incomplete shards are listed in
// Slurm's --array syntax; the sweep definition and parameter ranges are checked.
#include <gtest/gtest.h>

#include <map>

#include "sim/config/config_error.h"
#include "sim/sweep/shard_selection.h"

namespace reformsim::sweep {
namespace {

TEST(ShardChunks, EveryPointIsCoveredExactlyOnceForAnyShardCount) {
  for (std::size_t points : {1u, 7u, 40u, 1001u})
    for (std::size_t chunk_size : {1u, 3u, 16u}) {
      const std::size_t chunks = (points + chunk_size - 1) / chunk_size;
      for (std::size_t shards = 1; shards <= 12; ++shards) {
        std::vector<int> covered(points, 0);
        for (std::size_t s = 0; s < shards; ++s) {
          const ChunkRange range = shard_chunks({s, shards}, chunks);
          EXPECT_LE(range.end - range.first, chunks / shards + 1);
          for (std::size_t c = range.first; c < range.end; ++c) {
            const PointRange chunk = chunk_points(c, chunk_size, points);
            for (std::size_t p = chunk.first; p < chunk.first + chunk.count; ++p)
              ++covered[p];
          }
        }
        for (std::size_t p = 0; p < points; ++p)
          ASSERT_EQ(covered[p], 1)
              << "point " << p << " of " << points << ", " << shards << " shards";
      }
    }
}

TEST(ParseShard, ReadsIOverNAndRefusesOutOfRangeOrMalformedText) {
  EXPECT_EQ(parse_shard("3/16").index, 3u);
  EXPECT_EQ(parse_shard("3/16").count, 16u);
  for (const char* bad : {"16/16", "1/0", "a/2", "2", "-1/4", "1/2/3", ""}) {
    try {
      parse_shard(bad);
      ADD_FAILURE() << bad << " accepted";
    } catch (const ConfigError& error) {
      EXPECT_EQ(error.value(), bad);
      EXPECT_EQ(error.key(), "--shard");
    }
  }
}

TEST(ShardFromEnvironment, UsesTheSlurmArrayVariablesWhenBothAreSet) {
  std::map<std::string, const char*> environment;
  auto get = [&](const char* name) -> const char* {
    const auto found = environment.find(name);
    return found == environment.end() ? nullptr : found->second;
  };
  EXPECT_FALSE(shard_from_environment(get));
  environment["SLURM_ARRAY_TASK_ID"] = "2";
  EXPECT_FALSE(shard_from_environment(get));
  environment["SLURM_ARRAY_TASK_COUNT"] = "5";
  EXPECT_EQ(shard_from_environment(get)->index, 2u);
  EXPECT_EQ(shard_from_environment(get)->count, 5u);
  environment["SLURM_ARRAY_TASK_ID"] = "7";  // a resubmitted subset: the count no longer fits
  EXPECT_THROW(shard_from_environment(get), ConfigError);
}

TEST(LauncherProcessCount, ReadsMpirunAndPmiVariablesAndRefusesSeveralRanks) {
  std::map<std::string, const char*> environment;
  const auto get = [&](const char* name) -> const char* {
    const auto found = environment.find(name);
    return found == environment.end() ? nullptr : found->second;
  };
  EXPECT_EQ(launcher_process_count(get), 1u);
  EXPECT_NO_THROW(refuse_launch_over_ranks(get, "no MPI"));
  environment["OMPI_COMM_WORLD_SIZE"] = "1";  // mpirun -n 1 is one process: allowed
  EXPECT_EQ(launcher_process_count(get), 1u);
  EXPECT_NO_THROW(refuse_launch_over_ranks(get, "no MPI"));
  environment["OMPI_COMM_WORLD_SIZE"] = "4";
  EXPECT_EQ(launcher_process_count(get), 4u);
  try {
    refuse_launch_over_ranks(get, "no MPI here");
    ADD_FAILURE() << "four ranks were not refused";
  } catch (const ConfigError& error) {
    EXPECT_EQ(error.key(), "OMPI_COMM_WORLD_SIZE");
    EXPECT_EQ(error.value(), "4");
    EXPECT_NE(std::string(error.what()).find("one of 4 MPI ranks, but no MPI here"),
              std::string::npos)
        << error.what();
  }
  environment.clear();
  environment["PMI_SIZE"] = "3";  // MPICH's hydra
  EXPECT_EQ(launcher_process_count(get), 3u);
  environment.clear();
  environment["PMIX_RANK"] = "0";  // a PMIx launcher says only the rank: rank 0 may be alone
  EXPECT_EQ(launcher_process_count(get), 1u);
  environment["PMIX_RANK"] = "2";
  EXPECT_EQ(launcher_process_count(get), 2u);
  EXPECT_THROW(refuse_launch_over_ranks(get, "no MPI"), ConfigError);
}

TEST(IncompleteShards, ListsOnlyShardsOwningAMissingChunkInArraySyntax) {
  const auto missing =
      incomplete_shards(4, 10, [](std::size_t chunk) { return chunk != 3 && chunk != 9; });
  EXPECT_EQ(missing, (std::vector<std::size_t>{1, 3}));  // chunks 2-4 and 7-9
  EXPECT_EQ(array_ranges({0, 1, 2, 3, 7, 9, 10}), "0-3,7,9-10");
  EXPECT_EQ(array_ranges({}), "");
  EXPECT_TRUE(incomplete_shards(3, 5, [](std::size_t) { return true; }).empty());
}

}  // namespace
}  // namespace reformsim::sweep
