// staff_restructuring.cpp - the organisational measures on their days (seed section 1.1-1.2):
// merge_departments (units by the merge plan, posts by the post-merge table), flatten_layers
// (4 -> 3 layers: the subordinate-unit level absorbed into the level below) and competitive
// re-hiring (every post vacated and re-filled by score). On a common day they run in that order.
#include <cmath>

#include "models/staff/staff_equations.h"
#include "models/staff/staff_system.h"
#include "sim/parallel/blocks.h"

namespace reformsim::models {

void StaffSystem::restructure(const StepContext& context) {
  today_ = context.calendar.reported_day(context.step);
  counts_ = DayCounts{};
  // active() rather than starts_on(): a measure whose day falls before the first step (a run
  // starting after the reform) still takes effect, once, on the first day simulated.
  const bool rehiring_today =
      !rehiring_.happened && schedule_.active(Measure::competitive_rehiring, today_);
  if (rehiring_today) remember_levels_before_reform();
  if (!merged_ && schedule_.active(Measure::merge_departments, today_)) merge_units();
  if (!flattened_ && schedule_.active(Measure::flatten_layers, today_)) flatten_layers(context);
  if (!rehiring_.happened && schedule_.active(Measure::competitive_rehiring, today_))
    rehire(context);
}

void StaffSystem::merge_units() {
  const auto old_to_new = plan_.old_to_new();
  for (auto& unit : staff_.unit)
    unit = old_to_new[static_cast<std::size_t>(unit)];
  posts_ = PostTable::uniform(plan_.new_units.size(), organisation_.posts_per_unit_after);
  if (flattened_ && organisation_.level_removed_by_flattening >= 0) {
    const auto removed = static_cast<std::size_t>(organisation_.level_removed_by_flattening);
    posts_ = posts_.with_level_absorbed(removed, removed + 1);
  }
  set_units(true);
  merged_ = true;
  reseat_staff();
}

void StaffSystem::flatten_layers(const StepContext& context) {
  flattened_ = true;
  management_layers_ = organisation_.management_layers_after;
  if (organisation_.level_removed_by_flattening < 0) return;
  const auto removed = organisation_.level_removed_by_flattening;
  posts_ = posts_.with_level_absorbed(static_cast<std::size_t>(removed),
                                      static_cast<std::size_t>(removed) + 1);
  // Holders of the abolished level move one level down and draw their new level aptitude.
  for (std::size_t i = 0; i < staff_.size(); ++i) {
    if (staff_.level[i] != removed) continue;
    staff_.level[i] = removed + 1;
    auto fresh = context.random(staff_member_stream, draw_flattening_aptitude, staff_.id[i]);
    staff_.aptitude[i] = aptitude_after_move(
        staff_.aptitude[i], settings_.competence_correlation_across_levels, fresh.normal());
    refresh_competence(i);
  }
  reseat_staff();
}

// Staff keep their unit and level and take that cell's posts in staff order; those beyond the
// cell's posts are supernumerary until a vacancy of their cell opens.
void StaffSystem::reseat_staff() {
  std::vector<std::int64_t> seated(posts_.units() * posts_.levels(), 0);
  post_occupied_.assign(posts_.size(), 0);
  for (std::size_t i = 0; i < staff_.size(); ++i) {
    const auto unit = static_cast<std::size_t>(staff_.unit[i]);
    const auto level = static_cast<std::size_t>(staff_.level[i]);
    std::int64_t& taken = seated[unit * posts_.levels() + level];
    if (taken < posts_.count(unit, level)) {
      staff_.post[i] = static_cast<std::int64_t>(posts_.first(unit, level)) + taken++;
      post_occupied_[static_cast<std::size_t>(staff_.post[i])] = 1;
    } else {
      staff_.post[i] = -1;
    }
  }
  size_career_buffers();
}

void StaffSystem::snapshot(std::array<double, max_levels>& competence_by_level,
                           std::array<double, identity_count>& managers) const {
  std::array<double, max_levels> staff_at_level{};
  competence_by_level.fill(0), managers.fill(0);
  for (std::size_t i = 0; i < staff_.size(); ++i) {
    const auto level = static_cast<std::size_t>(staff_.level[i]);
    competence_by_level[level] += staff_.competence[i], staff_at_level[level] += 1;
    if (staff_.level[i] < organisation_.entry_level() && staff_.post[i] >= 0)
      managers[staff_.identity[i]] += 1;
  }
  for (std::size_t level = 0; level < organisation_.levels(); ++level)
    competence_by_level[level] =
        staff_at_level[level] > 0 ? competence_by_level[level] / staff_at_level[level] : NAN;
}

}  // namespace reformsim::models
