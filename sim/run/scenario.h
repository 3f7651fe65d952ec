// scenario.h - a scenario is a config: the model it names, that model's and the engine's
// declared parameters, and the validated values read from a file and the command line.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "sim/config/config_loader.h"
#include "sim/model/model.h"
#include "sim/targets/target.h"

namespace reformsim {

struct Scenario {
  const Model* model = nullptr;
  std::shared_ptr<const ParameterRegistry> registry;
  ParameterSet parameters;
  std::string config_path;
  std::string name;  // the config file's stem: "binhai_2018"
  MetricCatalogue metrics;
  std::vector<ResolvedTarget> targets;  // from run.targets_file, bound to the metrics
};

// The engine's own parameters (model.name, run.*, calendar.*), for --help and the dictionary.
void declare_engine_parameters(ParameterRegistry& registry, const ModelCatalogue& models);

// The full registry of one model: the engine's parameters, then the model's.
std::shared_ptr<const ParameterRegistry> build_registry(const Model& model,
                                                        const ModelCatalogue& models);

// Reads config_file (includes resolved), then overrides, picks the model from model.name, and
// validates every value and then their combination, then reads and binds the targets file. Throws
// ConfigError naming file, key and value; nothing is simulated or written before this returns.
Scenario load_scenario(const ModelCatalogue& models, const std::filesystem::path& config_file,
                       const std::vector<ConfigEntry>& overrides);

}  // namespace reformsim
