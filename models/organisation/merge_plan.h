// merge_plan.h - which old unit becomes part of which new one. A plan is either generated from
// a seed by grouping the departments' functions into the 'big systems' of the reform (seed
// section 1.1: human resources, publicity and culture, economic operation, development and
// construction, agriculture, social management, finance, audit) and park bodies into park
// bodies, or read from a CSV file. Either way check() refuses a plan in which an old unit does
// not map to exactly one new unit, naming the unit.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace reformsim::models {

enum class UnitKind : std::uint8_t { department = 0, park_body = 1 };

struct OldUnit {
  std::string name;
  UnitKind kind = UnitKind::department;
  std::string big_system;       // the function group it belongs to ("park management" for parks)
  bool approval_items = false;  // holds administrative approval items (26 of 60, seed 2.1)
  bool penalty_powers = false;  // holds administrative penalty powers (34 of 60, seed 2.3)
  std::int32_t new_unit = -1;   // index into MergePlan::new_units
};

struct MergePlanShape {
  std::int64_t departments_before = 60, departments_after = 23;
  std::int64_t park_bodies_before = 9, park_bodies_after = 6;
  std::int64_t departments_with_approval_items = 26, departments_with_penalty_powers = 34;
  std::vector<std::string> big_systems;
};

struct MergePlan {
  std::vector<OldUnit> old_units;  // departments first, then park bodies
  std::vector<std::string> new_units;
  std::vector<UnitKind> new_unit_kinds;
  std::string origin;  // the file, or "merge plan generated from seed N"

  // Departments are dealt to big systems (every system at least one), new departments to
  // systems in proportion to their old departments (at least one each, never more than it
  // has), then each system's old departments round-robin to its new ones after a shuffle.
  static MergePlan generate(const MergePlanShape& shape, std::uint64_t seed);
  // Columns old_unit, new_unit (required), kind (department | park_body), big_system,
  // approval_items, penalty_powers (0/1; when a column is absent the holders are drawn from
  // seed as for a generated plan). Throws ConfigError(file row, column, value, problem).
  static MergePlan read(const std::filesystem::path& file, const MergePlanShape& shape,
                        std::uint64_t seed);
  // Throws ConfigError(origin, key, unit name, problem) unless every old unit maps to exactly
  // one existing new unit of the same kind, every new unit receives at least one old unit, and
  // the counts agree with shape.
  void check(const MergePlanShape& shape) const;

  bool new_unit_holds_approval_items(std::size_t new_unit) const;
  bool new_unit_holds_penalty_powers(std::size_t new_unit) const;
  std::vector<std::int32_t> old_to_new() const;
};

// Random purposes of the merge-plan generator (stream 30): fixed forever, so a plan seed always
// gives the same plan.
enum MergePlanPurpose : std::uint32_t {
  plan_department_systems = 1,
  plan_department_order = 2,
  plan_park_order = 3,
  plan_approval_holders = 4,
  plan_penalty_holders = 5,
};

// Marks `count` of the plan's departments as holders (approval items or penalty powers), chosen
// uniformly at random from seed; purpose separates the two draws.
void draw_function_holders(MergePlan& plan, std::int64_t count, std::uint64_t seed,
                           MergePlanPurpose purpose, bool OldUnit::*flag);

}  // namespace reformsim::models
