// sweep_files.h - the files of a sweep directory:
//   design.h5          the design, written before any simulation: dimensions point and
//                      parameter; parameter_label(parameter); unit_value(point, parameter) in
//                      [0, 1]; one coordinate variable per swept parameter, named by its key,
//                      over point; attributes kind = "sweep_design", design, samples,
//                      morris_levels, parameters, points, replications, master_seed,
//                      chunk_points, chunks, model, sweep_definition (the canonical text),
//                      config, and complete written last.
//   chunk-NNNNNN.h5    chunk c: points [c chunk_points, (c + 1) chunk_points), the same design
//                      variables for those points (point coordinate = global point index), then
//                      replication, step (year, day_of_year, burn_in), the metric dimensions,
//                      seed(point, replication) and every metric over (point, replication,
//                      step[, dim]) or (point, replication[, dim]); kind = "sweep_chunk",
//                      chunk, first_point, sweep_definition, who wrote it, complete last.
//   index.h5           written at the end of a run covering the whole sweep (one process or
//                      MPI rank 0): one row per chunk, its file name, points and completeness.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "sim/output/labelled_arrays.h"
#include "sim/run/ensemble.h"
#include "sim/sweep/sweep_definition.h"

namespace reformsim::sweep {

std::filesystem::path design_file_path(const std::filesystem::path& directory);
std::filesystem::path index_file_path(const std::filesystem::path& directory);
std::filesystem::path chunk_file_path(const std::filesystem::path& directory, std::size_t chunk);

// Provenance of a file: written into its root attributes.
struct WriterInfo {
  std::string command_line;
  std::string host;
  std::int64_t mpi_rank = -1;  // -1 without MPI
  std::string shard;           // "3/16", or "" for the whole sweep
  std::int64_t threads = 0;
  std::string start_time, end_time;
};

// The sweep's attributes (kind excepted) and its design variables for points
// [first_point, first_point + count).
void write_sweep_attributes(const LabelledArrayFile& file, const SweepDefinition& definition);
void write_design_variables(const LabelledArrayFile& file, const SweepDesign& design,
                            std::size_t first_point, std::size_t count);

// The whole design file at path (the caller renames it into place).
void write_design_file(const std::filesystem::path& path, const SweepDesign& design,
                       const WriterInfo& writer);

// The sweep_definition text of a complete file, or "" when the file is missing, incomplete
// or not a sweep file.
std::string complete_file_definition(const std::filesystem::path& path);

// One chunk's results: points[i] holds the replications of point first_point + i, in order.
struct ChunkResults {
  std::size_t chunk = 0;
  std::size_t first_point = 0;
  std::vector<std::vector<ReplicationResult>> points;
};

void write_chunk_file(const std::filesystem::path& path, const SweepDesign& design,
                      const MetricCatalogue& metrics, const Calendar& calendar,
                      const ChunkResults& results, const WriterInfo& writer);

}  // namespace reformsim::sweep
