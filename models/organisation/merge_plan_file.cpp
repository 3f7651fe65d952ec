// merge_plan_file.cpp - a merge plan read from a CSV file (configs/merge_plans/): one row per
// old unit. The file is user input, so every problem is a ConfigError naming the file and row,
// the column and the offending unit.
#include <map>

#include "models/organisation/merge_plan.h"
#include "sim/config/config_error.h"
#include "sim/config/csv_table.h"

namespace reformsim::models {
namespace {

UnitKind read_kind(const CsvTable& table, std::size_t row) {
  const std::string kind = table.cell(row, "kind");
  if (kind.empty() || kind == "department") return UnitKind::department;
  if (kind == "park_body") return UnitKind::park_body;
  throw ConfigError(
      table.origin(row), "kind", kind,
      "unit '" + table.cell(row, "old_unit") + "': kind must be department or park_body");
}

bool read_flag(const CsvTable& table, std::size_t row, const std::string& column) {
  const std::string flag = table.cell(row, column);
  if (flag == "1" || flag == "true") return true;
  if (flag == "0" || flag == "false" || flag.empty()) return false;
  throw ConfigError(table.origin(row), column, flag,
                    "unit '" + table.cell(row, "old_unit") + "': must be 0 or 1");
}

// Adds the row's old unit; new units are numbered in order of first appearance.
void add_row(MergePlan& plan, const CsvTable& table, std::size_t row,
             std::map<std::string, std::size_t>& seen_old,
             std::map<std::string, std::int32_t>& new_index) {
  const std::string old_name = table.cell(row, "old_unit");
  const std::string new_name = table.cell(row, "new_unit");
  if (old_name.empty())
    throw ConfigError(table.origin(row), "old_unit", "", "the old unit has no name");
  if (const auto seen = seen_old.find(old_name); seen != seen_old.end())
    throw ConfigError(table.origin(row), "old_unit", old_name,
                      "old unit '" + old_name + "' is mapped more than once (first at " +
                          table.origin(seen->second) + "): it must map to exactly one new unit");
  if (new_name.empty())
    throw ConfigError(table.origin(row), "new_unit", old_name,
                      "old unit '" + old_name + "' maps to no new unit");
  seen_old[old_name] = row;
  const UnitKind kind = read_kind(table, row);
  auto [slot, inserted] =
      new_index.try_emplace(new_name, static_cast<std::int32_t>(plan.new_units.size()));
  if (inserted) {
    plan.new_units.push_back(new_name);
    plan.new_unit_kinds.push_back(kind);
  }
  const std::string system = table.cell(row, "big_system");
  plan.old_units.push_back(
      {old_name, kind, system.empty() && kind == UnitKind::park_body ? "park management" : system,
       read_flag(table, row, "approval_items"), read_flag(table, row, "penalty_powers"),
       slot->second});
}

}  // namespace

MergePlan MergePlan::read(const std::filesystem::path& file, const MergePlanShape& shape,
                          std::uint64_t seed) {
  const CsvTable table = CsvTable::read(file, {"old_unit", "new_unit"});
  MergePlan plan;
  plan.origin = table.file();
  std::map<std::string, std::size_t> seen_old;
  std::map<std::string, std::int32_t> new_index;
  for (std::size_t row = 0; row < table.rows(); ++row)
    add_row(plan, table, row, seen_old, new_index);
  if (!table.has_column("approval_items"))
    draw_function_holders(plan, shape.departments_with_approval_items, seed, plan_approval_holders,
                          &OldUnit::approval_items);
  if (!table.has_column("penalty_powers"))
    draw_function_holders(plan, shape.departments_with_penalty_powers, seed, plan_penalty_holders,
                          &OldUnit::penalty_powers);
  plan.check(shape);
  return plan;
}

}  // namespace reformsim::models
