// post_table.h - the posts of an organisation: every post belongs to one unit (a department or
// a park body) and one level of the hierarchy. Posts are numbered by (unit, level), so the posts
// of one unit at one level are contiguous; a restructuring builds a new table rather than
// editing this one.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace reformsim::models {

class PostTable {
 public:
  PostTable() = default;
  // posts_per_unit_by_level[u * levels + l]: posts of unit u at level l.
  PostTable(std::size_t units, std::size_t levels,
            std::vector<std::int64_t> posts_per_unit_by_level);
  // Every unit gets the same posts per level.
  static PostTable uniform(std::size_t units, std::span<const std::int64_t> posts_per_level);

  std::size_t size() const { return unit_of_post_.size(); }
  std::size_t units() const { return units_; }
  std::size_t levels() const { return levels_; }
  std::int32_t unit(std::size_t post) const { return unit_of_post_[post]; }
  std::int32_t level(std::size_t post) const { return level_of_post_[post]; }
  // The posts of (unit, level) are first(unit, level) .. first(unit, level) + count(unit, level).
  std::size_t first(std::size_t unit, std::size_t level) const {
    return first_post_[unit * levels_ + level];
  }
  std::int64_t count(std::size_t unit, std::size_t level) const {
    return posts_[unit * levels_ + level];
  }
  std::int64_t posts_at_level(std::size_t level) const;

  // Flattening: the posts of level `removed` become posts of level `absorbing` in every unit.
  PostTable with_level_absorbed(std::size_t removed, std::size_t absorbing) const;

 private:
  std::size_t units_ = 0, levels_ = 0;
  std::vector<std::int64_t> posts_;      // by unit * levels + level
  std::vector<std::size_t> first_post_;  // by unit * levels + level
  std::vector<std::int32_t> unit_of_post_, level_of_post_;
};

}  // namespace reformsim::models
