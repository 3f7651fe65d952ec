#include "models/organisation/merge_plan.h"

#include <algorithm>
#include <numeric>

#include "sim/config/config_error.h"
#include "sim/random/random_stream.h"

namespace reformsim::models {
namespace {

constexpr std::uint32_t merge_plan_stream = 30;

RandomStream plan_random(std::uint64_t seed, std::uint32_t purpose) {
  return RandomStream(seed, DrawAddress{merge_plan_stream, purpose, 0, 0});
}

template <typename T>
void shuffle(std::vector<T>& items, RandomStream& random) {
  for (std::size_t i = items.size(); i > 1; --i)
    std::swap(items[i - 1], items[random.uniform_index(i)]);
}

// New departments per system: one each, the rest by largest remainder in proportion to the
// old departments beyond the first, never more new than old in a system.
std::vector<std::int64_t> new_departments_per_system(const std::vector<std::int64_t>& old_counts,
                                                     std::int64_t departments_after) {
  std::vector<std::int64_t> allotted(old_counts.size(), 1);
  std::int64_t remaining = departments_after - static_cast<std::int64_t>(old_counts.size());
  while (remaining > 0) {
    std::size_t best = 0;
    double best_need = -1;
    for (std::size_t s = 0; s < old_counts.size(); ++s) {
      const double need = static_cast<double>(old_counts[s]) / static_cast<double>(allotted[s] + 1);
      if (allotted[s] < old_counts[s] && need > best_need) best = s, best_need = need;
    }
    ++allotted[best];
    --remaining;
  }
  return allotted;
}

void deal_departments(MergePlan& plan, const MergePlanShape& shape, std::uint64_t seed) {
  const auto systems = std::min<std::size_t>(shape.big_systems.size(),
                                             static_cast<std::size_t>(shape.departments_after));
  auto random = plan_random(seed, plan_department_systems);
  std::vector<std::vector<std::size_t>> members(systems);
  for (std::int64_t d = 0; d < shape.departments_before; ++d) {
    const auto unit = static_cast<std::size_t>(d);
    // The first departments seed every system once; the rest fall anywhere.
    const std::size_t system = unit < systems ? unit : random.uniform_index(systems);
    members[system].push_back(unit);
    plan.old_units.push_back({"department_" + std::to_string(d + 1), UnitKind::department,
                              shape.big_systems[system], false, false, -1});
  }
  std::vector<std::int64_t> old_counts(systems);
  for (std::size_t s = 0; s < systems; ++s)
    old_counts[s] = static_cast<std::int64_t>(members[s].size());
  const auto allotted = new_departments_per_system(old_counts, shape.departments_after);
  auto order = plan_random(seed, plan_department_order);
  for (std::size_t s = 0; s < systems; ++s) {
    const auto first_new = static_cast<std::int32_t>(plan.new_units.size());
    for (std::int64_t k = 0; k < allotted[s]; ++k) {
      plan.new_units.push_back(shape.big_systems[s] + " " + std::to_string(k + 1));
      plan.new_unit_kinds.push_back(UnitKind::department);
    }
    shuffle(members[s], order);
    for (std::size_t m = 0; m < members[s].size(); ++m)
      plan.old_units[members[s][m]].new_unit =
          first_new + static_cast<std::int32_t>(m % static_cast<std::size_t>(allotted[s]));
  }
}

void deal_park_bodies(MergePlan& plan, const MergePlanShape& shape, std::uint64_t seed) {
  const auto first_new = static_cast<std::int32_t>(plan.new_units.size());
  for (std::int64_t k = 0; k < shape.park_bodies_after; ++k) {
    plan.new_units.push_back("park body " + std::to_string(k + 1));
    plan.new_unit_kinds.push_back(UnitKind::park_body);
  }
  std::vector<std::size_t> parks;
  for (std::int64_t p = 0; p < shape.park_bodies_before; ++p) {
    parks.push_back(plan.old_units.size());
    plan.old_units.push_back({"park_body_" + std::to_string(p + 1), UnitKind::park_body,
                              "park management", false, false, -1});
  }
  auto order = plan_random(seed, plan_park_order);
  shuffle(parks, order);
  for (std::size_t m = 0; m < parks.size(); ++m)
    plan.old_units[parks[m]].new_unit =
        first_new +
        static_cast<std::int32_t>(m % static_cast<std::size_t>(shape.park_bodies_after));
}

}  // namespace

void draw_function_holders(MergePlan& plan, std::int64_t count, std::uint64_t seed,
                           MergePlanPurpose purpose, bool OldUnit::*flag) {
  std::vector<std::size_t> departments;
  for (std::size_t u = 0; u < plan.old_units.size(); ++u)
    if (plan.old_units[u].kind == UnitKind::department) departments.push_back(u);
  auto random = plan_random(seed, purpose);
  shuffle(departments, random);
  const auto holders = std::min<std::size_t>(static_cast<std::size_t>(count), departments.size());
  for (std::size_t k = 0; k < departments.size(); ++k)
    plan.old_units[departments[k]].*flag = k < holders;
}

MergePlan MergePlan::generate(const MergePlanShape& shape, std::uint64_t seed) {
  MergePlan plan;
  plan.origin = "merge plan generated from seed " + std::to_string(seed);
  deal_departments(plan, shape, seed);
  deal_park_bodies(plan, shape, seed);
  draw_function_holders(plan, shape.departments_with_approval_items, seed, plan_approval_holders,
                        &OldUnit::approval_items);
  draw_function_holders(plan, shape.departments_with_penalty_powers, seed, plan_penalty_holders,
                        &OldUnit::penalty_powers);
  return plan;
}

void MergePlan::check(const MergePlanShape& shape) const {
  std::vector<std::int64_t> received(new_units.size(), 0);
  std::int64_t departments = 0, parks = 0;
  for (const OldUnit& unit : old_units) {
    (unit.kind == UnitKind::department ? departments : parks) += 1;
    if (unit.new_unit < 0 || static_cast<std::size_t>(unit.new_unit) >= new_units.size())
      throw ConfigError(origin, "new_unit", unit.name,
                        "old unit '" + unit.name + "' maps to no new unit");
    const auto target = static_cast<std::size_t>(unit.new_unit);
    if (new_unit_kinds[target] != unit.kind)
      throw ConfigError(origin, "kind", unit.name,
                        "old unit '" + unit.name + "' and its new unit '" + new_units[target] +
                            "' are of different kinds (department / park_body)");
    ++received[target];
  }
  for (std::size_t n = 0; n < new_units.size(); ++n)
    if (received[n] == 0)
      throw ConfigError(origin, "new_unit", new_units[n],
                        "new unit '" + new_units[n] + "' receives no old unit");
  auto count_check = [&](std::int64_t found, std::int64_t expected, const std::string& key) {
    if (found != expected)
      throw ConfigError(origin, key, std::to_string(found),
                        "the merge plan has " + std::to_string(found) + " where the config says " +
                            std::to_string(expected));
  };
  count_check(departments, shape.departments_before, "organisation.departments_before");
  count_check(parks, shape.park_bodies_before, "organisation.park_bodies_before");
  std::int64_t new_departments = 0;
  for (UnitKind kind : new_unit_kinds)
    new_departments += kind == UnitKind::department;
  count_check(new_departments, shape.departments_after, "organisation.departments_after");
  count_check(static_cast<std::int64_t>(new_units.size()) - new_departments,
              shape.park_bodies_after, "organisation.park_bodies_after");
}

bool MergePlan::new_unit_holds_approval_items(std::size_t new_unit) const {
  return std::any_of(old_units.begin(), old_units.end(), [&](const OldUnit& unit) {
    return unit.approval_items && unit.new_unit == static_cast<std::int32_t>(new_unit);
  });
}

bool MergePlan::new_unit_holds_penalty_powers(std::size_t new_unit) const {
  return std::any_of(old_units.begin(), old_units.end(), [&](const OldUnit& unit) {
    return unit.penalty_powers && unit.new_unit == static_cast<std::int32_t>(new_unit);
  });
}

std::vector<std::int32_t> MergePlan::old_to_new() const {
  std::vector<std::int32_t> mapping;
  mapping.reserve(old_units.size());
  for (const OldUnit& unit : old_units)
    mapping.push_back(unit.new_unit);
  return mapping;
}

}  // namespace reformsim::models
