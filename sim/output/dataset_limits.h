// dataset_limits.h - how much of an input HDF5 file reformsim reads into memory at once. A file
// declares its datasets' shapes in a few bytes: a damaged or crafted one can declare 1e10 rows
// it never stored, and reading that whole would allocate for all of them (a 49 kB checkpoint
// asked for 160 GB). Every whole-dataset read checks the declared element count first and
// refuses, as bad input naming file, dataset and shape, before allocating anything.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sim/config/config_error.h"
#include "sim/output/hdf5_handle.h"

namespace reformsim {

// 2^27 elements: 1 GiB of float64 in one dataset, far beyond any checkpoint, chunk file or
// merged variable reformsim reads whole, far below what a machine cannot give.
constexpr std::uint64_t max_elements_read_at_once = std::uint64_t{1} << 27;

// "10000000000 x 2"; "scalar" for rank 0.
inline std::string shape_text(const std::vector<hsize_t>& shape) {
  if (shape.empty()) return "scalar";
  std::string text;
  for (std::size_t i = 0; i < shape.size(); ++i)
    text += (i ? " x " : "") + std::to_string(shape[i]);
  return text;
}

// The name of the file an object lives in, for messages.
inline std::string hdf5_file_name(hid_t object) {
  const ssize_t length = H5Fget_name(object, nullptr, 0);
  if (length <= 0) return "HDF5 file";
  std::string name(static_cast<std::size_t>(length) + 1, '\0');
  H5Fget_name(object, name.data(), name.size());
  name.resize(static_cast<std::size_t>(length));
  return name;
}

inline std::vector<hsize_t> declared_shape(hid_t dataset, const std::string& name) {
  Hdf5Handle space(H5Dget_space(dataset), H5Sclose, "read the shape of " + name);
  const int rank = H5Sget_simple_extent_ndims(space);
  if (rank < 0) throw Hdf5Error(hdf5_failure("read the rank of " + name));
  std::vector<hsize_t> shape(static_cast<std::size_t>(rank));
  H5Sget_simple_extent_dims(space, shape.data(), nullptr);
  return shape;
}

// The element count of shape; ConfigError(file, name, shape, ...) when above the cap. Counted
// without overflow: extents near 2^64 must not wrap round to a small product.
inline std::size_t checked_element_count(hid_t dataset, const std::string& name,
                                         const std::vector<hsize_t>& shape) {
  std::uint64_t count = 1;
  for (const hsize_t extent : shape)
    if (extent == 0) return 0;
  for (const hsize_t extent : shape) {
    if (count > max_elements_read_at_once / extent)
      throw ConfigError(hdf5_file_name(dataset), name, "shape " + shape_text(shape),
                        "declares more than the " + std::to_string(max_elements_read_at_once) +
                            " elements reformsim reads from one dataset: a damaged or crafted "
                            "file");
    count *= extent;
  }
  return static_cast<std::size_t>(count);
}

inline std::size_t checked_element_count(hid_t dataset, const std::string& name) {
  return checked_element_count(dataset, name, declared_shape(dataset, name));
}

}  // namespace reformsim
