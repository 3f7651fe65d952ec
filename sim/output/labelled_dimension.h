// labelled_dimension.h - a dimension whose positions have names (scenarios, measures, targets,
// sectors): an integer index coordinate `name` plus a string coordinate `name_label`, the form
// that netCDF readers handle everywhere (string dimension scales are not portable).
#pragma once

#include <string>
#include <vector>

#include "sim/output/labelled_arrays.h"

namespace reformsim {

void add_labelled_dimension(const LabelledArrayFile& file, hid_t parent, const std::string& name,
                            const std::string& long_name, const std::vector<std::string>& labels);

// 0, 1, ..., count - 1.
std::vector<std::int64_t> index_values(std::size_t count);

}  // namespace reformsim
