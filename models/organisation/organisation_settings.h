// organisation_settings.h - the organisation.* parameters: a general hierarchy (any number of
// levels, posts per level in every unit, a responsibility weight per level), the units before
// and after the merge (departments and park bodies), the management layers before and after
// flattening, and where the merge plan comes from. The Binhai structure is a config of it
// (configs/organisation_staff_binhai.ini), not code.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "models/organisation/merge_plan.h"
#include "sim/config/parameter_registry.h"
#include "sim/config/parameter_set.h"

namespace reformsim::models {

struct OrganisationSettings {
  std::vector<std::string> level_names;  // top (0) to bottom; the bottom level is the entry level
  std::vector<double> responsibility_weights;                             // per level
  std::vector<std::int64_t> posts_per_unit_before, posts_per_unit_after;  // per level
  std::int64_t departments_before = 0, departments_after = 0;
  std::int64_t park_bodies_before = 0, park_bodies_after = 0;
  std::int64_t management_layers_before = 0, management_layers_after = 0;
  std::int32_t level_removed_by_flattening = -1;  // -1: flattening removes no post level
  std::vector<std::int32_t> principal_head_levels;
  std::int64_t departments_with_approval_items = 0, departments_with_penalty_powers = 0;
  std::vector<std::string> big_systems;
  std::uint64_t merge_plan_seed = 0;
  std::filesystem::path merge_plan_file;  // empty: generated from merge_plan_seed
  std::string merge_plan_origin;          // where merge_plan_file was named, for messages

  static void declare_parameters(ParameterRegistry& registry);
  // Reads the values; the list lengths and level names are checked by validate().
  static OrganisationSettings from(const ParameterSet& parameters);
  // Refuses lists whose lengths differ from the number of levels, unknown level names, more
  // units after the merge than before, and a merge plan (generated or read) that does not map
  // every old unit to exactly one new one: ConfigError naming file, key and value.
  static void validate(const ParameterSet& parameters);

  std::size_t levels() const { return level_names.size(); }
  std::int32_t entry_level() const { return static_cast<std::int32_t>(levels()) - 1; }
  std::int64_t units_before() const { return departments_before + park_bodies_before; }
  std::int64_t units_after() const { return departments_after + park_bodies_after; }
  // The level index of name, or -1.
  std::int32_t level_index(const std::string& name) const;
  MergePlanShape merge_plan_shape() const;
  // Read from merge_plan_file, or generated from merge_plan_seed; checked either way.
  MergePlan merge_plan() const;
};

}  // namespace reformsim::models
