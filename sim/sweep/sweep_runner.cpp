#include "sim/sweep/sweep_runner.h"

#include "sim/config/config_error.h"
#include "sim/output/labelled_dimension.h"
#include "sim/output/output_target.h"
#include "sim/output/run_file.h"
#include "sim/parallel/loops.h"
#include "sim/random/philox.h"

namespace reformsim::sweep {
namespace {

void remove_sweep_files(const std::filesystem::path& directory, std::size_t chunks) {
  std::filesystem::remove(design_file_path(directory));
  std::filesystem::remove(index_file_path(directory));
  for (std::size_t chunk = 0; chunk < chunks; ++chunk)
    std::filesystem::remove(chunk_file_path(directory, chunk));
  for (const auto& entry : std::filesystem::directory_iterator(directory)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind("chunk-", 0) == 0 && entry.path().extension() == ".h5")
      std::filesystem::remove(entry.path());
  }
}

void check_definition(const std::filesystem::path& file, const std::string& found,
                      const SweepDefinition& definition) {
  const std::string difference = first_difference(found, definition.text());
  if (!difference.empty())
    throw ConfigError(file.string(), "sweep definition", difference,
                      "this directory holds a different sweep (design, parameters, samples, "
                      "replications, seed or config changed); use a new --out directory, or "
                      "--overwrite to discard it");
}

void publish_design_file(const SweepRun& run, const std::filesystem::path& path) {
  try {
    OutputTarget target(path, false, "--out");
    write_design_file(target.temporary_path(), run.design, run.writer);
    target.commit();
  } catch (const std::exception&) {
    // Another shard may have published it first: then it must be the same design.
    if (!std::filesystem::exists(path)) throw;
  }
}

}  // namespace

void prepare_sweep_directory(const SweepRun& run, bool overwrite) {
  const auto& definition = run.design.definition;
  std::error_code error;
  std::filesystem::create_directories(run.directory, error);
  if (!std::filesystem::is_directory(run.directory, error))  // also for a name the system refuses
    throw ConfigError("command line", "--out", run.directory.string(),
                      "is not a directory and cannot be created");
  if (overwrite) remove_sweep_files(run.directory, definition.chunks());
  const auto design_path = design_file_path(run.directory);
  if (!std::filesystem::exists(design_path)) publish_design_file(run, design_path);
  const std::string found = complete_file_definition(design_path);
  if (found.empty())
    throw ConfigError(design_path.string(), "", "",
                      "is not a complete sweep design file; remove it or pass --overwrite");
  check_definition(design_path, found, definition);
  for (std::size_t chunk = 0; chunk < definition.chunks(); ++chunk) {
    const auto path = chunk_file_path(run.directory, chunk);
    if (!std::filesystem::exists(path)) continue;
    const std::string chunk_definition = complete_file_definition(path);
    if (!chunk_definition.empty()) check_definition(path, chunk_definition, definition);
  }
}

std::vector<std::size_t> missing_chunks(const std::filesystem::path& directory,
                                        const SweepDefinition& definition, ChunkRange range) {
  const std::string text = definition.text();
  std::vector<std::size_t> missing;
  for (std::size_t chunk = range.first; chunk < range.end; ++chunk)
    if (complete_file_definition(chunk_file_path(directory, chunk)) != text)
      missing.push_back(chunk);
  return missing;
}

ChunkResults run_chunk(const Scenario& scenario, const SweepDesign& design, std::size_t chunk,
                       ProgressCounter* counter) {
  const auto& definition = design.definition;
  const PointRange points = chunk_points(chunk, definition.chunk_points, definition.points());
  const std::size_t replications = definition.replications;
  std::vector<ParameterSet> parameters;
  for (std::size_t i = 0; i < points.count; ++i)
    parameters.push_back(point_parameters(scenario.parameters, design, points.first + i));
  ChunkResults results{chunk, points.first, {}};
  results.points.assign(points.count, std::vector<ReplicationResult>(replications));
  // Grain 1: a replication is a large task, and TBB nests the model's phases inside it.
  parallel_for_each_index(std::size_t{0}, points.count * replications, [&](std::size_t task) {
    const std::size_t i = task / replications, r = task % replications;
    const std::size_t point = points.first + i;
    results.points[i][r] =
        run_replication(*scenario.model, parameters[i], scenario.metrics,
                        derive_seed(definition.master_seed, point, r), r, counter);
  });
  return results;
}

void write_chunk(const SweepRun& run, const ChunkResults& results, std::mutex& file_lock) {
  const auto path = chunk_file_path(run.directory, results.chunk);
  WriterInfo writer = run.writer;
  writer.end_time = utc_timestamp();
  std::lock_guard<std::mutex> lock(file_lock);
  // A file here is incomplete (complete ones are never rerun): replacing it loses nothing.
  OutputTarget target(path, true, "--out");
  write_chunk_file(target.temporary_path(), run.design, run.scenario.metrics,
                   Calendar::from(run.scenario.parameters), results, writer);
  target.commit();
}

void run_chunks(const SweepRun& run, const std::vector<std::size_t>& chunks,
                ProgressCounter* counter) {
  std::mutex file_lock;
  parallel_for_each_index(std::size_t{0}, chunks.size(), [&](std::size_t i) {
    write_chunk(run, run_chunk(run.scenario, run.design, chunks[i], counter), file_lock);
  });
}

std::size_t write_sweep_index(const SweepRun& run) {
  const auto& definition = run.design.definition;
  const std::string text = definition.text();
  std::vector<std::string> names;
  std::vector<std::int64_t> first, count, complete;
  for (std::size_t chunk = 0; chunk < definition.chunks(); ++chunk) {
    const auto path = chunk_file_path(run.directory, chunk);
    const PointRange points = chunk_points(chunk, definition.chunk_points, definition.points());
    names.push_back(path.filename().string());
    first.push_back(static_cast<std::int64_t>(points.first));
    count.push_back(static_cast<std::int64_t>(points.count));
    complete.push_back(complete_file_definition(path) == text ? 1 : 0);
  }
  OutputTarget target(index_file_path(run.directory), true, "--out");
  auto file = LabelledArrayFile::create(target.temporary_path());
  LabelledArrayFile::set_attribute(file.root(), "kind", "sweep_index");
  write_sweep_attributes(file, definition);
  file.add_dimension(file.root(), "chunk", index_values(names.size()),
                     {"chunk of design points", "1", ""});
  file.add_text_variable(file.root(), "file_name", "chunk", names,
                         {"chunk file in this directory", "", ""});
  file.add_variable(file.root(), "first_point", {"chunk"}, std::span<const std::int64_t>(first),
                    {"first design point of the chunk", "1", ""});
  file.add_variable(file.root(), "point_count", {"chunk"}, std::span<const std::int64_t>(count),
                    {"design points in the chunk", "1", ""});
  file.add_variable(file.root(), "chunk_complete", {"chunk"},
                    std::span<const std::int64_t>(complete),
                    {"1 if the chunk file is complete", "1", ""});
  file.flush();
  LabelledArrayFile::set_attribute(file.root(), "complete", std::int64_t{1});
  file.close();
  target.commit();
  std::size_t done = 0;
  for (auto flag : complete)
    done += static_cast<std::size_t>(flag);
  return done;
}

}  // namespace reformsim::sweep
