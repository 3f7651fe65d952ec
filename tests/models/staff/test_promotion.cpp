// Promotion rules on a small case where the answer is known, and the mix of rules drawn in its
// configured proportions.
#include <gtest/gtest.h>

#include <cmath>

#include "models/staff/promotion.h"

namespace reformsim::models {
namespace {

// id 10: middling merit, mid seniority; 11 and 13 share the best merit (11 has the lower id);
// 12 is the most senior; 10 has the worst merit.
const std::vector<PromotionCandidate> candidates{
    {10, 0.2, 3}, {11, 0.9, 1}, {12, 0.3, 20}, {13, 0.9, 5}};

TEST(Promotion, MeritPicksTheBestMeritScoreAndBreaksTiesByLowerId) {
  RandomStream random(1, DrawAddress{1, 1, 0, 0});
  EXPECT_EQ(choose_for_promotion(PromotionRule::merit, candidates, random), 1u);
}

TEST(Promotion, SeniorityPicksTheLongestServing) {
  RandomStream random(1, DrawAddress{1, 1, 0, 0});
  EXPECT_EQ(choose_for_promotion(PromotionRule::seniority, candidates, random), 2u);
}

TEST(Promotion, WorstPicksTheLowestMeritScore) {
  RandomStream random(1, DrawAddress{1, 1, 0, 0});
  EXPECT_EQ(choose_for_promotion(PromotionRule::worst, candidates, random), 0u);
}

TEST(Promotion, RandomPicksEveryoneAboutEquallyOften) {
  // 40000 draws: each share has standard deviation sqrt(0.25 * 0.75 / 40000) = 0.0022; the
  // tolerance 0.01 is 4.6 of them, so a correct rule fails with probability ~1e-5 per share.
  std::array<int, 4> picks{};
  for (std::uint64_t k = 0; k < 40000; ++k) {
    RandomStream random(5, DrawAddress{1, 2, k, 0});
    ++picks[choose_for_promotion(PromotionRule::random, candidates, random)];
  }
  for (int count : picks)
    EXPECT_NEAR(count / 40000.0, 0.25, 0.01);
}

TEST(Promotion, AMixDrawsEachRuleInItsConfiguredProportion) {
  // Same tolerance argument: shares' standard deviations are at most 0.0025 with 40000 draws.
  const std::array<double, promotion_rule_count> mix{0.3, 0.6, 0.1, 0.0};
  std::array<int, promotion_rule_count> drawn{};
  for (std::uint64_t k = 0; k < 40000; ++k) {
    RandomStream random(9, DrawAddress{1, 3, k, 0});
    ++drawn[static_cast<std::size_t>(draw_promotion_rule(mix, random))];
  }
  for (std::size_t r = 0; r < promotion_rule_count; ++r)
    EXPECT_NEAR(drawn[r] / 40000.0, mix[r], 0.01) << "rule " << r;
  EXPECT_EQ(drawn[3], 0);  // a rule with probability 0 is never drawn
}

TEST(Promotion, AMixPicksThePeopleOfItsRulesInProportion) {
  // merit -> index 1, seniority -> 2, worst -> 0 (never with this mix), random -> any of 4.
  const std::array<double, promotion_rule_count> mix{0.5, 0.25, 0.25, 0.0};
  std::array<int, 4> picks{};
  for (std::uint64_t k = 0; k < 40000; ++k) {
    RandomStream random(3, DrawAddress{1, 4, k, 0});
    const auto rule = draw_promotion_rule(mix, random);
    ++picks[choose_for_promotion(rule, candidates, random)];
  }
  const std::array<double, 4> expected{0.0625, 0.5625, 0.3125, 0.0625};
  for (std::size_t i = 0; i < 4; ++i)
    EXPECT_NEAR(picks[i] / 40000.0, expected[i], 0.01) << i;
}

}  // namespace
}  // namespace reformsim::models
