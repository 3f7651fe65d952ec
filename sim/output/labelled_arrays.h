// labelled_arrays.h - writes HDF5 that netCDF-4 readers (xarray, R's ncdf4, MATLAB's ncread)
// open as labelled arrays: every dimension is a dimension scale with a coordinate variable,
// every variable has its scales attached, links and attributes keep creation order, strings
// are variable-length. Knows nothing about what the arrays mean.
#pragma once

#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <vector>

#include "sim/output/hdf5_handle.h"

namespace reformsim {

struct VariableAttributes {
  std::string long_name;
  std::string units;
  std::string coordinates;  // auxiliary coordinate variables, space-separated ("year burn_in")
};

class LabelledArrayFile {
 public:
  // Creates (truncates) path with creation order tracked on links and attributes.
  static LabelledArrayFile create(const std::filesystem::path& path);
  // Opens an existing file read-only (for describe and readers).
  static LabelledArrayFile open_read_only(const std::filesystem::path& path);

  hid_t root() const { return file_; }
  Hdf5Handle create_group(hid_t parent, const std::string& name) const;

  // A dimension named `name` with integer coordinate values, made a dimension scale.
  void add_dimension(hid_t parent, const std::string& name, std::span<const std::int64_t> values,
                     const VariableAttributes& attributes) const;

  // A float64 variable over named dimensions (already added, looked up in parent then the root),
  // row-major data; chunked by its last two dimensions and deflated when large enough to pay.
  void add_variable(hid_t parent, const std::string& name, const std::vector<std::string>& dims,
                    std::span<const double> values, const VariableAttributes& attributes) const;
  void add_variable(hid_t parent, const std::string& name, const std::vector<std::string>& dims,
                    std::span<const std::int64_t> values,
                    const VariableAttributes& attributes) const;
  void add_variable(hid_t parent, const std::string& name, const std::vector<std::string>& dims,
                    std::span<const std::uint64_t> values,
                    const VariableAttributes& attributes) const;
  // A variable-length string variable along one dimension.
  void add_text_variable(hid_t parent, const std::string& name, const std::string& dim,
                         const std::vector<std::string>& values,
                         const VariableAttributes& attributes) const;

  // A variable over named dimensions created without values, to be filled in slabs along its
  // first dimension by write_rows: a merged sweep never holds a whole variable in memory.
  Hdf5Handle create_variable(hid_t parent, const std::string& name,
                             const std::vector<std::string>& dims, hid_t type,
                             const VariableAttributes& attributes) const;
  // Writes rows [first_row, first_row + rows) along the first dimension of dataset, from
  // values holding rows x (the product of the other extents) elements of type.
  static void write_rows(hid_t dataset, hid_t type, std::size_t first_row, std::size_t rows,
                         const void* values);

  static void set_attribute(hid_t object, const std::string& name, const std::string& value);
  static void set_attribute(hid_t object, const std::string& name, double value);
  static void set_attribute(hid_t object, const std::string& name, std::int64_t value);
  static void set_attribute(hid_t object, const std::string& name, std::span<const double> values);
  static void set_attribute(hid_t object, const std::string& name,
                            std::span<const std::int64_t> values);

  // Flushes everything to disk; call before writing the `complete` attribute and again after.
  // A failure (a full disk) names the file: "HDF5: cannot flush PATH (No space left on device)".
  void flush() const;
  void close();

 private:
  LabelledArrayFile(Hdf5Handle file, std::filesystem::path path)
      : file_(std::move(file)), path_(std::move(path)) {}
  void add_typed_variable(hid_t parent, const std::string& name,
                          const std::vector<std::string>& dims, hid_t type, const void* values,
                          std::size_t count, const VariableAttributes& attributes) const;
  Hdf5Handle open_dimension(hid_t parent, const std::string& name) const;
  Hdf5Handle create_dataset(hid_t parent, const std::string& name,
                            const std::vector<std::string>& dims, const std::vector<hsize_t>& shape,
                            hid_t type, const VariableAttributes& attributes) const;

  Hdf5Handle file_;
  std::filesystem::path path_;  // for messages
};

}  // namespace reformsim
