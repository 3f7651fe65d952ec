#include "models/staff/rehiring_matching.h"

#include <algorithm>

#include "sim/parallel/blocks.h"
#include "sim/parallel/loops.h"

namespace reformsim::models {
namespace {

// Open posts per (unit, level) and per level, and the next free post of each cell: every post
// starts vacant ('all positions reset to zero') and cells fill from their first post on.
class OpenPosts {
 public:
  explicit OpenPosts(const PostTable& posts)
      : posts_(posts), open_(posts.units() * posts.levels()), open_at_level_(posts.levels(), 0) {
    for (std::size_t unit = 0; unit < posts.units(); ++unit)
      for (std::size_t level = 0; level < posts.levels(); ++level) {
        open_[unit * posts.levels() + level] = posts.count(unit, level);
        open_at_level_[level] += posts.count(unit, level);
      }
  }

  // The unit the candidate takes at this level, or -1 if the level has nothing open.
  std::int64_t unit_at_level(std::size_t level, std::size_t home_unit) const {
    if (open_at_level_[level] == 0) return -1;
    if (home_unit < posts_.units() && open(home_unit, level) > 0)
      return static_cast<std::int64_t>(home_unit);
    std::int64_t best = -1, most_open = 0;
    for (std::size_t unit = 0; unit < posts_.units(); ++unit)
      if (open(unit, level) > most_open)
        best = static_cast<std::int64_t>(unit), most_open = open(unit, level);
    return best;
  }

  std::int64_t take(std::size_t unit, std::size_t level) {
    std::int64_t& left = open_[unit * posts_.levels() + level];
    const auto post =
        static_cast<std::int64_t>(posts_.first(unit, level)) + (posts_.count(unit, level) - left);
    --left;
    --open_at_level_[level];
    return post;
  }

 private:
  std::int64_t open(std::size_t unit, std::size_t level) const {
    return open_[unit * posts_.levels() + level];
  }
  const PostTable& posts_;
  std::vector<std::int64_t> open_, open_at_level_;
};

std::int64_t best_open_post(OpenPosts& open, const RehiringCandidate& candidate,
                            std::size_t levels) {
  const auto highest = std::max<std::int32_t>(candidate.highest_level, 0);
  const auto lowest =
      std::min<std::int32_t>(candidate.lowest_level, static_cast<std::int32_t>(levels) - 1);
  for (std::int32_t level = highest; level <= lowest; ++level) {
    const auto unit = open.unit_at_level(static_cast<std::size_t>(level),
                                         static_cast<std::size_t>(candidate.home_unit));
    if (unit >= 0)
      return open.take(static_cast<std::size_t>(unit), static_cast<std::size_t>(level));
  }
  return -1;
}

}  // namespace

std::vector<std::int64_t> match_candidates_to_posts(
    const PostTable& posts, const std::vector<RehiringCandidate>& candidates) {
  // The candidates themselves are sorted, each with its index, not an array of indices: the
  // comparisons and the serial matching then read consecutive memory instead of one random
  // candidate each (at 1e6 staff, a cache miss per comparison).
  struct Ranked {
    RehiringCandidate candidate;
    std::size_t index;
  };
  std::vector<Ranked> ranked(candidates.size());
  for_each_block(candidates.size(), [&](const Block& block) {
    for (std::size_t i = block.begin; i < block.end; ++i)
      ranked[i] = {candidates[i], i};
  });
  // A total order (score, then id), so any sort algorithm and thread count give the same result.
  parallel_sort(ranked.begin(), ranked.end(), [](const Ranked& a, const Ranked& b) {
    if (a.candidate.score != b.candidate.score) return a.candidate.score > b.candidate.score;
    return a.candidate.staff_id < b.candidate.staff_id;
  });
  OpenPosts open(posts);
  std::vector<std::int64_t> assigned(candidates.size(), -1);
  for (const Ranked& r : ranked)
    assigned[r.index] = best_open_post(open, r.candidate, posts.levels());
  return assigned;
}

}  // namespace reformsim::models
