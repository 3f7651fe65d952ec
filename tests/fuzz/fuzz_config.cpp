// fuzz_config.cpp - libFuzzer target for scenario configs: the bytes as an INI file through
// load_scenario (Boost.Program_options syntax, includes, the model's parameter values and
// ranges, the model's checks of their combination), then the same bytes as one value of every
// declared parameter type. Bad input must be refused with a ConfigError; nothing may crash,
// overflow or throw anything else.
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>

#include "models/model_catalogue.h"
#include "sim/config/config_error.h"
#include "sim/run/scenario.h"
#include "tests/fuzz/fuzz_input_file.h"

namespace {

const reformsim::ModelCatalogue& catalogue() {
  static const reformsim::ModelCatalogue models = reformsim::models::all_models();
  return models;
}

// One parameter of each model's registry, chosen by the first byte, parses the rest as text.
void parse_as_value(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return;
  const auto names = catalogue().names();
  const auto* model = catalogue().find(names[data[0] % names.size()]);
  const auto registry = reformsim::build_registry(*model, catalogue());
  const auto& specs = registry->specs();
  const auto& spec = specs[(static_cast<std::size_t>(data[0]) * 7919u) % specs.size()];
  const std::string text(reinterpret_cast<const char*>(data + 1), size - 1);
  try {
    const auto value = reformsim::parse_parameter_value(spec, text);
    // What parses must format back to text that parses to the same value.
    if (reformsim::parse_parameter_value(spec, reformsim::format_parameter_value(value)) != value)
      throw std::logic_error("value of " + spec.key + " does not survive formatting: " + text);
  } catch (const std::invalid_argument&) {
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto file = reformsim::fuzzing::write_input_beside_configs(data, size, ".ini");
  try {
    reformsim::load_scenario(catalogue(), file, {});
  } catch (const reformsim::ConfigError&) {
  }
  parse_as_value(data, size);
  return 0;
}
