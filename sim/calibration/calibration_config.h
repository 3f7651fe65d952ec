// calibration_config.h - a calibration config: an INI file whose `[calibration]` keys say what
// to fit and how, and whose other keys override the scenario it names:
//
//   [calibration]
//   scenario = ../demo_market.ini              # the scenario config, relative to this file
//   parameters = market.entry_value_days, market.productivity_volatility
//   inputs = market.approval_days_before, market.approval_days_after, market.reform_day, reform
//   population = 200                          # and the other settings declared below
//   [calibration.prior]
//   market.entry_value_days = uniform(5, 60)
//   market.productivity_volatility = log_uniform(0.005, 0.05)
//   [calibration.msm]
//   algorithm = crs2
//
// Every `calibration.*` key is declared as a parameter (so `reformsim calibrate --help` lists
// them and a typo is refused like any unknown key); a prior is declared for each free
// parameter only, so a prior for a parameter that is not free is an unknown key. A free
// parameter must be a real or integer parameter the model declares, outside the engine's
// sections (model, run, calendar) and outside `calibration.inputs` (keys or whole sections:
// the inputs of the reform, MODEL.md section 9, are set, never fitted); its prior's support
// must lie inside the declared range, and the model must not have declared it an input of the
// reform (ParameterSpec::reform_input), whatever calibration.inputs lists. Every refusal is a
// ConfigError naming file, key, value.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "sim/calibration/abc_smc.h"
#include "sim/calibration/msm.h"
#include "sim/run/scenario.h"

namespace reformsim::calibration {

struct CalibrationConfig {
  std::string config_path;
  Scenario scenario;
  ParameterSet settings;  // the calibration.* values, validated
  ParameterSpace space;
  std::vector<TargetSpec> targets;
  AbcSettings abc;
  MsmSettings msm;
  // The scenario keys the calibration config and the command line override (targets_file
  // included): the conditions the posterior holds under.
  std::vector<ConfigEntry> scenario_overrides;
};

// Declares the calibration.* settings (not the priors) in registry.
void declare_calibration_settings(ParameterRegistry& registry);

// Reads file (includes resolved) and the command-line overrides (calibration.* ones included),
// loads the scenario with the other keys as overrides (targets_file replaced when not empty),
// and checks everything above. master_seed: --seed, else the scenario's run.seed.
CalibrationConfig load_calibration(const ModelCatalogue& models, const std::filesystem::path& file,
                                   const std::vector<ConfigEntry>& overrides,
                                   const std::string& targets_file, const std::string& seed_text);

// The text that must match for --resume to continue a file: the scenario's effective config,
// the calibration settings, the method, the master seed and every target.
std::string calibration_inputs_text(const CalibrationConfig& config, const std::string& method);

}  // namespace reformsim::calibration
