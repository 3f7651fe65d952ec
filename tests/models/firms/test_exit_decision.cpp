// The exit decision with its table of bounds: the same answer as comparing the draw with the
// exit probability, at every margin and for draws on either side of the probability, and
// bounds close enough above the probability that the table decides almost every day.
#include "models/firms/exit_decision.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <vector>

#include "sim/random/random_stream.h"

namespace reformsim::models {
namespace {

FirmSettings exit_settings(double sensitivity, double reference_margin = 0.05) {
  FirmSettings settings;
  settings.exit_hazard_at_reference = {0.02, 0.05, 0.06, 0.0};  // a sector that never exits
  settings.exit_margin_sensitivity = sensitivity;
  settings.exit_reference_margin = reference_margin;
  return settings;
}

// Margins in and around the table: a dense grid over the exponent's range and beyond it, each
// bin's edges to the ulp, and the values a margin can take in a degenerate firm.
std::vector<double> margins_to_try(const FirmSettings& settings) {
  const double inf = std::numeric_limits<double>::infinity();
  std::vector<double> margins{std::nan(""), inf, -inf, 1e300, -1e300, 0.0, -0.0, 1.0, -1.0};
  const double theta = settings.exit_margin_sensitivity > 0 ? settings.exit_margin_sensitivity : 1;
  const double reference = settings.exit_reference_margin;
  for (double x = -15; x <= 45; x += 0.0137)
    margins.push_back(reference + x / theta);
  const double width = ExitDecision::exponent_per_bin / theta;
  const double lowest = reference + ExitDecision::lowest_exponent / theta;
  for (int bin = -1; bin <= 201; ++bin) {
    const double edge = lowest + bin * width;
    margins.insert(margins.end(), {edge, std::nextafter(edge, -inf), std::nextafter(edge, inf)});
  }
  return margins;
}

void expect_same_decisions(const FirmSettings& settings) {
  const ExitDecision decision(settings);
  RandomStream random(5, {});
  int checked = 0, wrong = 0;
  for (std::size_t sector = 0; sector < sector_count; ++sector)
    for (double margin : margins_to_try(settings)) {
      const double p = exit_probability(settings, sector, margin);
      const double bound = decision.upper_bound(sector, margin);
      for (double draw : {p, std::nextafter(p, 0.0), std::nextafter(p, 1.0), 0.0, 0.5 * p, 2 * p,
                          bound, std::nextafter(bound, 0.0), random.uniform()}) {
        ++checked;
        if (decision.exits(settings, sector, margin, draw) != (draw < p) && ++wrong <= 5)
          ADD_FAILURE() << "sensitivity " << settings.exit_margin_sensitivity << ", sector "
                        << sector << ", margin " << margin << ", draw " << draw << ", p " << p
                        << ", bound " << bound;
      }
    }
  EXPECT_EQ(wrong, 0) << "of " << checked;
}

TEST(ExitDecision, DecidesAsTheExitProbabilityDoesAtEveryMarginAndDraw) {
  for (double sensitivity : {20.0, 1.0, 0.3, 1e4, 0.0})
    expect_same_decisions(exit_settings(sensitivity));
  expect_same_decisions(exit_settings(20.0, -3.0));
  expect_same_decisions(exit_settings(20.0, 9.5));
  // Outside the parameter's range the table is not built and every day computes p.
  expect_same_decisions(exit_settings(-5.0));
  expect_same_decisions(exit_settings(1e-320));
  expect_same_decisions(exit_settings(std::nan("")));
}

// A bin's bound is at most e^(exponent_per_bin) (and its slack) above the probability, so the
// draws that compute p are a small multiple of p of all; no bin may be left at +infinity.
TEST(ExitDecision, BoundsLieJustAboveTheProbabilityOverTheTable) {
  for (double sensitivity : {20.0, 1.0, 1e4, 0.0}) {
    const FirmSettings settings = exit_settings(sensitivity);
    const ExitDecision decision(settings);
    const double theta = sensitivity > 0 ? sensitivity : 1;
    const double ratio = std::exp(1.02 * ExitDecision::exponent_per_bin);
    for (std::size_t sector = 0; sector < sector_count; ++sector)
      for (double x = ExitDecision::lowest_exponent; x < ExitDecision::highest_exponent;
           x += 0.01) {
        const double margin = settings.exit_reference_margin + x / theta;
        const double p = exit_probability(settings, sector, margin);
        const double bound = decision.upper_bound(sector, margin);
        EXPECT_GE(bound, p) << "sensitivity " << sensitivity << ", margin " << margin;
        EXPECT_LE(bound, p * ratio * (1 + 1e-8) + 1e-14)
            << "sensitivity " << sensitivity << ", margin " << margin;
      }
  }
}

TEST(ExitDecision, AboveTheTableTheLastBinsBoundHoldsAndBelowItPIsComputed) {
  const FirmSettings settings = exit_settings(20.0);
  const ExitDecision decision(settings);
  for (std::size_t sector = 0; sector < sector_count; ++sector) {
    EXPECT_LE(decision.upper_bound(sector, 50.0), 2e-15);
    EXPECT_EQ(decision.upper_bound(sector, -1.0), std::numeric_limits<double>::infinity());
    EXPECT_EQ(decision.upper_bound(sector, std::nan("")), std::numeric_limits<double>::infinity());
  }
}

}  // namespace
}  // namespace reformsim::models
