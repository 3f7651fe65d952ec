#include "sim/sweep/sweep_source.h"

#include <system_error>

#include "sim/config/config_error.h"
#include "sim/output/labelled_arrays.h"
#include "sim/sweep/shard_selection.h"
#include "sim/sweep/sweep_files.h"

namespace reformsim::sweep {
namespace {

std::size_t count_attribute(hid_t root, const std::string& name) {
  return static_cast<std::size_t>(integer_attribute(root, name));
}

}  // namespace

SweepLayout read_sweep_layout(const std::filesystem::path& file) {
  const std::string definition = complete_file_definition(file);
  if (definition.empty())
    throw ConfigError(file.string(), "", "", "is not a complete sweep design or merged sweep file");
  auto opened = LabelledArrayFile::open_read_only(file);
  const hid_t root = opened.root();
  SweepLayout layout;
  const auto kind = design::parse_design_kind(text_attribute(root, "design"));
  if (!kind)
    throw ConfigError(file.string(), "design", text_attribute(root, "design"), "unknown design");
  layout.kind = *kind;
  layout.samples = count_attribute(root, "samples");
  layout.morris_levels = count_attribute(root, "morris_levels");
  layout.points = count_attribute(root, "points");
  layout.replications = count_attribute(root, "replications");
  layout.chunk_points = count_attribute(root, "chunk_points");
  layout.chunks = count_attribute(root, "chunks");
  layout.parameters = read_texts(root, "parameter_label");
  layout.definition = definition;
  const std::vector<double> unit = read_doubles(root, "unit_value");
  const auto k = static_cast<Eigen::Index>(layout.parameters.size());
  if (unit.size() != layout.points * layout.parameters.size())
    throw ConfigError(file.string(), "unit_value", "", "does not hold points x parameters values");
  layout.unit =
      Eigen::Map<const Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>>(
          unit.data(), static_cast<Eigen::Index>(layout.points), k);
  return layout;
}

std::vector<std::string> missing_chunk_descriptions(const std::filesystem::path& directory,
                                                    const SweepLayout& layout) {
  std::vector<std::string> missing;
  for (std::size_t chunk = 0; chunk < layout.chunks; ++chunk) {
    const auto path = chunk_file_path(directory, chunk);
    if (complete_file_definition(path) == layout.definition) continue;
    const PointRange points = chunk_points(chunk, layout.chunk_points, layout.points);
    missing.push_back(path.filename().string() + " (points " + std::to_string(points.first) + "-" +
                      std::to_string(points.first + points.count - 1) + ")");
  }
  return missing;
}

SweepSource::SweepSource(const std::filesystem::path& path) {
  std::error_code error;  // a name the system refuses: read as a file, whose reading refuses it
  if (!std::filesystem::is_directory(path, error)) {
    layout_ = read_sweep_layout(path);
    files_.push_back(path);
    return;
  }
  const auto design_path = design_file_path(path);
  if (!std::filesystem::exists(design_path))
    throw ConfigError(path.string(), "", design_path.filename().string(),
                      "not a sweep directory: it has no design file");
  layout_ = read_sweep_layout(design_path);
  const auto missing = missing_chunk_descriptions(path, layout_);
  if (!missing.empty()) {
    std::string names;
    for (const auto& name : missing)
      names += (names.empty() ? "" : ", ") + name;
    throw ConfigError(path.string(), "chunk files", names,
                      std::to_string(missing.size()) + " of " + std::to_string(layout_.chunks) +
                          " missing or incomplete; rerun the same sweep command (or resubmit "
                          "the shards that own them) to compute only these");
  }
  for (std::size_t chunk = 0; chunk < layout_.chunks; ++chunk)
    files_.push_back(chunk_file_path(path, chunk));
}

DatasetShape SweepSource::shape(const std::string& name) const {
  auto file = LabelledArrayFile::open_read_only(files_.front());
  if (H5Lexists(file.root(), name.c_str(), H5P_DEFAULT) <= 0)
    throw ConfigError(files_.front().string(), "variable", name, "no such variable in the sweep");
  DatasetShape result = dataset_shape(file.root(), name);
  if (!result.dims.empty() && result.dims[0] == "point") result.extents[0] = layout_.points;
  return result;
}

std::vector<double> SweepSource::point_values(const std::string& name) const {
  // Each chunk must hold its points' rows exactly: callers index the values by the first file's
  // shape, so a damaged chunk declaring fewer (or more) would be read out of bounds.
  const DatasetShape expected = shape(name);
  std::size_t row_elements = 1;
  for (std::size_t axis = 1; axis < expected.extents.size(); ++axis)
    row_elements *= expected.extents[axis];
  std::vector<double> values;
  std::size_t next_point = 0;
  for (const auto& path : files_) {
    auto file = LabelledArrayFile::open_read_only(path);
    const auto points = read_integers(file.root(), "point");
    if (points.empty() || points.front() != static_cast<std::int64_t>(next_point))
      throw ConfigError(path.string(), "point", "", "does not continue the points before it");
    next_point += points.size();
    const auto part = read_doubles(file.root(), name);
    if (part.size() != points.size() * row_elements)
      throw ConfigError(path.string(), name, std::to_string(part.size()) + " values",
                        "does not match the chunk's " + std::to_string(points.size()) +
                            " points x " + std::to_string(row_elements) +
                            " values per point: a damaged chunk file");
    values.insert(values.end(), part.begin(), part.end());
  }
  return values;
}

std::vector<std::int64_t> SweepSource::shared_integers(const std::string& name) const {
  auto file = LabelledArrayFile::open_read_only(files_.front());
  return read_integers(file.root(), name);
}

}  // namespace reformsim::sweep
