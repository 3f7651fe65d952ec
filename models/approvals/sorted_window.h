// sorted_window.h - the values of a sliding window (the days to permit of one application type
// over the statistics window) kept in ascending order from one day to the next, so that a
// quantile is a lookup instead of a selection over the whole window.
//
// Why: the window's median and 90th percentile were two std::nth_element calls over every
// value of the window every day, O(window) comparisons with unpredictable branches, on the
// calling thread while the units' windows of the next day waited (bench/approvals/README.md).
// A day changes only the values that entered and left: those are sorted (a radix sort on
// large days), and the window is rebuilt in one sequential pass that drops the leaving values
// and merges in the entering ones. The k-th smallest value does not depend on how it is found, so
// the quantiles are those of the selection, bit for bit (zeros are stored as +0: -0 and +0 are
// equal to a comparison, and a quantile of the selection could be either).
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <stdexcept>
#include <string>
#include <vector>

#include "models/common/radix_sort.h"

namespace reformsim::models {

class SortedWindow {
 public:
  // Removes one occurrence of each value of `leaving` (each must be in the window) and adds
  // the values of `entering`. Both are reordered (sorted) in place; neither may hold NaN.
  void update(std::vector<double>& leaving, std::vector<double>& entering) {
    if (leaving.empty() && entering.empty()) return;
    normalise_and_sort(leaving);
    normalise_and_sort(entering);
    // One pass into the other buffer: the held values less one occurrence of each leaving
    // value, merged with the entering ones. Nothing held changes before every leaving value
    // has been found.
    next_.resize(sorted_.size() + entering.size());
    std::size_t left = 0, entered = 0, out = 0, missing = 0;
    for (const double value : sorted_) {
      for (; left < leaving.size() && leaving[left] < value; ++left)
        ++missing;
      if (left < leaving.size() && leaving[left] == value) {
        ++left;
        continue;
      }
      for (; entered < entering.size() && entering[entered] < value; ++entered)
        next_[out++] = entering[entered];
      next_[out++] = value;
    }
    missing += leaving.size() - left;
    if (missing > 0)
      throw std::logic_error("SortedWindow::update: " + std::to_string(missing) +
                             " leaving values are not in the window");
    for (; entered < entering.size(); ++entered)
      next_[out++] = entering[entered];
    next_.resize(out);
    sorted_.swap(next_);
  }

  // Room for `values` without allocating (the window's own two buffers).
  void reserve(std::size_t values) {
    sorted_.reserve(values);
    next_.reserve(values);
  }

  std::size_t size() const { return sorted_.size(); }
  bool empty() const { return sorted_.empty(); }
  const std::vector<double>& values() const { return sorted_; }

  // Nearest-rank quantile: the smallest value with at least a fraction q of the values at or
  // below it (the value at rank ceil(q n), the first for q n <= 1). The window must not be
  // empty.
  double nearest_rank(double q) const {
    const auto rank = static_cast<std::size_t>(std::ceil(q * static_cast<double>(size())));
    return sorted_[std::min(std::max<std::size_t>(rank, 1), size()) - 1];
  }

 private:
  // Small days by comparison, large ones by the parallel radix sort: the same sequence.
  static constexpr std::size_t radix_from = 2048;

  void normalise_and_sort(std::vector<double>& values) {
    for (double& value : values) {
      if (std::isnan(value)) throw std::logic_error("SortedWindow::update: a value is NaN");
      value += 0.0;  // -0 becomes +0 (a radix sort would order them); every other value stays
    }
    if (values.size() < radix_from)
      std::sort(values.begin(), values.end());
    else
      radix_sort(values, sort_buffers_);
  }

  std::vector<double> sorted_, next_;  // capacities kept between days
  RadixSortBuffers sort_buffers_;
};

}  // namespace reformsim::models
