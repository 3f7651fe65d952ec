#include "sim/sweep/shard_selection.h"

#include <algorithm>
#include <stdexcept>

#include "sim/config/config_error.h"

namespace reformsim::sweep {
namespace {

std::optional<std::size_t> parse_count(const std::string& text) {
  if (text.empty() || text.size() > 12 || text.find_first_not_of("0123456789") != std::string::npos)
    return std::nullopt;
  return static_cast<std::size_t>(std::stoull(text));
}

}  // namespace

ShardSpec parse_shard(const std::string& text, const std::string& origin,
                      const std::string& option) {
  const auto slash = text.find('/');
  const auto index = slash == std::string::npos ? std::nullopt : parse_count(text.substr(0, slash));
  const auto count =
      slash == std::string::npos ? std::nullopt : parse_count(text.substr(slash + 1));
  if (!index || !count)
    throw ConfigError(origin, option, text, "expected I/N with whole numbers, e.g. 3/16");
  if (*count == 0 || *index >= *count)
    throw ConfigError(origin, option, text, "needs N >= 1 and 0 <= I < N (shards count from 0)");
  return {*index, *count};
}

std::optional<ShardSpec> shard_from_environment(
    const std::function<const char*(const char*)>& get) {
  const char* id = get("SLURM_ARRAY_TASK_ID");
  const char* count = get("SLURM_ARRAY_TASK_COUNT");
  if (!id || !count) return std::nullopt;
  const std::string text = std::string(id) + "/" + count;
  return parse_shard(text, "environment (SLURM_ARRAY_TASK_ID/SLURM_ARRAY_TASK_COUNT)", "--shard");
}

namespace {

// A whole number from the environment, or nothing when unset or not a number.
std::optional<std::size_t> environment_count(const std::function<const char*(const char*)>& get,
                                             const char* name) {
  const char* text = get(name);
  return text ? parse_count(text) : std::nullopt;
}

}  // namespace

std::size_t launcher_process_count(const std::function<const char*(const char*)>& get) {
  std::size_t count = 1;
  for (const char* size : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE"})
    count = std::max(count, environment_count(get, size).value_or(1));
  // PMIx launchers (srun --mpi=pmix, prterun) need not say the size: a rank above 0 shows it.
  for (const char* rank : {"PMIX_RANK", "PMI_RANK", "OMPI_COMM_WORLD_RANK"})
    if (environment_count(get, rank).value_or(0) > 0) count = std::max<std::size_t>(count, 2);
  return count;
}

void refuse_launch_over_ranks(const std::function<const char*(const char*)>& get,
                              const std::string& reason) {
  const std::size_t count = launcher_process_count(get);
  if (count <= 1) return;
  const char* variable = "PMIX_RANK";
  for (const char* name : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "OMPI_COMM_WORLD_RANK", "PMI_RANK"})
    if (get(name)) {
      variable = name;
      break;
    }
  const char* value = get(variable);
  // A size variable gives the count; a rank alone only shows there are at least two.
  const bool sized = get("OMPI_COMM_WORLD_SIZE") || get("PMI_SIZE");
  throw ConfigError("environment", variable, value ? value : "",
                    "started as one of " + (sized ? std::to_string(count) : "several") +
                        " MPI ranks, but " + reason);
}

ChunkRange shard_chunks(const ShardSpec& shard, std::size_t chunk_count) {
  // Boundaries floor(I C / N): sizes differ by at most one, and consecutive shards meet.
  return {shard.index * chunk_count / shard.count, (shard.index + 1) * chunk_count / shard.count};
}

PointRange chunk_points(std::size_t chunk, std::size_t chunk_size, std::size_t point_count) {
  const std::size_t first = std::min(chunk * chunk_size, point_count);
  return {first, std::min(chunk_size, point_count - first)};
}

std::vector<std::size_t> incomplete_shards(std::size_t shard_count, std::size_t chunk_count,
                                           const std::function<bool(std::size_t)>& complete) {
  std::vector<std::size_t> shards;
  for (std::size_t shard = 0; shard < shard_count; ++shard) {
    const ChunkRange range = shard_chunks({shard, shard_count}, chunk_count);
    for (std::size_t chunk = range.first; chunk < range.end; ++chunk)
      if (!complete(chunk)) {
        shards.push_back(shard);
        break;
      }
  }
  return shards;
}

std::string array_ranges(const std::vector<std::size_t>& indices) {
  std::string text;
  for (std::size_t i = 0; i < indices.size();) {
    std::size_t j = i;
    while (j + 1 < indices.size() && indices[j + 1] == indices[j] + 1)
      ++j;
    text += (text.empty() ? "" : ",") + std::to_string(indices[i]);
    if (j > i) text += "-" + std::to_string(indices[j]);
    i = j + 1;
  }
  return text;
}

}  // namespace reformsim::sweep
