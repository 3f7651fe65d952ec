#include "sim/sweep/sweep_files.h"

#include <cstdio>

#include "sim/output/file_description.h"
#include "sim/output/labelled_dimension.h"
#include "sim/output/run_file.h"
#include "sim/sweep/hdf5_reading.h"
#include "sim/version.h"

namespace reformsim::sweep {
namespace {

using Index = Eigen::Index;

void write_writer_attributes(const LabelledArrayFile& file, const WriterInfo& writer) {
  const hid_t root = file.root();
  LabelledArrayFile::set_attribute(root, "reformsim_version", std::string(version));
  LabelledArrayFile::set_attribute(root, "git_commit", std::string(git_commit));
  LabelledArrayFile::set_attribute(root, "command_line", writer.command_line);
  LabelledArrayFile::set_attribute(root, "host", writer.host);
  LabelledArrayFile::set_attribute(root, "mpi_rank", writer.mpi_rank);
  LabelledArrayFile::set_attribute(root, "shard", writer.shard);
  LabelledArrayFile::set_attribute(root, "threads", writer.threads);
  LabelledArrayFile::set_attribute(root, "start_time", writer.start_time);
  LabelledArrayFile::set_attribute(root, "end_time", writer.end_time);
}

void mark_complete(LabelledArrayFile& file) {
  // Everything else reaches the disk before the attribute that vouches for it.
  file.flush();
  LabelledArrayFile::set_attribute(file.root(), "complete", std::int64_t{1});
  file.flush();
  file.close();
}

std::string factor_coordinates(const SweepDefinition& definition) {
  std::string names;
  for (const auto& factor : definition.factors)
    names += " " + factor.name;
  return names;
}

// One metric's columns from every replication of every point, row-major over
// (point, replication[, step][, dim]).
std::vector<double> gather_metric(const ChunkResults& results, const MetricSpec& spec,
                                  std::size_t width, bool series) {
  std::vector<double> values;
  for (const auto& point : results.points)
    for (const auto& replication : point) {
      const auto& table = series ? replication.series : replication.summary;
      for (std::size_t row = 0; row * width < table.size(); ++row)
        for (std::size_t j = 0; j < spec.width; ++j)
          values.push_back(table[row * width + spec.offset + j]);
    }
  return values;
}

void write_metrics(const LabelledArrayFile& file, const MetricCatalogue& metrics,
                   const ChunkResults& results, const std::string& factors, bool series) {
  for (const auto& spec : series ? metrics.series() : metrics.summaries()) {
    std::vector<std::string> dims{"point", "replication"};
    std::string coordinates =
        std::string(series ? "seed year day_of_year burn_in" : "seed") + factors;
    if (series) dims.push_back("step");
    if (!spec.dimension.empty()) {
      dims.push_back(spec.dimension);
      coordinates += " " + spec.dimension + "_label";
    }
    const std::size_t width = series ? metrics.series_width() : metrics.summary_width();
    file.add_variable(file.root(), spec.name, dims, gather_metric(results, spec, width, series),
                      {spec.long_name, spec.unit, coordinates});
  }
}

void write_seeds(const LabelledArrayFile& file, const ChunkResults& results) {
  std::vector<std::uint64_t> seeds;
  for (const auto& point : results.points)
    for (const auto& replication : point)
      seeds.push_back(replication.seed);
  file.add_variable(
      file.root(), "seed", {"point", "replication"}, std::span<const std::uint64_t>(seeds),
      {"seed of the replication: derive_seed(master_seed, point, replication)", "1", ""});
}

}  // namespace

std::filesystem::path design_file_path(const std::filesystem::path& directory) {
  return directory / "design.h5";
}

std::filesystem::path index_file_path(const std::filesystem::path& directory) {
  return directory / "index.h5";
}

std::filesystem::path chunk_file_path(const std::filesystem::path& directory, std::size_t chunk) {
  char name[32];
  std::snprintf(name, sizeof name, "chunk-%06zu.h5", chunk);
  return directory / name;
}

void write_sweep_attributes(const LabelledArrayFile& file, const SweepDefinition& definition) {
  const hid_t root = file.root();
  LabelledArrayFile::set_attribute(root, "model", definition.model);
  LabelledArrayFile::set_attribute(root, "design", design::design_kind_name(definition.size.kind));
  LabelledArrayFile::set_attribute(root, "samples",
                                   static_cast<std::int64_t>(definition.size.samples));
  LabelledArrayFile::set_attribute(root, "morris_levels",
                                   static_cast<std::int64_t>(definition.size.morris_levels));
  LabelledArrayFile::set_attribute(root, "parameters",
                                   static_cast<std::int64_t>(definition.factors.size()));
  LabelledArrayFile::set_attribute(root, "points", static_cast<std::int64_t>(definition.points()));
  LabelledArrayFile::set_attribute(root, "replications",
                                   static_cast<std::int64_t>(definition.replications));
  LabelledArrayFile::set_attribute(root, "master_seed", std::to_string(definition.master_seed));
  LabelledArrayFile::set_attribute(root, "chunk_points",
                                   static_cast<std::int64_t>(definition.chunk_points));
  LabelledArrayFile::set_attribute(root, "chunks", static_cast<std::int64_t>(definition.chunks()));
  LabelledArrayFile::set_attribute(root, "sweep_definition", definition.text());
  LabelledArrayFile::set_attribute(root, "config", definition.config);
}

void write_design_variables(const LabelledArrayFile& file, const SweepDesign& design,
                            std::size_t first_point, std::size_t count) {
  const auto& factors = design.definition.factors;
  std::vector<std::int64_t> points(count);
  for (std::size_t i = 0; i < count; ++i)
    points[i] = static_cast<std::int64_t>(first_point + i);
  file.add_dimension(file.root(), "point", points, {"design point", "1", ""});
  std::vector<std::string> labels;
  for (const auto& factor : factors)
    labels.push_back(factor.name);
  add_labelled_dimension(file, file.root(), "parameter", "swept parameter", labels);
  const auto rows =
      design.unit.middleRows(static_cast<Index>(first_point), static_cast<Index>(count));
  const Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> unit = rows;
  file.add_variable(file.root(), "unit_value", {"point", "parameter"},
                    std::span<const double>(unit.data(), static_cast<std::size_t>(unit.size())),
                    {"design coordinate in the unit cube", "1", "parameter_label"});
  for (std::size_t f = 0; f < factors.size(); ++f) {
    const Eigen::VectorXd column =
        design.values.col(static_cast<Index>(f))
            .segment(static_cast<Index>(first_point), static_cast<Index>(count));
    file.add_variable(file.root(), factors[f].name, {"point"},
                      std::span<const double>(column.data(), count),
                      {"swept parameter " + factors[f].name, factors[f].unit, ""});
  }
}

void write_design_file(const std::filesystem::path& path, const SweepDesign& design,
                       const WriterInfo& writer) {
  auto file = LabelledArrayFile::create(path);
  LabelledArrayFile::set_attribute(file.root(), "title", "reformsim sweep design");
  LabelledArrayFile::set_attribute(file.root(), "kind", "sweep_design");
  write_writer_attributes(file, writer);
  write_sweep_attributes(file, design.definition);
  write_design_variables(file, design, 0, design.definition.points());
  mark_complete(file);
}

std::string complete_file_definition(const std::filesystem::path& path) {
  if (!is_complete_output(path)) return "";
  try {
    auto file = LabelledArrayFile::open_read_only(path);
    return has_attribute(file.root(), "sweep_definition")
               ? text_attribute(file.root(), "sweep_definition")
               : "";
  } catch (const Hdf5Error&) {
    return "";
  }
}

void write_chunk_file(const std::filesystem::path& path, const SweepDesign& design,
                      const MetricCatalogue& metrics, const Calendar& calendar,
                      const ChunkResults& results, const WriterInfo& writer) {
  auto file = LabelledArrayFile::create(path);
  const hid_t root = file.root();
  LabelledArrayFile::set_attribute(root, "title",
                                   "reformsim sweep chunk " + std::to_string(results.chunk));
  LabelledArrayFile::set_attribute(root, "kind", "sweep_chunk");
  LabelledArrayFile::set_attribute(root, "chunk", static_cast<std::int64_t>(results.chunk));
  LabelledArrayFile::set_attribute(root, "first_point",
                                   static_cast<std::int64_t>(results.first_point));
  write_writer_attributes(file, writer);
  write_sweep_attributes(file, design.definition);
  write_design_variables(file, design, results.first_point, results.points.size());
  file.add_dimension(root, "replication", index_values(design.definition.replications),
                     {"replication index", "1", ""});
  write_seeds(file, results);
  write_time_coordinates(file, calendar);
  write_metric_dimensions(file, metrics);
  const std::string factors = factor_coordinates(design.definition);
  write_metrics(file, metrics, results, factors, true);
  write_metrics(file, metrics, results, factors, false);
  mark_complete(file);
}

}  // namespace reformsim::sweep
