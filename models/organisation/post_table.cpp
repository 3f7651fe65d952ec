#include "models/organisation/post_table.h"

#include <stdexcept>

namespace reformsim::models {

PostTable::PostTable(std::size_t units, std::size_t levels,
                     std::vector<std::int64_t> posts_per_unit_by_level)
    : units_(units), levels_(levels), posts_(std::move(posts_per_unit_by_level)) {
  if (posts_.size() != units * levels)
    throw std::logic_error("PostTable: posts_per_unit_by_level has the wrong size");
  first_post_.resize(posts_.size());
  std::size_t next = 0;
  for (std::size_t cell = 0; cell < posts_.size(); ++cell) {
    first_post_[cell] = next;
    if (posts_[cell] < 0) throw std::logic_error("PostTable: negative post count");
    next += static_cast<std::size_t>(posts_[cell]);
  }
  unit_of_post_.reserve(next);
  level_of_post_.reserve(next);
  for (std::size_t unit = 0; unit < units; ++unit)
    for (std::size_t level = 0; level < levels; ++level)
      for (std::int64_t k = 0; k < posts_[unit * levels + level]; ++k) {
        unit_of_post_.push_back(static_cast<std::int32_t>(unit));
        level_of_post_.push_back(static_cast<std::int32_t>(level));
      }
}

PostTable PostTable::uniform(std::size_t units, std::span<const std::int64_t> posts_per_level) {
  std::vector<std::int64_t> posts;
  posts.reserve(units * posts_per_level.size());
  for (std::size_t unit = 0; unit < units; ++unit)
    posts.insert(posts.end(), posts_per_level.begin(), posts_per_level.end());
  return PostTable(units, posts_per_level.size(), std::move(posts));
}

std::int64_t PostTable::posts_at_level(std::size_t level) const {
  std::int64_t total = 0;
  for (std::size_t unit = 0; unit < units_; ++unit)
    total += posts_[unit * levels_ + level];
  return total;
}

PostTable PostTable::with_level_absorbed(std::size_t removed, std::size_t absorbing) const {
  std::vector<std::int64_t> posts = posts_;
  for (std::size_t unit = 0; unit < units_; ++unit) {
    posts[unit * levels_ + absorbing] += posts[unit * levels_ + removed];
    posts[unit * levels_ + removed] = 0;
  }
  return PostTable(units_, levels_, std::move(posts));
}

}  // namespace reformsim::models
