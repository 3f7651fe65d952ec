#include "models/staff/rehiring_matching.h"

#include <algorithm>
#include <memory>

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

// For a candidate applying for levels highest_level .. lowest_level, from home_unit.
std::int64_t best_open_post(OpenPosts& open, std::int32_t highest_level, std::int32_t lowest_level,
                            std::int32_t home_unit, std::size_t levels) {
  const auto highest = std::max<std::int32_t>(highest_level, 0);
  const auto lowest = std::min<std::int32_t>(lowest_level, static_cast<std::int32_t>(levels) - 1);
  for (std::int32_t level = highest; level <= lowest; ++level) {
    const auto unit =
        open.unit_at_level(static_cast<std::size_t>(level), static_cast<std::size_t>(home_unit));
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
  // candidate each (at 1e6 staff, a cache miss per comparison). No default member values, and
  // arrays made for overwriting: the parallel fill is their first write, not a serial zeroing.
  struct Ranked {
    double score;
    std::uint64_t staff_id;
    std::int32_t highest_level, lowest_level, home_unit;
    std::size_t index;
  };
  const std::size_t n = candidates.size();
  const auto ranked = std::make_unique_for_overwrite<Ranked[]>(n);
  for_each_block(n, [&](const Block& block) {
    for (std::size_t i = block.begin; i < block.end; ++i) {
      const RehiringCandidate& c = candidates[i];
      ranked[i] = {c.score, c.staff_id, c.highest_level, c.lowest_level, c.home_unit, i};
    }
  });
  // A total order (score, then id), so any sort algorithm and thread count give the same result.
  parallel_sort(ranked.get(), ranked.get() + n, [](const Ranked& a, const Ranked& b) {
    if (a.score != b.score) return a.score > b.score;
    return a.staff_id < b.staff_id;
  });
  // The dictatorship itself is serial; it writes each candidate's post in rank order, and the
  // posts go to their candidates' places in parallel (one random write each, off the serial path).
  OpenPosts open(posts);
  const auto post_by_rank = std::make_unique_for_overwrite<std::int64_t[]>(n);
  for (std::size_t rank = 0; rank < n; ++rank) {
    const Ranked& r = ranked[rank];
    post_by_rank[rank] =
        best_open_post(open, r.highest_level, r.lowest_level, r.home_unit, posts.levels());
  }
  std::vector<std::int64_t> assigned(n);
  for_each_block(n, [&](const Block& block) {
    for (std::size_t rank = block.begin; rank < block.end; ++rank)
      assigned[ranked[rank].index] = post_by_rank[rank];
  });
  return assigned;
}

}  // namespace reformsim::models
