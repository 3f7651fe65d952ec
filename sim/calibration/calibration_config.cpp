#include "sim/calibration/calibration_config.h"

#include <algorithm>
#include <stdexcept>

#include "sim/config/config_error.h"

namespace reformsim::calibration {
namespace {

const std::string prefix = "calibration.";
const std::string prior_prefix = "calibration.prior.";
const std::string source = "calibration setting";

bool starts_with(const std::string& text, const std::string& start) {
  return text.rfind(start, 0) == 0;
}

// The calibration.* settings: first without priors (to learn the free parameters), then with a
// prior key declared for each of them.
ParameterSet read_settings(const std::vector<ConfigEntry>& entries) {
  auto base = std::make_shared<ParameterRegistry>();
  declare_calibration_settings(*base);
  std::vector<ConfigEntry> without_priors;
  for (const auto& entry : entries)
    if (!starts_with(entry.key, prior_prefix)) without_priors.push_back(entry);
  const ParameterSet first = apply_entries(base, without_priors);
  auto full = std::make_shared<ParameterRegistry>(*base);
  for (const auto& key : first.texts("calibration.parameters"))
    if (!full->find(prior_prefix + key))
      full->add(text_parameter(prior_prefix + key, "", "prior of " + key, source));
  return apply_entries(full, entries);
}

void check_input_names(const ParameterSet& settings, const ParameterRegistry& model) {
  for (const auto& input : settings.texts("calibration.inputs")) {
    bool known = model.find(input) != nullptr;
    for (const auto& spec : model.specs())
      known = known || spec.section() == input;
    if (!known)
      throw ConfigError(settings.origin("calibration.inputs"), "calibration.inputs", input,
                        "neither a parameter nor a section of the model");
  }
}

bool is_input(const ParameterSpec& spec, const ParameterSet& settings) {
  const std::vector<std::string> engine_sections{"model", "run", "calendar"};
  if (std::count(engine_sections.begin(), engine_sections.end(), spec.section())) return true;
  for (const auto& input : settings.texts("calibration.inputs"))
    if (input == spec.key || input == spec.section()) return true;
  return false;
}

const ParameterSpec& free_parameter_spec(const std::string& key, const ParameterSet& settings,
                                         const Scenario& scenario) {
  const std::string origin = settings.origin("calibration.parameters");
  const ParameterSpec* spec = scenario.registry->find(key);
  if (!spec)
    throw ConfigError(origin, "calibration.parameters", key,
                      "not a parameter of model " + scenario.parameters.text("model.name") +
                          " (reformsim parameters --model NAME lists them)");
  if (spec->type != ParameterType::real && spec->type != ParameterType::integer)
    throw ConfigError(origin, "calibration.parameters", key,
                      "a " + type_name(spec->type) +
                          " parameter: only real and integer "
                          "parameters can be free");
  if (spec->reform_input)
    throw ConfigError(origin, "calibration.parameters", key,
                      "declared by model " + scenario.parameters.text("model.name") +
                          " as an input of the reform (departments, layers, steps, items, "
                          "powers, the reform's days): inputs are set from the reported "
                          "figures, never fitted");
  if (is_input(*spec, settings))
    throw ConfigError(origin, "calibration.parameters", key,
                      "an input of the reform or of the engine (section " + spec->section() +
                          ", or listed in calibration.inputs): inputs are set, never fitted");
  return *spec;
}

Prior checked_prior(const ParameterSpec& spec, const ParameterSet& settings) {
  const std::string key = prior_prefix + spec.key;
  const std::string text = settings.text(key);
  if (text.empty())
    throw ConfigError(settings.origin("calibration.parameters"), key, "",
                      "missing: every free parameter needs a prior");
  Prior prior;
  try {
    prior = parse_prior(text);
  } catch (const std::invalid_argument& error) {
    throw ConfigError(settings.origin(key), key, text, error.what());
  }
  if (prior.low < spec.minimum || prior.high > spec.maximum)
    throw ConfigError(settings.origin(key), key, text,
                      "the prior's support is not inside the declared range " + spec.range_text() +
                          " of " + spec.key);
  return prior;
}

ParameterSpace free_parameters(const ParameterSet& settings, const Scenario& scenario) {
  check_input_names(settings, *scenario.registry);
  std::vector<FreeParameter> parameters;
  for (const auto& key : settings.texts("calibration.parameters")) {
    for (const auto& earlier : parameters)
      if (earlier.key == key)
        throw ConfigError(settings.origin("calibration.parameters"), "calibration.parameters", key,
                          "listed twice");
    const ParameterSpec& spec = free_parameter_spec(key, settings, scenario);
    parameters.push_back({key, checked_prior(spec, settings), spec.type == ParameterType::integer});
  }
  if (parameters.empty())
    throw ConfigError(settings.origin("calibration.parameters"), "calibration.parameters", "",
                      "missing: name at least one free parameter");
  return ParameterSpace(std::move(parameters));
}

std::vector<TargetSpec> target_specs(const Scenario& scenario) {
  std::vector<TargetSpec> targets;
  for (const auto& bound : scenario.targets) {
    const Target& target = bound.target;
    targets.push_back({target.key, target.reported, target.uncertainty, target.weight, target.fit});
  }
  const bool any_fit = std::any_of(targets.begin(), targets.end(),
                                   [](const TargetSpec& target) { return target.fit; });
  if (!any_fit)
    throw ConfigError(scenario.config_path, "run.targets_file",
                      scenario.parameters.text("run.targets_file"),
                      "calibration needs a targets file with at least one 'fit' target");
  return targets;
}

}  // namespace

void declare_calibration_settings(ParameterRegistry& registry) {
  registry.add(text_parameter("calibration.scenario", "",
                              "the scenario config to calibrate, relative to this file", source));
  registry.add(text_list_parameter("calibration.parameters", {},
                                   "the free parameters (real or integer keys of the model)",
                                   source));
  registry.add(text_list_parameter("calibration.inputs", {},
                                   "keys or whole sections that are inputs of the reform and so "
                                   "can never be free",
                                   source));
  registry.add(choice_parameter("calibration.distance", "targets", {"targets", "adaptive"},
                                "scale of each target's deviation: its uncertainty, or the MAD "
                                "of the last generation (Prangle 2017)",
                                source));
  registry.add(integer_parameter("calibration.population", 200, 2, 1e6, "particles",
                                 "ABC-SMC population per generation", source));
  registry.add(real_parameter("calibration.alpha", 0.5, 0.01, 0.99, "1",
                              "next tolerance = this weighted quantile of the last distances",
                              source));
  registry.add(real_parameter("calibration.initial_quantile", 0.5, 0.01, 1, "1",
                              "first tolerance = this quantile of the prior-sample distances",
                              source));
  registry.add(real_parameter("calibration.minimum_tolerance", 0, 0, 1e300, "1",
                              "stop once a generation's tolerance is at or below this", source));
  registry.add(real_parameter("calibration.minimum_acceptance_rate", 0.01, 0, 1, "1",
                              "stop once a generation accepts fewer than this share of attempts",
                              source));
  registry.add(integer_parameter("calibration.simulation_budget", 100000, 1, 1e15, "simulations",
                                 "stop when this many parameter sets have been simulated", source));
  registry.add(integer_parameter("calibration.max_generations", 20, 1, 10000, "generations",
                                 "stop after this many generations", source));
  registry.add(integer_parameter("calibration.replications", 1, 1, 100000, "replications",
                                 "ABC-SMC: replications per parameter set (statistics averaged)",
                                 source));
  registry.add(choice_parameter("calibration.msm.algorithm", "crs2", {"crs2", "isres"},
                                "MSM global search: NLopt CRS2-LM or ISRES", source));
  registry.add(integer_parameter("calibration.msm.global_evaluations", 200, 1, 1e9, "evaluations",
                                 "MSM: budget of the global search", source));
  registry.add(integer_parameter("calibration.msm.local_evaluations", 100, 1, 1e9, "evaluations",
                                 "MSM: budget of the Sbplx polish", source));
  registry.add(integer_parameter("calibration.msm.replications", 4, 1, 100000, "replications",
                                 "MSM: common random numbers, the same seeds at every theta",
                                 source));
  registry.add(choice_parameter("calibration.msm.weighting", "identity",
                                {"identity", "inverse_variance"},
                                "MSM weighting matrix W (docs/calibration.md)", source));
}

CalibrationConfig load_calibration(const ModelCatalogue& models, const std::filesystem::path& file,
                                   const std::vector<ConfigEntry>& overrides,
                                   const std::string& targets_file, const std::string& seed_text) {
  std::vector<ConfigEntry> entries = read_config_file(file);
  entries.insert(entries.end(), overrides.begin(), overrides.end());
  std::vector<ConfigEntry> calibration_entries, scenario_entries;
  for (const auto& entry : entries)
    (starts_with(entry.key, prefix) ? calibration_entries : scenario_entries).push_back(entry);
  if (!targets_file.empty())
    scenario_entries.push_back({"run.targets_file", targets_file, "command line"});

  ParameterSet settings = read_settings(calibration_entries);
  const auto scenario_file = path_parameter(settings, "calibration.scenario");
  if (scenario_file.empty())
    throw ConfigError(file.string(), "calibration.scenario", "",
                      "missing: name the scenario config to calibrate");
  Scenario scenario = load_scenario(models, scenario_file, scenario_entries);
  if (!seed_text.empty()) {
    scenario.parameters.set_text("run.seed", seed_text, "command line (--seed)");
    scenario_entries.push_back({"run.seed", seed_text, "command line (--seed)"});
  }
  ParameterSpace space = free_parameters(settings, scenario);
  auto targets = target_specs(scenario);
  const auto master_seed = static_cast<std::uint64_t>(scenario.parameters.integer("run.seed"));
  const auto integer = [&](const char* key) {
    return static_cast<std::size_t>(settings.integer(key));
  };
  AbcSettings abc{integer("calibration.population"),
                  settings.real("calibration.alpha"),
                  settings.real("calibration.initial_quantile"),
                  settings.real("calibration.minimum_tolerance"),
                  settings.real("calibration.minimum_acceptance_rate"),
                  static_cast<std::uint64_t>(settings.integer("calibration.simulation_budget")),
                  integer("calibration.max_generations"),
                  integer("calibration.replications"),
                  distance_kind_from_name(settings.text("calibration.distance")),
                  master_seed};
  MsmSettings msm{global_algorithm_from_name(settings.text("calibration.msm.algorithm")),
                  static_cast<int>(settings.integer("calibration.msm.global_evaluations")),
                  static_cast<int>(settings.integer("calibration.msm.local_evaluations")),
                  1e-6,
                  integer("calibration.msm.replications"),
                  moment_weighting_from_name(settings.text("calibration.msm.weighting")),
                  master_seed};
  return {file.string(),
          std::move(scenario),
          std::move(settings),
          std::move(space),
          std::move(targets),
          abc,
          msm,
          std::move(scenario_entries)};
}

std::string calibration_inputs_text(const CalibrationConfig& config, const std::string& method) {
  std::string text = "method = " + method + "\n" + config.scenario.parameters.to_ini() + "\n" +
                     config.settings.to_ini() + "\n[targets]\n";
  for (const auto& target : config.targets)
    text += target.key + " = " + format_parameter_value(ParameterValue{target.reported}) + ", " +
            format_parameter_value(ParameterValue{target.uncertainty}) + ", " +
            format_parameter_value(ParameterValue{target.weight}) + ", " +
            (target.fit ? "fit" : "check") + "\n";
  return text;
}

}  // namespace reformsim::calibration
