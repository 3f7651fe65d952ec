#include "sim/config/parameter_registry.h"

#include <stdexcept>

namespace reformsim {

void ParameterRegistry::add(ParameterSpec spec) {
  if (spec.section().empty() || spec.key.back() == '.')
    throw std::logic_error("parameter key '" + spec.key + "' must look like section.name");
  if (index_.count(spec.key)) throw std::logic_error("parameter '" + spec.key + "' declared twice");
  index_.emplace(spec.key, specs_.size());
  specs_.push_back(std::move(spec));
}

const ParameterSpec* ParameterRegistry::find(const std::string& key) const {
  const auto found = index_.find(key);
  return found == index_.end() ? nullptr : &specs_[found->second];
}

const ParameterSpec& ParameterRegistry::at(const std::string& key) const {
  if (const auto* spec = find(key)) return *spec;
  throw std::logic_error("parameter '" + key + "' was never declared");
}

std::string ParameterRegistry::markdown_table() const {
  std::string table =
      "| key | type | default | accepted | unit | description | source |\n"
      "|---|---|---|---|---|---|---|\n";
  for (const auto& spec : specs_) {
    table += "| `" + spec.key + "` | " + type_name(spec.type) + " | " +
             format_parameter_value(spec.default_value) + " | " + spec.range_text() + " | " +
             spec.unit + " | " + spec.description + " | " + spec.source + " |\n";
  }
  return table;
}

}  // namespace reformsim
