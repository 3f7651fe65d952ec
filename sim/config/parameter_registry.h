// parameter_registry.h - the declared parameters of the engine and of a model, in declaration
// order. A registry is built once per model and is immutable while simulations run.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "sim/config/parameter_spec.h"

namespace reformsim {

class ParameterRegistry {
 public:
  // Throws std::logic_error when the key is declared twice or has no "section." prefix:
  // both are programming errors in a model, not user errors.
  void add(ParameterSpec spec);

  const ParameterSpec* find(const std::string& key) const;
  const ParameterSpec& at(const std::string& key) const;  // std::logic_error if undeclared
  const std::vector<ParameterSpec>& specs() const { return specs_; }

  // A Markdown table of every parameter (key, type, default, range, unit, description,
  // source): the parameter dictionary of the documentation is generated from it.
  std::string markdown_table() const;

 private:
  std::vector<ParameterSpec> specs_;
  std::map<std::string, std::size_t> index_;
};

}  // namespace reformsim
