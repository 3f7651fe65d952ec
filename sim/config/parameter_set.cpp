#include "sim/config/parameter_set.h"

#include <stdexcept>

#include "sim/config/config_error.h"

namespace reformsim {

ParameterSet::ParameterSet(std::shared_ptr<const ParameterRegistry> registry)
    : registry_(std::move(registry)) {
  for (const auto& spec : registry_->specs()) {
    values_[spec.key] = spec.default_value;
    origins_[spec.key] = "default";
  }
}

void ParameterSet::set_text(const std::string& key, const std::string& text,
                            const std::string& origin) {
  const ParameterSpec* spec = registry_->find(key);
  if (!spec) throw ConfigError(origin, key, text, "unknown key");
  try {
    values_[key] = parse_parameter_value(*spec, text);
  } catch (const std::invalid_argument& error) {
    throw ConfigError(origin, key, text, error.what());
  }
  origins_[key] = origin;
}

void ParameterSet::set_value(const std::string& key, const ParameterValue& value,
                             const std::string& origin) {
  // Going through the text keeps one validation path for files, command lines and programs.
  set_text(key, format_parameter_value(value), origin);
}

template <typename T>
const T& ParameterSet::typed(const std::string& key) const {
  const auto& stored = value(key);
  if (const T* typed_value = std::get_if<T>(&stored)) return *typed_value;
  throw std::logic_error("parameter '" + key + "' is a " + type_name(registry_->at(key).type) +
                         ", read with the wrong getter");
}

bool ParameterSet::boolean(const std::string& key) const {
  return typed<bool>(key);
}
std::int64_t ParameterSet::integer(const std::string& key) const {
  return typed<std::int64_t>(key);
}
double ParameterSet::real(const std::string& key) const {
  return typed<double>(key);
}
const std::string& ParameterSet::text(const std::string& key) const {
  return typed<std::string>(key);
}
const std::vector<std::int64_t>& ParameterSet::integers(const std::string& key) const {
  return typed<std::vector<std::int64_t>>(key);
}
const std::vector<double>& ParameterSet::reals(const std::string& key) const {
  return typed<std::vector<double>>(key);
}
const std::vector<std::string>& ParameterSet::texts(const std::string& key) const {
  return typed<std::vector<std::string>>(key);
}

const ParameterValue& ParameterSet::value(const std::string& key) const {
  const auto found = values_.find(key);
  if (found == values_.end()) throw std::logic_error("parameter '" + key + "' was never declared");
  return found->second;
}

const std::string& ParameterSet::origin(const std::string& key) const {
  value(key);  // the same error for undeclared keys
  return origins_.at(key);
}

std::string ParameterSet::to_ini() const {
  std::string text;
  std::string current_section;
  // Sections are written in order of first declaration; keys inside keep declaration order.
  std::vector<std::string> sections;
  for (const auto& spec : registry_->specs()) {
    bool seen = false;
    for (const auto& section : sections)
      seen = seen || section == spec.section();
    if (!seen) sections.push_back(spec.section());
  }
  for (const auto& section : sections) {
    text += (text.empty() ? "[" : "\n[") + section + "]\n";
    for (const auto& spec : registry_->specs()) {
      if (spec.section() != section) continue;
      text += spec.key.substr(section.size() + 1) + " = " +
              format_parameter_value(value(spec.key)) + "\n";
    }
  }
  return text;
}

}  // namespace reformsim
