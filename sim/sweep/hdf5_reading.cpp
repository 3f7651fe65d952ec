#include "sim/sweep/hdf5_reading.h"

#include <hdf5_hl.h>

#include <algorithm>

#include "sim/output/dataset_limits.h"
#include "sim/output/link_order.h"

namespace reformsim::sweep {
namespace {

Hdf5Handle open_dataset(hid_t group, const std::string& name) {
  return Hdf5Handle(H5Dopen2(group, name.c_str(), H5P_DEFAULT), H5Dclose, "open " + name);
}

template <typename Value>
std::vector<Value> read_all(hid_t group, const std::string& name, hid_t memory_type) {
  auto dataset = open_dataset(group, name);
  // The declared shape is checked before allocating: a chunk or design file can declare far
  // more than it holds.
  std::vector<Value> values(checked_element_count(dataset, name));
  if (!values.empty())
    check_hdf5(H5Dread(dataset, memory_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()),
               "read " + name);
  return values;
}

herr_t collect_dataset_name(hid_t group, const char* name, const H5L_info_t*, void* data) {
  H5O_info_t info;
  if (H5Oget_info_by_name(group, name, &info, H5P_DEFAULT) < 0) return -1;
  if (info.type == H5O_TYPE_DATASET) static_cast<std::vector<std::string>*>(data)->push_back(name);
  return 0;
}

herr_t scale_name(hid_t, unsigned, hid_t scale, void* out) {
  char buffer[512] = {0};
  H5DSget_scale_name(scale, buffer, sizeof buffer);
  *static_cast<std::string*>(out) = buffer;
  return 1;
}

}  // namespace

std::size_t DatasetShape::elements() const {
  std::size_t count = 1;
  for (auto extent : extents)
    count *= extent;
  return count;
}

bool has_attribute(hid_t object, const std::string& name) {
  return H5Aexists(object, name.c_str()) > 0;
}

std::string text_attribute(hid_t object, const std::string& name) {
  Hdf5Handle attribute(H5Aopen(object, name.c_str(), H5P_DEFAULT), H5Aclose,
                       "open attribute " + name);
  Hdf5Handle type(H5Aget_type(attribute), H5Tclose, "type of " + name);
  if (H5Tget_class(type) != H5T_STRING || H5Tis_variable_str(type) <= 0)
    throw Hdf5Error("HDF5: attribute " + name + " is not a variable-length string");
  char* text = nullptr;
  check_hdf5(H5Aread(attribute, type, &text), "read attribute " + name);
  std::string value = text ? text : "";
  H5free_memory(text);
  return value;
}

std::int64_t integer_attribute(hid_t object, const std::string& name) {
  Hdf5Handle attribute(H5Aopen(object, name.c_str(), H5P_DEFAULT), H5Aclose,
                       "open attribute " + name);
  std::int64_t value = 0;
  check_hdf5(H5Aread(attribute, H5T_NATIVE_INT64, &value), "read attribute " + name);
  return value;
}

std::vector<std::string> dataset_names(hid_t group) {
  std::vector<std::string> names;
  check_hdf5(
      H5Literate(group, link_index(group), H5_ITER_INC, nullptr, collect_dataset_name, &names),
      "list datasets");
  return names;
}

bool is_dimension_scale(hid_t group, const std::string& name) {
  return H5DSis_scale(open_dataset(group, name)) > 0;
}

DatasetShape dataset_shape(hid_t group, const std::string& name) {
  auto dataset = open_dataset(group, name);
  Hdf5Handle space(H5Dget_space(dataset), H5Sclose, "space of " + name);
  const int rank = H5Sget_simple_extent_ndims(space);
  std::vector<hsize_t> extents(static_cast<std::size_t>(std::max(rank, 0)));
  H5Sget_simple_extent_dims(space, extents.data(), nullptr);
  DatasetShape shape;
  const bool scale = H5DSis_scale(dataset) > 0;
  for (int d = 0; d < rank; ++d) {
    std::string dim;
    if (scale)
      dim = name;
    else
      H5DSiterate_scales(dataset, static_cast<unsigned>(d), nullptr, scale_name, &dim);
    shape.dims.push_back(dim);
    shape.extents.push_back(static_cast<std::size_t>(extents[static_cast<std::size_t>(d)]));
  }
  return shape;
}

StoredType stored_type(hid_t group, const std::string& name) {
  auto dataset = open_dataset(group, name);
  Hdf5Handle type(H5Dget_type(dataset), H5Tclose, "type of " + name);
  const H5T_class_t kind = H5Tget_class(type);
  if (kind == H5T_FLOAT && H5Tget_size(type) == 8) return StoredType::float64;
  if (kind == H5T_INTEGER && H5Tget_size(type) == 8)
    return H5Tget_sign(type) == H5T_SGN_NONE ? StoredType::uint64 : StoredType::int64;
  if (kind == H5T_STRING && H5Tis_variable_str(type) > 0) return StoredType::text;
  return StoredType::other;
}

std::vector<double> read_doubles(hid_t group, const std::string& name) {
  return read_all<double>(group, name, H5T_NATIVE_DOUBLE);
}

std::vector<std::int64_t> read_integers(hid_t group, const std::string& name) {
  return read_all<std::int64_t>(group, name, H5T_NATIVE_INT64);
}

std::vector<std::uint64_t> read_unsigned(hid_t group, const std::string& name) {
  return read_all<std::uint64_t>(group, name, H5T_NATIVE_UINT64);
}

std::vector<std::string> read_texts(hid_t group, const std::string& name) {
  auto dataset = open_dataset(group, name);
  Hdf5Handle type(H5Dget_type(dataset), H5Tclose, "type of " + name);
  std::vector<char*> pointers(checked_element_count(dataset, name));
  if (!pointers.empty())
    check_hdf5(H5Dread(dataset, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, pointers.data()),
               "read " + name);
  std::vector<std::string> texts;
  for (char* pointer : pointers) {
    texts.emplace_back(pointer ? pointer : "");
    H5free_memory(pointer);
  }
  return texts;
}

std::string dataset_text_attribute(hid_t group, const std::string& dataset,
                                   const std::string& name) {
  auto handle = open_dataset(group, dataset);
  return has_attribute(handle, name) ? text_attribute(handle, name) : "";
}

}  // namespace reformsim::sweep
