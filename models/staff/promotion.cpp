#include "models/staff/promotion.h"

namespace reformsim::models {
namespace {

// True when a should be promoted before b: larger key first, then the lower id.
bool before(double key_a, std::uint64_t id_a, double key_b, std::uint64_t id_b) {
  return key_a != key_b ? key_a > key_b : id_a < id_b;
}

template <typename Key>
std::size_t best_by(std::span<const PromotionCandidate> candidates, Key key) {
  std::size_t best = 0;
  for (std::size_t i = 1; i < candidates.size(); ++i)
    if (before(key(candidates[i]), candidates[i].staff_id, key(candidates[best]),
               candidates[best].staff_id))
      best = i;
  return best;
}

}  // namespace

PromotionRule draw_promotion_rule(const std::array<double, promotion_rule_count>& mix,
                                  RandomStream& random) {
  const double draw = random.uniform();
  double cumulative = 0;
  for (std::size_t r = 0; r < promotion_rule_count; ++r) {
    cumulative += mix[r];
    if (draw < cumulative) return static_cast<PromotionRule>(r);
  }
  // Rounding left the draw above the sum: the last rule with positive probability.
  for (std::size_t r = promotion_rule_count; r-- > 0;)
    if (mix[r] > 0) return static_cast<PromotionRule>(r);
  return PromotionRule::merit;
}

std::size_t choose_for_promotion(PromotionRule rule, std::span<const PromotionCandidate> candidates,
                                 RandomStream& random) {
  switch (rule) {
    case PromotionRule::merit:
      return best_by(candidates, [](const PromotionCandidate& c) { return c.merit; });
    case PromotionRule::seniority:
      return best_by(candidates, [](const PromotionCandidate& c) { return c.seniority_years; });
    case PromotionRule::worst:
      return best_by(candidates, [](const PromotionCandidate& c) { return -c.merit; });
    case PromotionRule::random:
      break;
  }
  return static_cast<std::size_t>(random.uniform_index(candidates.size()));
}

}  // namespace reformsim::models
