#include "sim/scenarios/measure_set.h"

#include "sim/config/config_error.h"

namespace reformsim {
namespace {

std::vector<std::string> split(const std::string& text, char separator) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (true) {
    const auto end = text.find(separator, start);
    parts.push_back(text.substr(start, end - start));
    if (end == std::string::npos) return parts;
    start = end + 1;
  }
}

}  // namespace

std::vector<ReformMeasure> parse_measures(const std::string& text,
                                          const ParameterRegistry& registry) {
  std::vector<ReformMeasure> measures;
  for (const auto& item : split(text, ',')) {
    if (item.empty()) throw ConfigError("command line", "--measures", text, "empty measure name");
    const auto equals = item.find('=');
    ReformMeasure measure{item.substr(0, equals), {}};
    const auto keys = equals == std::string::npos ? std::vector<std::string>{measure.name}
                                                  : split(item.substr(equals + 1), '+');
    for (const auto& name : keys) {
      const std::string key = name.find('.') == std::string::npos ? "reform." + name : name;
      const ParameterSpec* spec = registry.find(key);
      if (!spec)
        throw ConfigError("command line", "--measures", key, "not a parameter of this model");
      if (spec->type != ParameterType::boolean)
        throw ConfigError("command line", "--measures", key, "not a boolean switch");
      measure.keys.push_back(key);
    }
    for (const auto& other : measures)
      if (other.name == measure.name)
        throw ConfigError("command line", "--measures", measure.name, "measure named twice");
    measures.push_back(measure);
  }
  if (measures.size() > 20)
    throw ConfigError("command line", "--measures", std::to_string(measures.size()) + " measures",
                      "at most 20 (group measures with name=a+b)");
  return measures;
}

ParameterSet with_measures(const ParameterSet& full, const std::vector<ReformMeasure>& measures,
                           MeasureMask mask) {
  ParameterSet parameters = full;
  for (std::size_t i = 0; i < measures.size(); ++i)
    for (const auto& key : measures[i].keys)
      parameters.set_value(key, bool((mask >> i) & 1u), "decomposition");
  return parameters;
}

std::string mask_label(const std::vector<ReformMeasure>& measures, MeasureMask mask) {
  std::string label;
  for (std::size_t i = 0; i < measures.size(); ++i)
    if ((mask >> i) & 1u) label += (label.empty() ? "" : "+") + measures[i].name;
  return label.empty() ? "none" : label;
}

}  // namespace reformsim
