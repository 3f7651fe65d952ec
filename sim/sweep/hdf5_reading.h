// hdf5_reading.h - reading back what LabelledArrayFile wrote, without knowing the model: a
// dataset's dimension names, shape and values, and scalar attributes. Used by merge (which
// copies whatever variables the chunk files hold) and by the sensitivity analysis. The read_*
// functions read a dataset whole; a declared shape above max_elements_read_at_once
// (sim/output/dataset_limits.h) is refused first, as a ConfigError naming file, dataset, shape.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sim/output/hdf5_handle.h"

namespace reformsim::sweep {

struct DatasetShape {
  std::vector<std::string> dims;  // dimension scale names ("" where none is attached)
  std::vector<std::size_t> extents;
  std::size_t elements() const;
};

enum class StoredType { float64, int64, uint64, text, other };

bool has_attribute(hid_t object, const std::string& name);
std::string text_attribute(hid_t object, const std::string& name);      // Hdf5Error if absent
std::int64_t integer_attribute(hid_t object, const std::string& name);  // Hdf5Error if absent

// The datasets directly under group, in creation order (by name where it is not indexed).
std::vector<std::string> dataset_names(hid_t group);
bool is_dimension_scale(hid_t group, const std::string& name);
DatasetShape dataset_shape(hid_t group, const std::string& name);
StoredType stored_type(hid_t group, const std::string& name);

std::vector<double> read_doubles(hid_t group, const std::string& name);
std::vector<std::int64_t> read_integers(hid_t group, const std::string& name);
std::vector<std::uint64_t> read_unsigned(hid_t group, const std::string& name);
std::vector<std::string> read_texts(hid_t group, const std::string& name);

// A dataset's string attribute (long_name, units, coordinates), "" if absent.
std::string dataset_text_attribute(hid_t group, const std::string& dataset,
                                   const std::string& name);

}  // namespace reformsim::sweep
