// exit_decision.h - a firm's daily exit decided without the hazard's two exp on almost every day.
//
// A firm exits when its day's draw u falls below the exit probability p(m) of its smoothed margin
// m (exit_probability in firm_equations.h), a probability of about 1e-4 a day. So u is almost
// always far above p, and a table of upper bounds of p over bins of margin says so with a
// subtraction, a multiplication and a load; only a draw below its bin's bound (at most 1.3 p of
// them) computes p itself. The decision is exactly `u < exit_probability(...)`: the table only
// skips the exp where it cannot change the answer, so every result keeps its bits
// (bench/firms/README.md measures the gain).
#pragma once

#include <cstddef>
#include <limits>
#include <vector>

#include "models/firms/firm_equations.h"
#include "models/firms/firm_settings.h"

namespace reformsim::models {

class ExitDecision {
 public:
  // The bounds of p for these settings' exit hazard (the sensitivity must be >= 0, as the
  // parameter's range requires: p then never rises with the margin).
  explicit ExitDecision(const FirmSettings& settings);

  // Whether a firm of `sector` with smoothed margin `margin` exits on a day whose exit draw is
  // `draw`: exactly draw < exit_probability(settings, sector, margin), with the settings the
  // table was built from.
  bool exits(const FirmSettings& settings, std::size_t sector, double margin, double draw) const {
    return draw < upper_bound(sector, margin) && draw < exit_probability(settings, sector, margin);
  }

  // An upper bound of exit_probability at this margin, as computed (rounding included); +infinity
  // where the table does not reach (margins far below the reference, NaN).
  double upper_bound(std::size_t sector, double margin) const {
    const double position = (margin - lowest_margin_) * bins_per_unit_margin_;
    if (!(position >= 0)) return infinity_;
    const std::size_t bin = position < last_bin_ ? static_cast<std::size_t>(position) : bins_ - 1;
    return bounds_[sector * bins_ + bin];
  }

  // The table's reach in units of the hazard's exponent theta (m - m_ref): from
  // lowest_exponent (p near 1 below it) to highest_exponent (beyond it the last bin's bound,
  // p < 1e-19, holds for every higher margin), in bins of exponent_per_bin (a bin's bound is
  // within e^exponent_per_bin of p, so about that many times p of the draws compute p).
  static constexpr double lowest_exponent = -10, highest_exponent = 40, exponent_per_bin = 0.25;

 private:
  static constexpr double infinity_ = std::numeric_limits<double>::infinity();
  double lowest_margin_ = 0, bins_per_unit_margin_ = 0, last_bin_ = 0;
  std::size_t bins_ = 1;
  std::vector<double> bounds_;  // by sector, then bin
};

}  // namespace reformsim::models
