#include "sim/output/labelled_arrays.h"

#include <hdf5_hl.h>

#include <algorithm>

namespace reformsim {
namespace {

Hdf5Handle property_list(hid_t kind) {
  return Hdf5Handle(H5Pcreate(kind), H5Pclose, "create property list");
}

Hdf5Handle creation_ordered(hid_t kind) {
  auto properties = property_list(kind);
  const unsigned order = H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED;
  if (kind != H5P_DATASET_CREATE)
    check_hdf5(H5Pset_link_creation_order(properties, order), "track link order");
  check_hdf5(H5Pset_attr_creation_order(properties, order), "track attribute order");
  // No modification times in object headers: two runs of the same config differ only in the
  // attributes that say when they ran.
  check_hdf5(H5Pset_obj_track_times(properties, false), "switch off object times");
  return properties;
}

Hdf5Handle simple_space(const std::vector<hsize_t>& shape) {
  return Hdf5Handle(H5Screate_simple(static_cast<int>(shape.size()), shape.data(), nullptr),
                    H5Sclose, "create dataspace");
}

// Chunks span the last two dimensions whole (a replication's time series is read at once),
// one along the others, and stay under 1 MiB; small variables are stored contiguously.
Hdf5Handle dataset_properties(const std::vector<hsize_t>& shape, std::size_t element_size) {
  auto properties = creation_ordered(H5P_DATASET_CREATE);
  hsize_t total = element_size;
  for (auto extent : shape)
    total *= extent;
  const bool any_empty = std::any_of(shape.begin(), shape.end(), [](hsize_t e) { return e == 0; });
  if (shape.empty() || any_empty || total < 16 * 1024) return properties;
  std::vector<hsize_t> chunk(shape.size(), 1);
  hsize_t chunk_bytes = element_size;
  for (std::size_t i = shape.size(); i-- > 0 && i + 2 >= shape.size();) {
    chunk[i] = std::max<hsize_t>(1, std::min<hsize_t>(shape[i], (1u << 20) / chunk_bytes));
    chunk_bytes *= chunk[i];
  }
  check_hdf5(H5Pset_chunk(properties, static_cast<int>(chunk.size()), chunk.data()), "set chunks");
  check_hdf5(H5Pset_shuffle(properties), "set shuffle filter");
  check_hdf5(H5Pset_deflate(properties, 4), "set deflate filter");
  return properties;
}

void write_attribute(hid_t object, const std::string& name, hid_t type, hid_t space,
                     const void* value) {
  if (H5Aexists(object, name.c_str()) > 0)
    check_hdf5(H5Adelete(object, name.c_str()), "replace attribute " + name);
  Hdf5Handle attribute(H5Acreate2(object, name.c_str(), type, space, H5P_DEFAULT, H5P_DEFAULT),
                       H5Aclose, "create attribute " + name);
  check_hdf5(H5Awrite(attribute, type, value), "write attribute " + name);
}

}  // namespace

LabelledArrayFile LabelledArrayFile::create(const std::filesystem::path& path) {
  silence_hdf5_error_stack();
  auto creation = creation_ordered(H5P_FILE_CREATE);
  return LabelledArrayFile(Hdf5Handle(H5Fcreate(path.c_str(), H5F_ACC_TRUNC, creation, H5P_DEFAULT),
                                      H5Fclose, "create " + path.string()),
                           path);
}

LabelledArrayFile LabelledArrayFile::open_read_only(const std::filesystem::path& path) {
  silence_hdf5_error_stack();
  return LabelledArrayFile(Hdf5Handle(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose,
                                      "open " + path.string() + " as HDF5"),
                           path);
}

Hdf5Handle LabelledArrayFile::create_group(hid_t parent, const std::string& name) const {
  auto creation = creation_ordered(H5P_GROUP_CREATE);
  return Hdf5Handle(H5Gcreate2(parent, name.c_str(), H5P_DEFAULT, creation, H5P_DEFAULT), H5Gclose,
                    "create group " + name);
}

void LabelledArrayFile::add_dimension(hid_t parent, const std::string& name,
                                      std::span<const std::int64_t> values,
                                      const VariableAttributes& attributes) const {
  add_variable(parent, name, {}, values, attributes);
  Hdf5Handle dataset(H5Dopen2(parent, name.c_str(), H5P_DEFAULT), H5Dclose, "open " + name);
  check_hdf5(H5DSset_scale(dataset, name.c_str()), "make " + name + " a dimension scale");
}

Hdf5Handle LabelledArrayFile::open_dimension(hid_t parent, const std::string& name) const {
  for (hid_t place : {parent, file_.get()})
    if (H5Lexists(place, name.c_str(), H5P_DEFAULT) > 0)
      return Hdf5Handle(H5Dopen2(place, name.c_str(), H5P_DEFAULT), H5Dclose, "open " + name);
  throw Hdf5Error("HDF5: dimension '" + name + "' was never added");
}

void LabelledArrayFile::add_typed_variable(hid_t parent, const std::string& name,
                                           const std::vector<std::string>& dims, hid_t type,
                                           const void* values, std::size_t count,
                                           const VariableAttributes& attributes) const {
  // A dimension's own coordinate variable is written with dims empty: its shape is its length.
  std::vector<hsize_t> shape;
  if (dims.empty()) {
    shape.push_back(count);
  } else {
    for (const auto& dim : dims) {
      Hdf5Handle scale = open_dimension(parent, dim);
      Hdf5Handle space(H5Dget_space(scale), H5Sclose, "read shape of " + dim);
      shape.push_back(static_cast<hsize_t>(H5Sget_simple_extent_npoints(space)));
    }
  }
  hsize_t expected = 1;
  for (auto extent : shape)
    expected *= extent;
  if (expected != count)
    throw Hdf5Error("HDF5: variable " + name + " has " + std::to_string(count) +
                    " values for a shape of " + std::to_string(expected));
  auto dataset = create_dataset(parent, name, dims, shape, type, attributes);
  if (count > 0)
    check_hdf5(H5Dwrite(dataset, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, values),
               "write " + name + " to " + path_.string());
}

Hdf5Handle LabelledArrayFile::create_dataset(hid_t parent, const std::string& name,
                                             const std::vector<std::string>& dims,
                                             const std::vector<hsize_t>& shape, hid_t type,
                                             const VariableAttributes& attributes) const {
  auto space = simple_space(shape);
  auto properties = dataset_properties(shape, H5Tget_size(type));
  Hdf5Handle dataset(
      H5Dcreate2(parent, name.c_str(), type, space, H5P_DEFAULT, properties, H5P_DEFAULT), H5Dclose,
      "create variable " + name);
  for (std::size_t i = 0; i < dims.size(); ++i)
    check_hdf5(H5DSattach_scale(dataset, open_dimension(parent, dims[i]), static_cast<unsigned>(i)),
               "attach dimension " + dims[i] + " to " + name);
  if (!attributes.long_name.empty()) set_attribute(dataset, "long_name", attributes.long_name);
  if (!attributes.units.empty()) set_attribute(dataset, "units", attributes.units);
  if (!attributes.coordinates.empty())
    set_attribute(dataset, "coordinates", attributes.coordinates);
  return dataset;
}

Hdf5Handle LabelledArrayFile::create_variable(hid_t parent, const std::string& name,
                                              const std::vector<std::string>& dims, hid_t type,
                                              const VariableAttributes& attributes) const {
  std::vector<hsize_t> shape;
  for (const auto& dim : dims) {
    Hdf5Handle scale = open_dimension(parent, dim);
    Hdf5Handle space(H5Dget_space(scale), H5Sclose, "read shape of " + dim);
    shape.push_back(static_cast<hsize_t>(H5Sget_simple_extent_npoints(space)));
  }
  return create_dataset(parent, name, dims, shape, type, attributes);
}

void LabelledArrayFile::write_rows(hid_t dataset, hid_t type, std::size_t first_row,
                                   std::size_t rows, const void* values) {
  if (rows == 0) return;
  Hdf5Handle file_space(H5Dget_space(dataset), H5Sclose, "space of a variable");
  const int rank = H5Sget_simple_extent_ndims(file_space);
  std::vector<hsize_t> extents(static_cast<std::size_t>(rank)), start(extents.size(), 0);
  H5Sget_simple_extent_dims(file_space, extents.data(), nullptr);
  std::vector<hsize_t> count = extents;
  start[0] = first_row;
  count[0] = rows;
  check_hdf5(
      H5Sselect_hyperslab(file_space, H5S_SELECT_SET, start.data(), nullptr, count.data(), nullptr),
      "select rows");
  auto memory_space = simple_space(count);
  check_hdf5(H5Dwrite(dataset, type, memory_space, file_space, H5P_DEFAULT, values), "write rows");
}

void LabelledArrayFile::add_variable(hid_t parent, const std::string& name,
                                     const std::vector<std::string>& dims,
                                     std::span<const double> values,
                                     const VariableAttributes& attributes) const {
  add_typed_variable(parent, name, dims, H5T_NATIVE_DOUBLE, values.data(), values.size(),
                     attributes);
}

void LabelledArrayFile::add_variable(hid_t parent, const std::string& name,
                                     const std::vector<std::string>& dims,
                                     std::span<const std::int64_t> values,
                                     const VariableAttributes& attributes) const {
  add_typed_variable(parent, name, dims, H5T_NATIVE_INT64, values.data(), values.size(),
                     attributes);
}

void LabelledArrayFile::add_variable(hid_t parent, const std::string& name,
                                     const std::vector<std::string>& dims,
                                     std::span<const std::uint64_t> values,
                                     const VariableAttributes& attributes) const {
  add_typed_variable(parent, name, dims, H5T_NATIVE_UINT64, values.data(), values.size(),
                     attributes);
}

void LabelledArrayFile::add_text_variable(hid_t parent, const std::string& name,
                                          const std::string& dim,
                                          const std::vector<std::string>& values,
                                          const VariableAttributes& attributes) const {
  // Variable-length strings: fixed-length string datasets crash Debian's netCDF-C 4.9.0.
  Hdf5Handle type(H5Tcopy(H5T_C_S1), H5Tclose, "copy string type");
  check_hdf5(H5Tset_size(type, H5T_VARIABLE), "make strings variable-length");
  check_hdf5(H5Tset_cset(type, H5T_CSET_UTF8), "set UTF-8");
  std::vector<const char*> pointers;
  for (const auto& value : values)
    pointers.push_back(value.c_str());
  add_typed_variable(parent, name, {dim}, type, pointers.data(), pointers.size(), attributes);
}

void LabelledArrayFile::set_attribute(hid_t object, const std::string& name,
                                      const std::string& value) {
  // A scalar variable-length UTF-8 string: netCDF reads it as a string attribute of any length.
  Hdf5Handle type(H5Tcopy(H5T_C_S1), H5Tclose, "copy string type");
  check_hdf5(H5Tset_size(type, H5T_VARIABLE), "make strings variable-length");
  check_hdf5(H5Tset_cset(type, H5T_CSET_UTF8), "set UTF-8");
  Hdf5Handle space(H5Screate(H5S_SCALAR), H5Sclose, "create scalar space");
  const char* text = value.c_str();
  write_attribute(object, name, type, space, &text);
}

void LabelledArrayFile::set_attribute(hid_t object, const std::string& name, double value) {
  Hdf5Handle space(H5Screate(H5S_SCALAR), H5Sclose, "create scalar space");
  write_attribute(object, name, H5T_NATIVE_DOUBLE, space, &value);
}

void LabelledArrayFile::set_attribute(hid_t object, const std::string& name, std::int64_t value) {
  Hdf5Handle space(H5Screate(H5S_SCALAR), H5Sclose, "create scalar space");
  write_attribute(object, name, H5T_NATIVE_INT64, space, &value);
}

void LabelledArrayFile::set_attribute(hid_t object, const std::string& name,
                                      std::span<const double> values) {
  auto space = simple_space({values.size()});
  write_attribute(object, name, H5T_NATIVE_DOUBLE, space, values.data());
}

void LabelledArrayFile::set_attribute(hid_t object, const std::string& name,
                                      std::span<const std::int64_t> values) {
  auto space = simple_space({values.size()});
  write_attribute(object, name, H5T_NATIVE_INT64, space, values.data());
}

void LabelledArrayFile::flush() const {
  check_hdf5(H5Fflush(file_, H5F_SCOPE_GLOBAL), "flush " + path_.string());
}

void LabelledArrayFile::close() {
  file_.reset();
}

}  // namespace reformsim
