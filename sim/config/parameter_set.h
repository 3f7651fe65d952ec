// parameter_set.h - the effective, validated value of every declared parameter, with where each
// value came from. Immutable once a simulation starts; models read it through typed getters.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "sim/config/parameter_registry.h"

namespace reformsim {

class ParameterSet {
 public:
  // Every parameter starts at its declared default, with origin "default".
  explicit ParameterSet(std::shared_ptr<const ParameterRegistry> registry);

  // Parses text for key: throws ConfigError(origin, key, text, reason) on an unknown key or a
  // bad value, so a message always names where the value came from.
  void set_text(const std::string& key, const std::string& text, const std::string& origin);
  // Sets an already typed value (sweeps, calibration); checks range and type the same way.
  void set_value(const std::string& key, const ParameterValue& value, const std::string& origin);

  bool boolean(const std::string& key) const;
  std::int64_t integer(const std::string& key) const;
  double real(const std::string& key) const;
  const std::string& text(const std::string& key) const;  // text and choice parameters
  const std::vector<std::int64_t>& integers(const std::string& key) const;
  const std::vector<double>& reals(const std::string& key) const;
  const std::vector<std::string>& texts(const std::string& key) const;

  const ParameterValue& value(const std::string& key) const;
  const std::string& origin(const std::string& key) const;  // a file, "command line", "default"
  const ParameterRegistry& registry() const { return *registry_; }

  // The effective configuration as an INI text that loads back to the same set: one section
  // per prefix, every parameter (defaults included), in declaration order.
  std::string to_ini() const;

 private:
  template <typename T>
  const T& typed(const std::string& key) const;

  std::shared_ptr<const ParameterRegistry> registry_;
  std::map<std::string, ParameterValue> values_;
  std::map<std::string, std::string> origins_;
};

}  // namespace reformsim
