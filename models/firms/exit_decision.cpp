// exit_decision.cpp - the table of upper bounds of the daily exit probability by margin.
#include "models/firms/exit_decision.h"

#include <cmath>

namespace reformsim::models {
namespace {

// Each bin's bound is p at a margin a hundredth of a bin below the bin (p there is e^(b/100)
// times p at the bin's edge, 0.25% above it for bins of b = 0.25), times 1 + 1e-9, plus
// 1e-15: more than the rounding of every operation in exit_probability (relative ~1e-14 in
// the hazard; 1 - exp(-y) is off by at most an ulp of 1, 1.1e-16, however small p is) and
// than the margin's own rounding into a bin, so that no computed p in the bin exceeds it. (The
// margin's rounding is ~1e-16 of |m_ref| + 40 / theta against a hundredth of a bin, 0.0025 /
// theta: negligible while |m_ref| theta is far below 1e13, and the parameters' ranges keep it
// below 1e5.)
constexpr double relative_slack = 1e-9, absolute_slack = 1e-15;

double bound_at(const FirmSettings& settings, std::size_t sector, double margin) {
  return exit_probability(settings, sector, margin) * (1 + relative_slack) + absolute_slack;
}

}  // namespace

ExitDecision::ExitDecision(const FirmSettings& settings) {
  const double sensitivity = settings.exit_margin_sensitivity;
  if (sensitivity == 0) {
    // p does not depend on the margin: one bin (a margin of +-infinity or NaN gives a NaN
    // position and so computes p).
    bins_ = 1;
    for (std::size_t s = 0; s < sector_count; ++s)
      bounds_.push_back(bound_at(settings, s, settings.exit_reference_margin));
    return;
  }
  // Where the exponent's range would not fit in a double's margins, no table: every day
  // computes p (the bounds stay +infinity).
  const double lowest = settings.exit_reference_margin + lowest_exponent / sensitivity;
  const double width = exponent_per_bin / sensitivity;
  if (!(sensitivity > 0) || !std::isfinite(lowest) || !(width > 0) ||
      !std::isfinite(settings.exit_reference_margin + highest_exponent / sensitivity)) {
    bins_ = 1;
    bounds_.assign(sector_count, infinity_);
    return;
  }
  bins_ = static_cast<std::size_t>((highest_exponent - lowest_exponent) / exponent_per_bin);
  lowest_margin_ = lowest;
  bins_per_unit_margin_ = sensitivity / exponent_per_bin;
  last_bin_ = static_cast<double>(bins_ - 1);
  bounds_.reserve(sector_count * bins_);
  for (std::size_t s = 0; s < sector_count; ++s)
    for (std::size_t bin = 0; bin < bins_; ++bin)
      bounds_.push_back(bound_at(settings, s, lowest + (static_cast<double>(bin) - 0.01) * width));
}

}  // namespace reformsim::models
