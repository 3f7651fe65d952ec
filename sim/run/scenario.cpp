#include "sim/run/scenario.h"

#include "sim/config/config_error.h"

namespace reformsim {

void declare_engine_parameters(ParameterRegistry& registry, const ModelCatalogue& models) {
  auto names = models.names();
  registry.add(choice_parameter("model.name", names.empty() ? "" : names.front(), names,
                                "the model this scenario runs", "scenario choice"));
  registry.add(integer_parameter("run.seed", 20180101, 0, 9.2e18, "",
                                 "master seed; replication r gets derive_seed(seed, 0, r)",
                                 "scenario choice"));
  registry.add(integer_parameter("run.replications", 1, 1, 100000, "replications",
                                 "independent replications, each with its own derived seed",
                                 "scenario choice"));
  registry.add(text_parameter("run.targets_file", "",
                              "CSV of reported figures and the statistics they compare to (see "
                              "configs/targets/README.md), relative to this config file; empty: "
                              "no targets group",
                              "scenario choice"));
  Calendar::declare_parameters(registry);
}

std::shared_ptr<const ParameterRegistry> build_registry(const Model& model,
                                                        const ModelCatalogue& models) {
  auto registry = std::make_shared<ParameterRegistry>();
  declare_engine_parameters(*registry, models);
  model.declare_parameters(*registry);
  return registry;
}

Scenario load_scenario(const ModelCatalogue& models, const std::filesystem::path& config_file,
                       const std::vector<ConfigEntry>& overrides) {
  std::vector<ConfigEntry> entries = read_config_file(config_file);
  entries.insert(entries.end(), overrides.begin(), overrides.end());

  // The model decides which keys exist, so it is looked up before anything else is checked.
  std::string model_origin = config_file.string();
  for (const auto& entry : entries)
    if (entry.key == "model.name") model_origin = entry.origin;
  const std::string model_name = find_entry(entries, "model.name", "");
  const Model* model = models.find(model_name);
  if (!model) {
    std::string accepted;
    for (const auto& name : models.names())
      accepted += (accepted.empty() ? "" : ", ") + name;
    throw ConfigError(model_origin, "model.name", model_name,
                      model_name.empty()
                          ? "missing: every config names its model; accepted " + accepted
                          : "unknown model: accepted " + accepted);
  }

  auto registry = build_registry(*model, models);
  ParameterSet parameters = apply_entries(registry, entries);
  model->validate(parameters);
  Scenario scenario{
      model, registry, std::move(parameters), config_file.string(), config_file.stem().string(),
      {},    {}};
  scenario.metrics = model->metrics(scenario.parameters);
  const auto targets_file = path_parameter(scenario.parameters, "run.targets_file");
  if (!targets_file.empty())
    scenario.targets = resolve_targets(read_targets(targets_file), scenario.metrics,
                                       Calendar::from(scenario.parameters));
  return scenario;
}

}  // namespace reformsim
