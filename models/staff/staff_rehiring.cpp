// staff_rehiring.cpp - competitive re-hiring (seed section 1.2): every post is vacated ('all
// positions reset to zero'), everyone applies, each candidate is scored on ability,
// experience, KPI and assessment noise, and posts are filled by rehiring_matching.h. A
// candidate applies for levels from (own level - rehiring_levels_above, but no higher than
// the identity wall allows while it stands) down to (own level + rehiring_levels_below);
// who gets no post leaves the organisation (the article: they 'did not take up a post again').
#include <algorithm>
#include <cmath>

#include "models/staff/staff_equations.h"
#include "models/staff/staff_system.h"
#include "sim/parallel/blocks.h"
#include "sim/parallel/loops.h"

namespace reformsim::models {
namespace {

bool is_principal_head_level(const OrganisationSettings& organisation, std::int32_t level) {
  for (std::int32_t head : organisation.principal_head_levels)
    if (head == level) return true;
  return false;
}

// The levels that have posts now (a level abolished by flattening has none), top first.
std::vector<std::int32_t> levels_with_posts(const PostTable& posts) {
  std::vector<std::int32_t> levels;
  for (std::size_t level = 0; level < posts.levels(); ++level)
    if (posts.posts_at_level(level) > 0) levels.push_back(static_cast<std::int32_t>(level));
  return levels;
}

// 'n levels above / below' counts levels that still have posts, so that a level abolished by
// flattening does not shorten anyone's range.
std::pair<std::int32_t, std::int32_t> application_range(const std::vector<std::int32_t>& levels,
                                                        std::int32_t own, std::int32_t above,
                                                        std::int32_t below) {
  const auto position = static_cast<std::int32_t>(
      std::lower_bound(levels.begin(), levels.end(), own) - levels.begin());
  const auto last = static_cast<std::int32_t>(levels.size()) - 1;
  return {levels[static_cast<std::size_t>(std::max(position - above, 0))],
          levels[static_cast<std::size_t>(std::min(position + below, last))]};
}

}  // namespace

void StaffSystem::rehire(const StepContext& context) {
  const std::size_t n = staff_.size();
  candidates_.resize(n);
  const auto& w = settings_.rehiring;
  const auto levels = levels_with_posts(posts_);
  const auto highest_allowed = highest_allowed_levels(today_);
  const auto score_candidates = [&] {
    for_each_block(n, [&](const Block& block) {
      for (std::size_t i = block.begin; i < block.end; ++i) {
        auto noise = context.random(staff_member_stream, draw_rehiring_noise, staff_.id[i]);
        const double merit = merit_score(w, staff_.ability[i], staff_.experience[i], staff_.kpi[i],
                                         settings_.experience_saturation_years);
        const auto [highest, lowest] =
            application_range(levels, staff_.level[i], settings_.rehiring_levels_above,
                              settings_.rehiring_levels_below);
        candidates_[i] = {staff_.id[i], merit + w.noise * noise.normal(),
                          std::max(highest, highest_allowed[staff_.identity[i]]), lowest,
                          staff_.unit[i]};
      }
    });
  };
  // The before-snapshot's sums run in staff order on one thread; the scoring beside it reads the
  // same columns and writes only the candidates.
  const bool remember = level_before_reform_.size() != n;
  if (remember && block_count(n) > 1) {
    run_side_by_side([&] { remember_levels_before_reform(); }, score_candidates);
  } else {
    if (remember) remember_levels_before_reform();
    score_candidates();
  }
  const auto assigned = match_candidates_to_posts(posts_, candidates_);
  post_occupied_.assign(posts_.size(), 0);
  // Each staff member moves on their own (no two share a post), so the moves run in blocks;
  // the counts are integers, the same summed in any order.
  struct Outcomes {
    std::int64_t heads_out = 0, promoted = 0, unplaced = 0;
  };
  const Outcomes outcomes = block_reduce(
      n, Outcomes{},
      [&](const Block& block) {
        Outcomes o;
        for (std::size_t i = block.begin; i < block.end; ++i) {
          // Heads and ordinary staff as they were before the day's merge and flattening.
          const bool head = is_principal_head_level(organisation_, level_before_reform_[i]);
          const bool ordinary = level_before_reform_[i] == organisation_.entry_level();
          if (assigned[i] < 0) {
            o.heads_out += head, ++o.unplaced;
            staff_.leaving[i] = 1;
            continue;
          }
          o.promoted += ordinary && posts_.level(static_cast<std::size_t>(assigned[i])) <
                                        organisation_.entry_level();
          auto fresh = context.random(staff_member_stream, draw_rehiring_aptitude, staff_.id[i]);
          move_to_post(i, assigned[i], fresh.normal());
        }
        return o;
      },
      [](Outcomes a, const Outcomes& b) {
        return Outcomes{a.heads_out + b.heads_out, a.promoted + b.promoted,
                        a.unplaced + b.unplaced};
      });
  staff_.remove_leavers();
  rehiring_.happened = true;
  rehiring_.former_heads_not_reappointed = counts_.heads_not_reappointed = outcomes.heads_out;
  rehiring_.staff_promoted_to_management = counts_.promoted_in_rehiring = outcomes.promoted;
  rehiring_.staff_not_reappointed = outcomes.unplaced;
  snapshot(rehiring_.competence_after, rehiring_.managers_after);
  level_before_reform_.clear();
}

// Levels and the before-snapshot are taken before the same day's merge and flattening move
// anyone, so 'former principal heads' are those of the old organisation.
void StaffSystem::remember_levels_before_reform() {
  level_before_reform_ = staff_.level;
  snapshot(rehiring_.competence_before, rehiring_.managers_before);
}

// Seats staff member i in post: a new level redraws the level aptitude (correlation rho with
// the old one), a new unit costs fit, and tenure in the post restarts.
void StaffSystem::move_to_post(std::size_t i, std::int64_t post, double fresh_normal) {
  const auto level = posts_.level(static_cast<std::size_t>(post));
  const auto unit = posts_.unit(static_cast<std::size_t>(post));
  if (level != staff_.level[i])
    staff_.aptitude[i] = aptitude_after_move(
        staff_.aptitude[i], settings_.competence_correlation_across_levels, fresh_normal);
  if (unit != staff_.unit[i]) staff_.fit[i] = settings_.fit_outside_home_unit;
  if (unit != staff_.unit[i] || level != staff_.level[i]) staff_.tenure[i] = 0;
  staff_.unit[i] = unit, staff_.level[i] = level, staff_.post[i] = post;
  post_occupied_[static_cast<std::size_t>(post)] = 1;
  refresh_competence(i);
}

}  // namespace reformsim::models
