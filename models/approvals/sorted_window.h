// sorted_window.h - the values of a sliding window (the days to permit of one application type
// over the statistics window) kept in ascending order from one day to the next, so that a
// quantile is a lookup instead of a selection over the whole window.
//
// Why: the window's median and 90th percentile were two std::nth_element calls over every
// value of the window every day, O(window) comparisons with unpredictable branches, on the
// calling thread while the units' windows of the next day waited (bench/approvals/README.md).
// A day changes only the values that entered and left: those few are sorted, and the window is
// rebuilt by one set difference and one merge, sequential passes without data-dependent
// branches worth predicting. The k-th smallest value does not depend on how it is found, so
// the quantiles are those of the selection, bit for bit (zeros are stored as +0: -0 and +0 are
// equal to a comparison, and a quantile of the selection could be either).
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <stdexcept>
#include <string>
#include <vector>

namespace reformsim::models {

class SortedWindow {
 public:
  // Removes one occurrence of each value of `leaving` (each must be in the window) and adds
  // the values of `entering`. Both are reordered (sorted) in place; neither may hold NaN.
  void update(std::vector<double>& leaving, std::vector<double>& entering) {
    if (leaving.empty() && entering.empty()) return;
    normalise_and_sort(leaving);
    normalise_and_sort(entering);
    kept_.clear();
    std::set_difference(sorted_.begin(), sorted_.end(), leaving.begin(), leaving.end(),
                        std::back_inserter(kept_));
    if (kept_.size() + leaving.size() != sorted_.size())
      throw std::logic_error("SortedWindow::update: " +
                             std::to_string(kept_.size() + leaving.size() - sorted_.size()) +
                             " leaving values are not in the window");
    sorted_.resize(kept_.size() + entering.size());
    std::merge(kept_.begin(), kept_.end(), entering.begin(), entering.end(), sorted_.begin());
  }

  // Room for `values` without allocating (the window's own two buffers).
  void reserve(std::size_t values) {
    sorted_.reserve(values);
    kept_.reserve(values);
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
  static void normalise_and_sort(std::vector<double>& values) {
    for (double& value : values) {
      if (std::isnan(value)) throw std::logic_error("SortedWindow::update: a value is NaN");
      value += 0.0;  // -0 becomes +0; every other value is unchanged
    }
    std::sort(values.begin(), values.end());
  }

  std::vector<double> sorted_, kept_;  // capacities kept between days
};

}  // namespace reformsim::models
