#include "models/staff/rehiring_matching.h"

#include <algorithm>
#include <numeric>

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
  std::vector<std::size_t> order(candidates.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  // A total order (score, then id), so any sort algorithm and thread count give the same result.
  parallel_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    if (candidates[a].score != candidates[b].score)
      return candidates[a].score > candidates[b].score;
    return candidates[a].staff_id < candidates[b].staff_id;
  });
  OpenPosts open(posts);
  std::vector<std::int64_t> assigned(candidates.size(), -1);
  for (std::size_t index : order)
    assigned[index] = best_open_post(open, candidates[index], posts.levels());
  return assigned;
}

}  // namespace reformsim::models
