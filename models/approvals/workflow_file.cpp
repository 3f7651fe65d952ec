// workflow_file.cpp - the declared workflows read from a CSV file: one row per approval item.
// The file is user input, so every problem is a ConfigError naming the file and row, the column
// and the value. `after` may name only items listed earlier, which keeps every declared
// workflow acyclic without a graph search.
#include "models/approvals/workflow_file.h"

#include <algorithm>
#include <charconv>
#include <map>
#include <string>

#include "sim/config/config_error.h"
#include "sim/config/csv_table.h"

namespace reformsim::models {
namespace {

// The bound of approvals.<type>_steps_before/_after, so a declared item is never allowed more.
constexpr std::int64_t max_steps = 100000;

struct NamedItem {
  std::size_t row = 0;      // where it is declared
  std::uint32_t index = 0;  // among its type's items
};
using ItemsByName = std::map<std::string, NamedItem>;

std::string item_of(const CsvTable& table, std::size_t row) {
  return "item '" + table.cell(row, "item") + "'";
}

std::string trim(const std::string& text) {
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string::npos) return "";
  return text.substr(first, text.find_last_not_of(" \t") - first + 1);
}

ApplicationType read_type(const CsvTable& table, std::size_t row) {
  const std::string text = table.cell(row, "application_type");
  for (std::size_t t = 0; t < application_type_count; ++t)
    if (text == application_type_name(ApplicationType(t))) return ApplicationType(t);
  throw ConfigError(table.origin(row), "application_type", text,
                    "must be business_registration or investment_project");
}

// A whole number from minimum to maximum; `maximum_is` says where the maximum comes from.
std::int64_t read_whole_number(const CsvTable& table, std::size_t row, const std::string& column,
                               std::int64_t minimum, std::int64_t maximum,
                               const std::string& maximum_is) {
  const std::string text = table.cell(row, column);
  const std::string bounds =
      std::to_string(minimum) + ".." + std::to_string(maximum) + " (" + maximum_is + ")";
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc() || end != text.data() + text.size())
    throw ConfigError(table.origin(row), column, text,
                      item_of(table, row) + ": not a whole number (must be " + bounds + ")");
  if (value < minimum || value > maximum)
    throw ConfigError(table.origin(row), column, text, item_of(table, row) + ": must be " + bounds);
  return value;
}

bool read_city_level(const CsvTable& table, std::size_t row) {
  const std::string text = table.cell(row, "city_level");
  if (text.empty() || text == "0") return false;
  if (text == "1") return true;
  throw ConfigError(table.origin(row), "city_level", text,
                    item_of(table, row) + ": must be 0 (local) or 1 (city level)");
}

// The items `after` names, as indices among the type's items, in the order named.
std::vector<std::uint32_t> read_after(const CsvTable& table, std::size_t row,
                                      const ItemsByName& items, std::uint32_t own_index) {
  const std::string text = table.cell(row, "after");
  std::vector<std::uint32_t> after;
  auto refuse = [&](const std::string& problem) {
    throw ConfigError(table.origin(row), "after", text, item_of(table, row) + ": " + problem);
  };
  for (std::size_t begin = 0; begin <= text.size();) {
    const std::size_t end = std::min(text.find(';', begin), text.size());
    const std::string name = trim(text.substr(begin, end - begin));
    begin = end + 1;
    if (name.empty()) continue;
    const auto found = items.find(name);
    if (found == items.end())
      refuse("'" + name + "' is not an item of " + table.cell(row, "application_type") +
             " in this file");
    if (found->second.index == own_index) refuse("an item cannot wait for itself");
    if (found->second.index > own_index)
      refuse("'" + name + "' is listed later (" + table.origin(found->second.row) +
             "): an item may wait only for items listed earlier in the file");
    if (std::find(after.begin(), after.end(), found->second.index) != after.end())
      refuse("names '" + name + "' twice");
    after.push_back(found->second.index);
  }
  return after;
}

// Registers the row's item under its type's names; refuses an unnamed or repeated item.
void name_item(const CsvTable& table, std::size_t row, ItemsByName& items) {
  const std::string name = table.cell(row, "item");
  if (name.empty()) throw ConfigError(table.origin(row), "item", "", "the item has no name");
  const NamedItem item{row, static_cast<std::uint32_t>(items.size())};
  if (const auto [seen, added] = items.try_emplace(name, item); !added)
    throw ConfigError(table.origin(row), "item", name,
                      "item '" + name + "' of " + table.cell(row, "application_type") +
                          " is listed twice (first at " + table.origin(seen->second.row) +
                          "): item names must be unique within a type");
}

DeclaredItem read_item(const CsvTable& table, std::size_t row, std::int64_t departments,
                       const ItemsByName& items) {
  DeclaredItem item;
  item.name = table.cell(row, "item");
  item.department = static_cast<std::int32_t>(
      read_whole_number(table, row, "department", 1, departments, "approvals.departments") - 1);
  item.steps_before =
      read_whole_number(table, row, "steps_before", 1, max_steps, "every item needs a step");
  item.steps_after =
      read_whole_number(table, row, "steps_after", 1, max_steps, "every item needs a step");
  item.city = read_city_level(table, row);
  item.after = read_after(table, row, items, items.at(item.name).index);
  return item;
}

}  // namespace

DeclaredWorkflows read_workflow_file(const std::filesystem::path& file, std::int64_t departments) {
  const CsvTable table = CsvTable::read(
      file, {"application_type", "item", "department", "steps_before", "steps_after"});
  if (table.rows() == 0)
    throw ConfigError(table.file(), "", "", "declares no approval items (expected one row each)");
  // All names first, so that `after` can tell an item listed later from one never listed.
  std::array<ItemsByName, application_type_count> names;
  std::vector<ApplicationType> types;
  for (std::size_t row = 0; row < table.rows(); ++row) {
    types.push_back(read_type(table, row));
    name_item(table, row, names[static_cast<std::size_t>(types.back())]);
  }
  DeclaredWorkflows workflows;
  for (std::size_t row = 0; row < table.rows(); ++row) {
    const auto type = static_cast<std::size_t>(types[row]);
    workflows[type].push_back(read_item(table, row, departments, names[type]));
  }
  return workflows;
}

}  // namespace reformsim::models
