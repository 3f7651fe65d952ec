// staff_careers.cpp - careers at the end of every day (MODEL.md section 3): leavers go
// (retirement age, or the exit hazard below a competence or pay threshold), supernumerary staff
// take vacancies of their own unit and level, vacancies above the entry level are filled by
// promotion from the level below (the configured rule; the unit's own staff first, else anyone
// at that level), then vacant entry-level posts are filled by hiring.
#include <algorithm>

#include "models/staff/staff_equations.h"
#include "models/staff/staff_system.h"

namespace reformsim::models {

void StaffSystem::run_careers(const StepContext& context) {
  remove_leavers();
  seat_supernumeraries();
  promote_into_vacancies(context);
  hire_into_vacancies(context);
}

// The few who go (and below, the supernumeraries and the posts to fill) are found in parallel
// (selected_indices.h) and then handled one by one in staff or post order, as a serial loop
// over everyone would handle them.
void StaffSystem::remove_leavers() {
  const auto leavers =
      leavers_.select(staff_.size(), [&](std::size_t i) { return staff_.leaving[i] != 0; });
  for (const std::size_t i : leavers) {
    (staff_.leaving[i] == static_cast<std::uint8_t>(Leaving::retires) ? counts_.retired
                                                                      : counts_.exited) += 1;
    if (staff_.post[i] >= 0) post_occupied_[static_cast<std::size_t>(staff_.post[i])] = 0;
  }
  staff_.remove_at(leavers);  // the leaving flags go with them: what stays of them is all 0
}

void StaffSystem::seat_supernumeraries() {
  const auto supernumeraries =
      supernumeraries_.select(staff_.size(), [&](std::size_t i) { return staff_.post[i] < 0; });
  for (const std::size_t i : supernumeraries) {
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

// Level by level from the top, each vacant post of the level, in post order, draws whether it
// is filled by promotion today (a draw of its own: the same whichever posts are vacant). The
// posts vacant this morning and their draws are found in parallel; a promotion into level L
// frees the promoted person's post at level L + 1, which the same day's pass over level L + 1
// then draws for, as the loop over every post of the level did.
void StaffSystem::promote_into_vacancies(const StepContext& context) {
  const std::size_t levels = posts_.levels();
  const auto promotes = [&](std::size_t post) {
    auto draw = context.random(staff_post_stream, draw_promotion, post);
    return draw.bernoulli(settings_.promotion_probability_per_day);
  };
  const auto drawn = vacancies_.select(posts_.size(), [&](std::size_t p) {
    return !post_occupied_[p] && static_cast<std::size_t>(posts_.level(p)) + 1 < levels &&
           promotes(p);
  });
  posts_freed_.clear();
  bool sorted = false;
  const auto highest_allowed = highest_allowed_levels(today_);
  for (std::size_t level = 0; level + 1 < levels; ++level) {
    posts_to_fill_.clear();
    for (const std::size_t p : drawn)
      if (static_cast<std::size_t>(posts_.level(p)) == level) posts_to_fill_.push_back(p);
    const std::size_t drawn_this_morning = posts_to_fill_.size();
    for (const std::size_t p : posts_freed_)  // by the level above's promotions: all at this level
      if (!post_occupied_[p] && promotes(p)) posts_to_fill_.push_back(p);
    if (posts_to_fill_.size() > drawn_this_morning)
      std::sort(posts_to_fill_.begin(), posts_to_fill_.end());
    posts_freed_.clear();
    for (const std::size_t p : posts_to_fill_) {
      if (!sorted) sort_staff_into_cells(), sorted = true;
      // Nobody in any unit could be promoted into this level: nor can anyone for the level's
      // other posts today, as this pass only takes people out of the level below.
      if (!promote_into(p, context, highest_allowed)) break;
      ++counts_.promoted;
    }
  }
}

// Candidates: staff one level below in the post's unit whom the identity wall admits; if there
// are none, the same level in every unit. Returns whether someone was promoted: false only when
// nobody one level below in any unit may be.
bool StaffSystem::promote_into(std::size_t post, const StepContext& context,
                               const std::array<std::int32_t, identity_count>& highest_allowed) {
  const auto level = static_cast<std::size_t>(posts_.level(post));
  const auto unit = static_cast<std::size_t>(posts_.unit(post));
  promotion_candidates_.clear(), promotion_staff_.clear();
  auto gather = [&](std::size_t from_unit) {
    const std::size_t cell = from_unit * posts_.levels() + level + 1;
    for (std::size_t k = cells_.first(cell); k < cells_.first(cell + 1); ++k) {
      const std::size_t i = cell_members_[k];
      if (staff_.level[i] != static_cast<std::int32_t>(level + 1) ||
          highest_allowed[staff_.identity[i]] > static_cast<std::int32_t>(level))
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
  if (staff_.post[i] >= 0) {
    post_occupied_[static_cast<std::size_t>(staff_.post[i])] = 0;
    posts_freed_.push_back(static_cast<std::size_t>(staff_.post[i]));  // at level + 1
  }
  auto fresh = context.random(staff_member_stream, draw_promotion_aptitude, staff_.id[i]);
  move_to_post(i, static_cast<std::int64_t>(post), fresh.normal());
  return true;
}

void StaffSystem::hire_into_vacancies(const StepContext& context) {
  const auto entry = organisation_.entry_level();
  const auto hiring = vacancies_.select(posts_.size(), [&](std::size_t p) {
    if (post_occupied_[p] || posts_.level(p) != entry) return false;
    auto draw = context.random(staff_post_stream, draw_hiring, p);
    return draw.bernoulli(settings_.hiring_probability_per_day);
  });
  for (const std::size_t p : hiring) {  // in post order, so new staff ids follow it
    StaffMember hire = draw_member(context.seed, context.step, next_staff_id_++, true);
    hire.unit = posts_.unit(p), hire.level = entry;
    hire.post = static_cast<std::int64_t>(p);
    hire.competence =
        competence(hire.ability, hire.aptitude, hire.fit, settings_.level_aptitude_spread);
    hire.output = hire.kpi = hire.competence * hire.effort;
    hire.pay = flat_pay(settings_.base_pay_by_level[static_cast<std::size_t>(entry)], settings_);
    staff_.push_back(hire);
    post_occupied_[p] = 1;
    ++counts_.hired;
  }
}

}  // namespace reformsim::models
