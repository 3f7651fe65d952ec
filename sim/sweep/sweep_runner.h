// sweep_runner.h - running a sweep's chunks in one process: every design point of a chunk and
// every replication of a point in parallel (TBB), each replication's phases parallel inside
// (nested), several chunks at once; each chunk written to its own file under a temporary
// name, then renamed, `complete` last. What is complete on disk is never recomputed.
#pragma once

#include <filesystem>
#include <mutex>
#include <vector>

#include "sim/run/progress.h"
#include "sim/sweep/shard_selection.h"
#include "sim/sweep/sweep_files.h"

namespace reformsim::sweep {

struct SweepRun {
  const Scenario& scenario;
  const SweepDesign& design;
  std::filesystem::path directory;
  WriterInfo writer;
};

// Creates directory if needed and makes design.h5 hold this design: written (temporary name,
// then an exclusive link, so concurrent shards agree on one) when absent, checked when present.
// With overwrite, the directory's sweep files (design, chunks, index) are removed first.
// Throws ConfigError naming the file and the first differing line of the definitions when the
// directory holds another sweep, or a chunk file written for another definition.
void prepare_sweep_directory(const SweepRun& run, bool overwrite);

// Chunks in range whose file is missing or incomplete.
std::vector<std::size_t> missing_chunks(const std::filesystem::path& directory,
                                        const SweepDefinition& definition, ChunkRange range);

// Simulates every replication of every point of chunk (parallel inside).
ChunkResults run_chunk(const Scenario& scenario, const SweepDesign& design, std::size_t chunk,
                       ProgressCounter* counter);

// Writes a chunk's file through a temporary name; writes are serialised by file_lock (the
// HDF5 library is not thread-safe).
void write_chunk(const SweepRun& run, const ChunkResults& results, std::mutex& file_lock);

// run_chunk and write_chunk for each chunk, several chunks at once.
void run_chunks(const SweepRun& run, const std::vector<std::size_t>& chunks,
                ProgressCounter* counter);

// index.h5: chunk(chunk), file_name, first_point, point_count, complete per chunk. Returns
// how many chunks are complete.
std::size_t write_sweep_index(const SweepRun& run);

}  // namespace reformsim::sweep
