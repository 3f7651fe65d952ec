// The re-hiring matching rule (serial dictatorship by score): a hand-worked case, and on random
// organisations the two properties the reform needs: no post is given twice, and no post stays
// empty while a candidate who applied for its level has no post.
#include <gtest/gtest.h>

#include <set>

#include "models/staff/rehiring_matching.h"
#include "sim/random/random_stream.h"

namespace reformsim::models {
namespace {

TEST(RehiringMatching, GivesTheHandWorkedResultOnASmallOrganisation) {
  // Unit 0: one head (post 0), one middle (1), one staff post (2); unit 1: one head (3), two
  // staff posts (4, 5). Worked by hand in descending score (C before D: equal scores, lower id):
  // A takes the head post of its home unit 1; B's home head post is gone, so unit 0's; C applies
  // only for heads: none left; D takes unit 0's middle post; E falls to staff in its home unit 0;
  // F's home is full, so unit 1 (most open); G finds heads and middle full: staff in unit 1; H
  // applies only for staff: none left.
  const PostTable posts(2, 3, {1, 1, 1, 1, 0, 2});
  std::vector<RehiringCandidate> candidates{
      {6, 0.3, 0, 2, 0},  // G
      {0, 0.9, 0, 2, 1},  // A
      {7, 0.2, 2, 2, 0},  // H
      {3, 0.7, 1, 2, 1},  // D
      {1, 0.8, 0, 1, 1},  // B
      {5, 0.4, 2, 2, 0},  // F
      {2, 0.7, 0, 0, 0},  // C
      {4, 0.5, 1, 2, 0},  // E
  };
  EXPECT_EQ(match_candidates_to_posts(posts, candidates),
            (std::vector<std::int64_t>{5, 3, -1, 1, 0, 4, -1, 2}));
}

TEST(RehiringMatching, NeverGivesAPostTwiceAndFillsEveryPostSomeoneUnplacedAppliedFor) {
  for (std::uint64_t seed = 0; seed < 40; ++seed) {
    RandomStream random(seed, DrawAddress{1, 1, 0, 0});
    std::vector<std::int64_t> counts(5 * 4);
    for (auto& count : counts)
      count = static_cast<std::int64_t>(random.uniform_index(6));
    const PostTable posts(5, 4, counts);
    std::vector<RehiringCandidate> candidates(60 + random.uniform_index(60));
    for (std::size_t c = 0; c < candidates.size(); ++c) {
      const auto a = static_cast<std::int32_t>(random.uniform_index(4));
      const auto b = static_cast<std::int32_t>(random.uniform_index(4));
      candidates[c] = {c, random.uniform(), std::min(a, b), std::max(a, b),
                       static_cast<std::int32_t>(random.uniform_index(5))};
    }
    const auto assigned = match_candidates_to_posts(posts, candidates);
    std::set<std::int64_t> taken;
    std::vector<bool> filled(posts.size(), false);
    for (std::size_t c = 0; c < candidates.size(); ++c) {
      if (assigned[c] < 0) continue;
      EXPECT_TRUE(taken.insert(assigned[c]).second) << "post " << assigned[c] << " given twice";
      const auto level = posts.level(static_cast<std::size_t>(assigned[c]));
      EXPECT_GE(level, candidates[c].highest_level);
      EXPECT_LE(level, candidates[c].lowest_level);
      filled[static_cast<std::size_t>(assigned[c])] = true;
    }
    for (std::size_t post = 0; post < posts.size(); ++post)
      for (std::size_t c = 0; c < candidates.size() && !filled[post]; ++c)
        EXPECT_FALSE(assigned[c] < 0 && posts.level(post) >= candidates[c].highest_level &&
                     posts.level(post) <= candidates[c].lowest_level)
            << "seed " << seed << ": post " << post << " left open while candidate " << c
            << " who applied for its level got nothing";
  }
}

TEST(RehiringMatching, HigherScoresGetHigherPostsWhenEveryoneAppliesEverywhere) {
  const PostTable posts(1, 3, {1, 2, 3});
  std::vector<RehiringCandidate> candidates;
  for (std::uint64_t c = 0; c < 6; ++c)
    candidates.push_back({c, static_cast<double>(c), 0, 2, 0});
  EXPECT_EQ(match_candidates_to_posts(posts, candidates),
            (std::vector<std::int64_t>{5, 4, 3, 2, 1, 0}));
}

}  // namespace
}  // namespace reformsim::models
