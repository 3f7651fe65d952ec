// The sorted statistics window gives the quantiles std::nth_element gives over the same values
// (what the approval network computed before), day after day as values enter and leave, with
// many ties and zeros; and it refuses to remove a value it does not hold, changing nothing.
#include "models/approvals/sorted_window.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <deque>
#include <limits>
#include <random>
#include <stdexcept>
#include <vector>

namespace reformsim::models {
namespace {

// The nearest-rank quantile by selection over a copy of the values.
double selected_quantile(std::vector<double> values, double q) {
  const auto rank = static_cast<std::size_t>(std::ceil(q * static_cast<double>(values.size())));
  const auto position =
      values.begin() + static_cast<std::ptrdiff_t>(std::max<std::size_t>(rank, 1) - 1);
  std::nth_element(values.begin(), position, values.end());
  return *position;
}

// Days of up to `most_per_day` values entering and as many leaving, for `days` days.
void expect_the_quantiles_of_a_selection(int most_per_day, int days) {
  std::mt19937_64 random(2018);
  std::uniform_int_distribution<int> per_day(0, most_per_day), coarse(0, 30);
  std::lognormal_distribution<double> fine(2.0, 0.8);
  SortedWindow window;
  std::deque<double> held;  // oldest first, as the network's completions
  std::vector<double> leaving, entering;
  for (int day = 0; day < days; ++day) {
    leaving.clear(), entering.clear();
    const int leave = std::min<int>(per_day(random), static_cast<int>(held.size()));
    for (int k = 0; k < leave; ++k)
      leaving.push_back(held.front()), held.pop_front();
    for (int k = per_day(random); k > 0; --k) {
      // Half on a coarse grid (ties, zeros) and half continuous.
      const double value = random() % 2 ? coarse(random) / 4.0 : fine(random);
      entering.push_back(value), held.push_back(value);
    }
    window.update(leaving, entering);
    ASSERT_EQ(window.size(), held.size()) << "day " << day;
    std::vector<double> expected(held.begin(), held.end());
    std::sort(expected.begin(), expected.end());
    ASSERT_EQ(window.values(), expected) << "day " << day;
    if (held.empty()) continue;
    for (double q : {0.0, 0.1, 0.5, 0.9, 1.0})
      ASSERT_EQ(window.nearest_rank(q), selected_quantile(expected, q))
          << "day " << day << " q " << q;
  }
}

TEST(SortedWindow, GivesTheQuantilesOfASelectionOverTheWindowEveryDay) {
  expect_the_quantiles_of_a_selection(40, 400);
}

// Days above SortedWindow's radix threshold (2,048 values) take the radix sort.
TEST(SortedWindow, GivesTheQuantilesOfASelectionWhenDaysAreLarge) {
  expect_the_quantiles_of_a_selection(6000, 30);
}

TEST(SortedWindow, TheQuantilesOfSmallWindowsAreTheNearestRanks) {
  SortedWindow window;
  std::vector<double> none, values{4, 1, 3, 2, 5, 6, 7, 8, 9, 10};
  window.update(none, values);
  EXPECT_EQ(window.nearest_rank(0.5), 5);    // rank ceil(5) = 5
  EXPECT_EQ(window.nearest_rank(0.9), 9);    // rank 9
  EXPECT_EQ(window.nearest_rank(0.91), 10);  // rank ceil(9.1) = 10
  EXPECT_EQ(window.nearest_rank(0.0), 1);    // the first
  std::vector<double> leave_all{1, 2, 3, 4, 5, 6, 7, 8, 9}, one_more;
  window.update(leave_all, one_more);
  EXPECT_EQ(window.size(), 1u);
  EXPECT_EQ(window.nearest_rank(0.5), 10);
}

TEST(SortedWindow, StoresNegativeZeroAsPositiveZero) {
  SortedWindow window;
  std::vector<double> none, zeros{-0.0, 0.0, -0.0};
  window.update(none, zeros);
  for (double value : window.values())
    EXPECT_EQ(std::bit_cast<std::uint64_t>(value), std::bit_cast<std::uint64_t>(0.0));
  std::vector<double> negative_zero{-0.0};  // leaves like any zero
  window.update(negative_zero, none);
  EXPECT_EQ(window.size(), 2u);
}

TEST(SortedWindow, RefusesToRemoveAValueItDoesNotHoldAndKeepsItsValues) {
  SortedWindow window;
  std::vector<double> none, values{1, 2, 2, 3};
  window.update(none, values);
  std::vector<double> absent{2, 2, 2}, entering{7};
  EXPECT_THROW(window.update(absent, entering), std::logic_error);
  EXPECT_EQ(window.values(), (std::vector<double>{1, 2, 2, 3}));
  std::vector<double> nan{std::numeric_limits<double>::quiet_NaN()};
  EXPECT_THROW(window.update(none, nan), std::logic_error);
  EXPECT_EQ(window.values(), (std::vector<double>{1, 2, 2, 3}));
}

}  // namespace
}  // namespace reformsim::models
