#include "models/organisation/organisation_settings.h"

#include <algorithm>

#include "sim/config/config_error.h"
#include "sim/config/config_loader.h"

namespace reformsim::models {
namespace {

const std::string article_1_1 = "seed section 1.1";
const std::string assumption = "assumption";

void declare_hierarchy(ParameterRegistry& registry) {
  registry.add(text_list_parameter(
      "organisation.level_names",
      {"principal_head", "deputy_head", "unit_head", "middle_manager", "staff"},
      "post levels from the top down; the last is the entry level ('ordinary staff'); "
      "unit_head = head of a subordinate unit, the layer flattening removes",
      "seed section 1.1-1.2 (department heads, deputies, subordinate units, middle posts)"));
  registry.add(real_list_parameter("organisation.responsibility_weights", {5, 3, 2, 1.5, 1}, 0, 1e6,
                                   "1", "responsibility weight of a post at each level",
                                   assumption));
  registry.add(integer_list_parameter(
      "organisation.posts_per_unit_before", {1, 2, 1, 4, 16}, 0, 1e7, "posts",
      "posts per level in every unit before merge_departments", "assumption (README.md)"));
  registry.add(integer_list_parameter(
      "organisation.posts_per_unit_after", {1, 4, 2, 13, 37}, 0, 1e7, "posts",
      "posts per level in every unit after merge_departments", "assumption (README.md)"));
  registry.add(reform_input(
      integer_parameter("organisation.management_layers_before", 4, 1, 100, "layers",
                        "commission - department - subordinate unit - individual", article_1_1)));
  registry.add(reform_input(integer_parameter(
      "organisation.management_layers_after", 3, 1, 100, "layers",
      "commission - department/unit - individual, after flatten_layers", article_1_1)));
  registry.add(text_parameter("organisation.level_removed_by_flattening", "unit_head",
                              "post level whose posts flatten_layers turns into posts of the "
                              "level below (empty: none)",
                              article_1_1));
  registry.add(text_list_parameter("organisation.principal_head_levels",
                                   {"principal_head", "unit_head"},
                                   "levels whose holders count as principal heads of "
                                   "departments and units (former_heads_not_reappointed)",
                                   "seed section 1.2"));
}

void declare_units(ParameterRegistry& registry) {
  registry.add(
      reform_input(integer_parameter("organisation.departments_before", 60, 1, 1e5, "departments",
                                     "departments before merge_departments", article_1_1)));
  registry.add(
      reform_input(integer_parameter("organisation.departments_after", 23, 1, 1e5, "departments",
                                     "departments after merge_departments", article_1_1)));
  registry.add(reform_input(integer_parameter("organisation.park_bodies_before", 9, 0, 1e5, "units",
                                              "park management and development bodies before",
                                              article_1_1)));
  registry.add(
      reform_input(integer_parameter("organisation.park_bodies_after", 6, 0, 1e5, "units",
                                     "park management and development bodies after", article_1_1)));
  registry.add(reform_input(
      integer_parameter("organisation.departments_with_approval_items", 26, 0, 1e5, "departments",
                        "old departments holding approval items", "seed section 2.1")));
  registry.add(reform_input(
      integer_parameter("organisation.departments_with_penalty_powers", 34, 0, 1e5, "departments",
                        "old departments holding penalty powers", "seed section 2.3")));
  registry.add(text_list_parameter(
      "organisation.big_systems",
      {"human resources", "publicity and culture", "economic operation",
       "development and construction", "agriculture", "social management", "finance", "audit"},
      "function groups a generated merge plan gathers departments into", article_1_1));
  registry.add(text_parameter("organisation.merge_plan_file", "",
                              "CSV merge plan (old_unit,new_unit[,kind,big_system,"
                              "approval_items,penalty_powers]) relative to the config file; "
                              "empty: generated from merge_plan_seed",
                              assumption));
  registry.add(integer_parameter("organisation.merge_plan_seed", 2018, 0, 9.0e15, "1",
                                 "seed of the generated merge plan and of the function holders",
                                 assumption));
}

std::vector<std::int32_t> level_indices(const OrganisationSettings& settings,
                                        const std::vector<std::string>& names) {
  std::vector<std::int32_t> indices;
  for (const auto& name : names)
    indices.push_back(settings.level_index(name));
  return indices;
}

void refuse(const ParameterSet& parameters, const std::string& key, const std::string& problem) {
  throw ConfigError(parameters.origin(key), key, format_parameter_value(parameters.value(key)),
                    problem);
}

void check_levels(const ParameterSet& parameters, const OrganisationSettings& settings) {
  const auto levels = settings.levels();
  if (levels < 2) refuse(parameters, "organisation.level_names", "needs at least two levels");
  for (const char* key : {"organisation.responsibility_weights"})
    if (parameters.reals(key).size() != levels)
      refuse(parameters, key, "needs one value per level of organisation.level_names");
  for (const char* key :
       {"organisation.posts_per_unit_before", "organisation.posts_per_unit_after"})
    if (parameters.integers(key).size() != levels)
      refuse(parameters, key, "needs one value per level of organisation.level_names");
  for (const auto& name : parameters.texts("organisation.principal_head_levels"))
    if (settings.level_index(name) < 0)
      refuse(parameters, "organisation.principal_head_levels", "'" + name + "' is not a level");
  const auto& removed = parameters.text("organisation.level_removed_by_flattening");
  if (!removed.empty() && (settings.level_index(removed) < 0 ||
                           settings.level_index(removed) >= settings.entry_level()))
    refuse(parameters, "organisation.level_removed_by_flattening",
           "must be empty or a level above the entry level");
}

}  // namespace

void OrganisationSettings::declare_parameters(ParameterRegistry& registry) {
  declare_hierarchy(registry);
  declare_units(registry);
}

OrganisationSettings OrganisationSettings::from(const ParameterSet& p) {
  OrganisationSettings s;
  s.level_names = p.texts("organisation.level_names");
  s.responsibility_weights = p.reals("organisation.responsibility_weights");
  s.posts_per_unit_before = p.integers("organisation.posts_per_unit_before");
  s.posts_per_unit_after = p.integers("organisation.posts_per_unit_after");
  s.departments_before = p.integer("organisation.departments_before");
  s.departments_after = p.integer("organisation.departments_after");
  s.park_bodies_before = p.integer("organisation.park_bodies_before");
  s.park_bodies_after = p.integer("organisation.park_bodies_after");
  s.management_layers_before = p.integer("organisation.management_layers_before");
  s.management_layers_after = p.integer("organisation.management_layers_after");
  s.level_removed_by_flattening = s.level_index(p.text("organisation.level_removed_by_flattening"));
  s.principal_head_levels = level_indices(s, p.texts("organisation.principal_head_levels"));
  s.departments_with_approval_items = p.integer("organisation.departments_with_approval_items");
  s.departments_with_penalty_powers = p.integer("organisation.departments_with_penalty_powers");
  s.big_systems = p.texts("organisation.big_systems");
  s.merge_plan_seed = static_cast<std::uint64_t>(p.integer("organisation.merge_plan_seed"));
  s.merge_plan_file = path_parameter(p, "organisation.merge_plan_file");
  s.merge_plan_origin = p.origin("organisation.merge_plan_file");
  return s;
}

void OrganisationSettings::validate(const ParameterSet& parameters) {
  const OrganisationSettings settings = from(parameters);
  check_levels(parameters, settings);
  if (settings.big_systems.empty())
    refuse(parameters, "organisation.big_systems", "needs at least one function group");
  if (settings.departments_after > settings.departments_before)
    refuse(parameters, "organisation.departments_after",
           "a merge cannot create more departments than organisation.departments_before");
  if (settings.park_bodies_after > settings.park_bodies_before ||
      (settings.park_bodies_before > 0) != (settings.park_bodies_after > 0))
    refuse(parameters, "organisation.park_bodies_after",
           "must be between 1 and organisation.park_bodies_before (0 only when that is 0)");
  settings.merge_plan();  // a bad plan file is refused here, before anything is simulated
}

std::int32_t OrganisationSettings::level_index(const std::string& name) const {
  const auto found = std::find(level_names.begin(), level_names.end(), name);
  return found == level_names.end() ? -1 : static_cast<std::int32_t>(found - level_names.begin());
}

MergePlanShape OrganisationSettings::merge_plan_shape() const {
  return {departments_before,
          departments_after,
          park_bodies_before,
          park_bodies_after,
          departments_with_approval_items,
          departments_with_penalty_powers,
          big_systems};
}

MergePlan OrganisationSettings::merge_plan() const {
  if (!merge_plan_file.empty())
    return MergePlan::read(merge_plan_file, merge_plan_shape(), merge_plan_seed);
  MergePlan plan = MergePlan::generate(merge_plan_shape(), merge_plan_seed);
  plan.check(merge_plan_shape());
  return plan;
}

}  // namespace reformsim::models
