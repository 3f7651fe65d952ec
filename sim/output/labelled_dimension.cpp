#include "sim/output/labelled_dimension.h"

#include <numeric>

namespace reformsim {

std::vector<std::int64_t> index_values(std::size_t count) {
  std::vector<std::int64_t> values(count);
  std::iota(values.begin(), values.end(), 0);
  return values;
}

void add_labelled_dimension(const LabelledArrayFile& file, hid_t parent, const std::string& name,
                            const std::string& long_name, const std::vector<std::string>& labels) {
  file.add_dimension(parent, name, index_values(labels.size()), {long_name, "1", ""});
  file.add_text_variable(parent, name + "_label", name, labels, {long_name + " (label)", "", ""});
}

}  // namespace reformsim
