// promotion.h - who is promoted into a vacancy from the level below (MODEL.md section 3):
// merit (the best merit score), seniority (the most years of service), random, worst (the
// lowest merit score, a control), or a mix in which each vacancy draws its rule with given
// probabilities. Ties go to the lower staff id, so a choice never depends on list order.
#pragma once

#include <array>
#include <cstdint>
#include <span>

#include "models/staff/staff_settings.h"
#include "sim/random/random_stream.h"

namespace reformsim::models {

struct PromotionCandidate {
  std::uint64_t staff_id = 0;
  double merit = 0;
  double seniority_years = 0;
};

// The rule a vacancy uses: rule r with probability mix[r].
PromotionRule draw_promotion_rule(const std::array<double, promotion_rule_count>& mix,
                                  RandomStream& random);

// The index (into candidates, which must not be empty) of the one promoted under rule.
std::size_t choose_for_promotion(PromotionRule rule, std::span<const PromotionCandidate> candidates,
                                 RandomStream& random);

}  // namespace reformsim::models
