#include "sim/sweep/sweep_merge.h"

#include <cstring>
#include <vector>

#include "sim/config/config_error.h"
#include "sim/output/labelled_arrays.h"
#include "sim/output/labelled_dimension.h"
#include "sim/output/run_file.h"
#include "sim/sweep/sweep_source.h"
#include "sim/version.h"

namespace reformsim::sweep {
namespace {

const char* const copied_attributes[] = {"model", "design", "sweep_definition", "config",
                                         "master_seed"};
const char* const copied_counts[] = {"samples",      "morris_levels", "parameters", "points",
                                     "replications", "chunk_points",  "chunks"};

hid_t memory_type(StoredType type) {
  switch (type) {
    case StoredType::float64:
      return H5T_NATIVE_DOUBLE;
    case StoredType::int64:
      return H5T_NATIVE_INT64;
    case StoredType::uint64:
      return H5T_NATIVE_UINT64;
    default:
      throw Hdf5Error("HDF5: only float64, int64 and uint64 variables run over point");
  }
}

VariableAttributes attributes_of(hid_t group, const std::string& name) {
  return {dataset_text_attribute(group, name, "long_name"),
          dataset_text_attribute(group, name, "units"),
          dataset_text_attribute(group, name, "coordinates")};
}

// Copies a variable that does not run over point (or a dimension scale) whole.
void copy_shared_variable(const LabelledArrayFile& out, hid_t chunk, const std::string& name,
                          std::size_t points) {
  const auto attributes = attributes_of(chunk, name);
  if (is_dimension_scale(chunk, name)) {
    auto values = read_integers(chunk, name);
    if (name == "point") values = index_values(points);
    out.add_dimension(out.root(), name, values, attributes);
    return;
  }
  const DatasetShape shape = dataset_shape(chunk, name);
  switch (stored_type(chunk, name)) {
    case StoredType::text:
      out.add_text_variable(out.root(), name, shape.dims.at(0), read_texts(chunk, name),
                            attributes);
      break;
    case StoredType::float64:
      out.add_variable(out.root(), name, shape.dims, read_doubles(chunk, name), attributes);
      break;
    case StoredType::int64:
      out.add_variable(out.root(), name, shape.dims,
                       std::span<const std::int64_t>(read_integers(chunk, name)), attributes);
      break;
    case StoredType::uint64:
      out.add_variable(out.root(), name, shape.dims,
                       std::span<const std::uint64_t>(read_unsigned(chunk, name)), attributes);
      break;
    default:
      throw Hdf5Error("HDF5: cannot merge variable " + name + " of an unknown type");
  }
}

struct PointVariable {
  std::string name;
  StoredType type;
  Hdf5Handle dataset;
  std::size_t row_elements = 1;  // the product of the extents after point
};

// Before a chunk's rows are written: they must be as many as its points, each as long as the
// merged variable's row, inside the merged point range. A damaged chunk could otherwise make
// write_rows read past the values it gave (HDF5 trusts the buffer's size).
void check_chunk_rows(const std::filesystem::path& path, const PointVariable& variable,
                      const std::vector<std::int64_t>& chunk_points, std::size_t values,
                      std::size_t points) {
  const bool inside =
      !chunk_points.empty() && chunk_points.front() >= 0 &&
      static_cast<std::size_t>(chunk_points.front()) + chunk_points.size() <= points;
  if (!inside || values != chunk_points.size() * variable.row_elements)
    throw ConfigError(path.string(), variable.name, std::to_string(values) + " values",
                      "does not match the chunk's " + std::to_string(chunk_points.size()) +
                          " points x " + std::to_string(variable.row_elements) +
                          " values per point inside the sweep's " + std::to_string(points) +
                          " points: a damaged chunk file");
}

// Every 8-byte number of a variable, as raw bytes (the type is kept by the caller).
std::vector<std::uint64_t> read_raw(hid_t group, const PointVariable& variable) {
  if (variable.type == StoredType::float64) {
    const auto values = read_doubles(group, variable.name);
    std::vector<std::uint64_t> raw(values.size());
    std::memcpy(raw.data(), values.data(), values.size() * sizeof(double));
    return raw;
  }
  if (variable.type == StoredType::int64) {
    const auto values = read_integers(group, variable.name);
    return {values.begin(), values.end()};
  }
  return read_unsigned(group, variable.name);
}

void write_merge_attributes(const LabelledArrayFile& out, hid_t design, const MergeInfo& info) {
  LabelledArrayFile::set_attribute(out.root(), "title", "reformsim sweep (merged)");
  LabelledArrayFile::set_attribute(out.root(), "kind", "sweep");
  LabelledArrayFile::set_attribute(out.root(), "reformsim_version", std::string(version));
  LabelledArrayFile::set_attribute(out.root(), "git_commit", std::string(git_commit));
  LabelledArrayFile::set_attribute(out.root(), "command_line", info.command_line);
  LabelledArrayFile::set_attribute(out.root(), "start_time", info.start_time);
  for (const char* name : copied_attributes)
    LabelledArrayFile::set_attribute(out.root(), name, text_attribute(design, name));
  for (const char* name : copied_counts)
    LabelledArrayFile::set_attribute(out.root(), name, integer_attribute(design, name));
}

}  // namespace

void merge_sweep(const std::filesystem::path& directory, const std::filesystem::path& out_path,
                 const MergeInfo& info) {
  const SweepSource source(directory);  // refuses, naming them, if any chunk is missing
  const std::size_t points = source.layout().points;
  auto out = LabelledArrayFile::create(out_path);
  {
    auto design = LabelledArrayFile::open_read_only(directory / "design.h5");
    write_merge_attributes(out, design.root(), info);
  }
  std::vector<PointVariable> point_variables;
  {
    auto first = LabelledArrayFile::open_read_only(source.files().front());
    for (const auto& name : dataset_names(first.root())) {
      const DatasetShape shape = dataset_shape(first.root(), name);
      if (is_dimension_scale(first.root(), name) || shape.dims.empty() ||
          shape.dims[0] != "point") {
        copy_shared_variable(out, first.root(), name, points);
        continue;
      }
      const StoredType type = stored_type(first.root(), name);
      std::size_t row_elements = 1;
      for (std::size_t axis = 1; axis < shape.extents.size(); ++axis)
        row_elements *= shape.extents[axis];
      point_variables.push_back(
          {name, type,
           out.create_variable(out.root(), name, shape.dims, memory_type(type),
                               attributes_of(first.root(), name)),
           row_elements});
    }
  }
  for (const auto& path : source.files()) {
    auto chunk = LabelledArrayFile::open_read_only(path);
    const auto chunk_points = read_integers(chunk.root(), "point");
    for (const auto& variable : point_variables) {
      const auto raw = read_raw(chunk.root(), variable);
      check_chunk_rows(path, variable, chunk_points, raw.size(), points);
      LabelledArrayFile::write_rows(variable.dataset, memory_type(variable.type),
                                    static_cast<std::size_t>(chunk_points.front()),
                                    chunk_points.size(), raw.data());
    }
  }
  point_variables.clear();
  LabelledArrayFile::set_attribute(out.root(), "end_time", utc_timestamp());
  out.flush();
  LabelledArrayFile::set_attribute(out.root(), "complete", std::int64_t{1});
  out.flush();
  out.close();
}

}  // namespace reformsim::sweep
