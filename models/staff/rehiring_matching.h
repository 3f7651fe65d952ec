// rehiring_matching.h - the matching rule of competitive re-hiring (seed section 1.2: every
// post reset to zero, everyone competes on ability and experience). Serial dictatorship by
// score: candidates in descending score (ties: lower staff id first) each take the best post
// still open that they apply for: the highest level in their range with an open post; at that
// level their home unit if it has one open, otherwise the unit with the most open posts there
// (ties: the lower unit index). A candidate with nothing open in their range gets no post.
// The same rule makes the initial appointments from a seniority-weighted score.
#pragma once

#include <cstdint>
#include <vector>

#include "models/organisation/post_table.h"

namespace reformsim::models {

struct RehiringCandidate {
  std::uint64_t staff_id = 0;  // tie-break, so the order is total
  double score = 0;
  std::int32_t highest_level = 0;  // applies for levels highest_level .. lowest_level (0 = top)
  std::int32_t lowest_level = 0;
  std::int32_t home_unit = 0;
};

// The post of each candidate (same order as given), or -1 for no post. Never gives a post to
// two candidates; a post stays empty only if no unplaced candidate applied for it.
std::vector<std::int64_t> match_candidates_to_posts(
    const PostTable& posts, const std::vector<RehiringCandidate>& candidates);

}  // namespace reformsim::models
