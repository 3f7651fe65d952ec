// staff_careers.cpp - careers at the end of every day (MODEL.md section 3): leavers go
// (retirement age, or the exit hazard below a competence or pay threshold), supernumerary staff
// take vacancies of their own unit and level, vacancies above the entry level are filled by
// promotion from the level below (the configured rule; the unit's own staff first, else anyone
// at that level), then vacant entry-level posts are filled by hiring.
#include "models/staff/staff_equations.h"
#include "models/staff/staff_system.h"

namespace reformsim::models {

void StaffSystem::run_careers(const StepContext& context) {
  remove_leavers();
  seat_supernumeraries();
  promote_into_vacancies(context);
  hire_into_vacancies(context);
}

void StaffSystem::remove_leavers() {
  for (std::size_t i = 0; i < staff_.size(); ++i) {
    if (!staff_.leaving[i]) continue;
    (staff_.leaving[i] == static_cast<std::uint8_t>(Leaving::retires) ? counts_.retired
                                                                      : counts_.exited) += 1;
    if (staff_.post[i] >= 0) post_occupied_[static_cast<std::size_t>(staff_.post[i])] = 0;
  }
  if (counts_.retired + counts_.exited > 0) staff_.remove_leavers();
}

void StaffSystem::seat_supernumeraries() {
  for (std::size_t i = 0; i < staff_.size(); ++i) {
    if (staff_.post[i] >= 0) continue;
    const auto unit = static_cast<std::size_t>(staff_.unit[i]);
    const auto level = static_cast<std::size_t>(staff_.level[i]);
    const std::size_t first = posts_.first(unit, level);
    for (std::size_t p = first; p < first + static_cast<std::size_t>(posts_.count(unit, level));
         ++p)
      if (!post_occupied_[p]) {
        staff_.post[i] = static_cast<std::int64_t>(p);
        post_occupied_[p] = 1;
        break;
      }
  }
}

// Stable counting sort of staff by (unit, level), in parallel over blocks: cell c holds
// cell_members_[cells_.first(c) .. cells_.first(c + 1)), in staff order.
void StaffSystem::sort_staff_into_cells() {
  cell_members_.resize(staff_.size());
  const std::size_t levels = posts_.levels();
  cells_.scatter(
      staff_.size(), posts_.units() * levels,
      [&](std::size_t i) {
        return static_cast<std::size_t>(staff_.unit[i]) * levels +
               static_cast<std::size_t>(staff_.level[i]);
      },
      [&](std::size_t i, std::size_t destination) { cell_members_[destination] = i; });
}

void StaffSystem::promote_into_vacancies(const StepContext& context) {
  bool sorted = false;
  for (std::size_t level = 0; level + 1 < posts_.levels(); ++level)
    for (std::size_t unit = 0; unit < posts_.units(); ++unit) {
      const std::size_t first = posts_.first(unit, level);
      for (std::size_t p = first; p < first + static_cast<std::size_t>(posts_.count(unit, level));
           ++p) {
        if (post_occupied_[p]) continue;
        auto draw = context.random(staff_post_stream, draw_promotion, p);
        if (!draw.bernoulli(settings_.promotion_probability_per_day)) continue;
        if (!sorted) sort_staff_into_cells(), sorted = true;
        counts_.promoted += promote_into(p, context);
      }
    }
}

// Candidates: staff one level below in the post's unit whom the identity wall admits; if there
// are none, the same level in every unit. Returns whether someone was promoted.
bool StaffSystem::promote_into(std::size_t post, const StepContext& context) {
  const auto level = static_cast<std::size_t>(posts_.level(post));
  const auto unit = static_cast<std::size_t>(posts_.unit(post));
  promotion_candidates_.clear(), promotion_staff_.clear();
  auto gather = [&](std::size_t from_unit) {
    const std::size_t cell = from_unit * posts_.levels() + level + 1;
    for (std::size_t k = cells_.first(cell); k < cells_.first(cell + 1); ++k) {
      const std::size_t i = cell_members_[k];
      if (staff_.level[i] != static_cast<std::int32_t>(level + 1) ||
          highest_allowed_level(i, today_) > static_cast<std::int32_t>(level))
        continue;
      promotion_staff_.push_back(i);
      promotion_candidates_.push_back(
          {staff_.id[i],
           merit_score(settings_.rehiring, staff_.ability[i], staff_.experience[i], staff_.kpi[i],
                       settings_.experience_saturation_years),
           staff_.experience[i]});
    }
  };
  gather(unit);
  for (std::size_t other = 0; promotion_candidates_.empty() && other < posts_.units(); ++other)
    if (other != unit) gather(other);
  if (promotion_candidates_.empty()) return false;
  auto random = context.random(staff_post_stream, draw_promotion_choice, post);
  const PromotionRule rule = draw_promotion_rule(settings_.promotion_mix, random);
  const std::size_t i = promotion_staff_[choose_for_promotion(rule, promotion_candidates_, random)];
  if (staff_.post[i] >= 0) post_occupied_[static_cast<std::size_t>(staff_.post[i])] = 0;
  auto fresh = context.random(staff_member_stream, draw_promotion_aptitude, staff_.id[i]);
  move_to_post(i, static_cast<std::int64_t>(post), fresh.normal());
  return true;
}

void StaffSystem::hire_into_vacancies(const StepContext& context) {
  const auto entry = static_cast<std::size_t>(organisation_.entry_level());
  for (std::size_t unit = 0; unit < posts_.units(); ++unit) {
    const std::size_t first = posts_.first(unit, entry);
    for (std::size_t p = first; p < first + static_cast<std::size_t>(posts_.count(unit, entry));
         ++p) {
      if (post_occupied_[p]) continue;
      auto draw = context.random(staff_post_stream, draw_hiring, p);
      if (!draw.bernoulli(settings_.hiring_probability_per_day)) continue;
      StaffMember hire = draw_member(context.seed, context.step, next_staff_id_++, true);
      hire.unit = static_cast<std::int32_t>(unit), hire.level = static_cast<std::int32_t>(entry);
      hire.post = static_cast<std::int64_t>(p);
      hire.competence =
          competence(hire.ability, hire.aptitude, hire.fit, settings_.level_aptitude_spread);
      hire.output = hire.kpi = hire.competence * hire.effort;
      hire.pay = flat_pay(settings_.base_pay_by_level[entry], settings_);
      staff_.push_back(hire);
      post_occupied_[p] = 1;
      ++counts_.hired;
    }
  }
}

}  // namespace reformsim::models
