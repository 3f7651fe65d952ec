// shard_selection.h - which part of a sweep one process runs. A sweep's design points are cut
// into chunks of consecutive points (fixed by the definition, so every shard and every resume
// agrees on them); shard I of N takes the I-th of N near-equal contiguous runs of chunks. Any
// N covers every chunk, hence every point, exactly once.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace reformsim::sweep {

struct ShardSpec {
  std::size_t index = 0;
  std::size_t count = 1;
};

// "I/N" with 0 <= I < N; ConfigError(origin, option, text, ...) otherwise.
ShardSpec parse_shard(const std::string& text, const std::string& origin = "command line",
                      const std::string& option = "--shard");

// SLURM_ARRAY_TASK_ID / SLURM_ARRAY_TASK_COUNT when both are set (through get, so tests can
// give their own environment); nothing otherwise. A task id at or beyond the count (an array
// not numbered 0..N-1, or a resubmission of some tasks only) is refused: pass --shard I/N.
std::optional<ShardSpec> shard_from_environment(const std::function<const char*(const char*)>& get);

// How many processes the launcher started together, from the variables mpirun and PMI/PMIx
// launchers set (OMPI_COMM_WORLD_SIZE, PMI_SIZE; a PMIX_RANK, PMI_RANK or OMPI_COMM_WORLD_RANK
// above 0 means at least two); 1 when none is set. A binary built without MPI that finds more
// than one must refuse: each rank would compute every point as shard 0/1.
std::size_t launcher_process_count(const std::function<const char*(const char*)>& get);

// ConfigError("environment", variable, value, "started as one of N MPI ranks, but " + reason)
// when launcher_process_count is above 1: for a build without MPI, and for commands that never
// distribute their work.
void refuse_launch_over_ranks(const std::function<const char*(const char*)>& get,
                              const std::string& reason);

struct ChunkRange {
  std::size_t first = 0;
  std::size_t end = 0;  // one past the last
};
ChunkRange shard_chunks(const ShardSpec& shard, std::size_t chunk_count);

struct PointRange {
  std::size_t first = 0;
  std::size_t count = 0;
};
PointRange chunk_points(std::size_t chunk, std::size_t chunk_size, std::size_t point_count);

// The shards of a count-way split that own at least one chunk for which complete is false.
std::vector<std::size_t> incomplete_shards(std::size_t shard_count, std::size_t chunk_count,
                                           const std::function<bool(std::size_t)>& complete);

// Indices as Slurm's --array syntax: "0-3,7,9-10".
std::string array_ranges(const std::vector<std::size_t>& indices);

}  // namespace reformsim::sweep
