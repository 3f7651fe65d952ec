// staff_equations.h - the individual-level mathematics of the staff model as pure functions
// (README.md states each with its parameters and why): competence from ability, level
// aptitude and fit; aptitude after a move between levels; the effort target as a function of
// pay-performance sensitivity; pay from its three components (seed section 1.3); the KPI
// score; candidates' scores; pay dispersion (Gini).
#pragma once

#include <algorithm>
#include <cmath>
#include <span>

#include "models/staff/staff_settings.h"

namespace reformsim::models {

// c = fit * clamp(ability + spread * aptitude, 0, 1): 1 = fully competent for the post.
inline double competence(double ability, double aptitude, double fit, double spread) {
  return fit * std::clamp(ability + spread * aptitude, 0.0, 1.0);
}

// Level aptitude after a move to another level: a' = rho a + sqrt(1 - rho^2) z with z ~ N(0, 1);
// rho = 1 carries it over, rho = 0 draws it anew, and a' stays standard normal for any rho.
inline double aptitude_after_move(double aptitude, double correlation, double fresh_normal) {
  return correlation * aptitude + std::sqrt(1.0 - correlation * correlation) * fresh_normal;
}

// beta(t) = beta_before + intensity(performance_pay, t) (beta_after - beta_before).
inline double pay_performance_sensitivity(const StaffSettings& s,
                                          double performance_pay_intensity) {
  return s.sensitivity_before +
         performance_pay_intensity * (s.sensitivity_after - s.sensitivity_before);
}

// e* = clamp(floor + (1 - floor) beta / (beta + half) + motivation, 0, 1): a saturating response
// of effort to the share of pay that follows measured performance (linear-contract agency
// models give effort rising in the incentive slope; the saturation keeps effort <= 1).
inline double effort_target(const StaffSettings& s, double sensitivity, double motivation) {
  const double response = sensitivity / (sensitivity + s.effort_half_sensitivity);
  return std::clamp(s.effort_floor + (1.0 - s.effort_floor) * response + motivation, 0.0, 1.0);
}

// Partial adjustment: e(t+1) = e(t) + lambda (e* - e(t)).
inline double next_effort(double effort, double target, double adjustment_rate) {
  return effort + adjustment_rate * (target - effort);
}

// pay = base + bonus + additional, bonus = b base ((1 - beta) + beta kpi / mean_kpi): the bonus
// pool is b base on average whatever beta; beta = 0 shares it equally ('one big pot').
inline double pay(double base, const StaffSettings& s, double sensitivity, double kpi,
                  double mean_kpi) {
  const double relative_kpi = mean_kpi > 0 ? kpi / mean_kpi : 1.0;
  const double bonus = s.bonus_share * base * ((1.0 - sensitivity) + sensitivity * relative_kpi);
  return base + bonus + s.additional_pay_share * base;
}

// The level's pay with no performance link: the reference of the pay exit threshold.
inline double flat_pay(double base, const StaffSettings& s) {
  return base * (1.0 + s.bonus_share + s.additional_pay_share);
}

// KPI: exponential smoothing of measured output, k' = (1 - w) k + w o max(0, 1 + sigma z).
inline double next_kpi(double kpi, double output, double smoothing, double measurement_noise,
                       double standard_normal) {
  const double measured = output * std::max(0.0, 1.0 + measurement_noise * standard_normal);
  return (1.0 - smoothing) * kpi + smoothing * measured;
}

// A candidate's merit before assessment noise: w_a ability + w_e min(experience / saturation, 1)
// + w_k kpi.
inline double merit_score(const ScoreWeights& w, double ability, double experience_years,
                          double kpi, double saturation_years) {
  return w.ability * ability + w.experience * std::min(experience_years / saturation_years, 1.0) +
         w.kpi * kpi;
}

// Gini coefficient of values sorted ascending: G = sum_i (2i - n - 1) x_i / (n sum x), i = 1..n.
inline double gini_of_sorted(std::span<const double> sorted) {
  double weighted = 0, total = 0;
  const auto n = static_cast<double>(sorted.size());
  for (std::size_t i = 0; i < sorted.size(); ++i) {
    weighted += (2.0 * static_cast<double>(i + 1) - n - 1.0) * sorted[i];
    total += sorted[i];
  }
  return total > 0 ? weighted / (n * total) : 0.0;
}

}  // namespace reformsim::models
