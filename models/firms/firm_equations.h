// firm_equations.h - the firm model's equations as small pure functions, so each is written once
// as mathematics and tested on its own: the go-ahead rule of entrants and projects (and its
// closed-form probability), production, the day's accounts, the exit and abandonment hazards.
// README.md in this folder derives each one.
#pragma once

#include <algorithm>
#include <cmath>

#include "models/firms/firm_settings.h"

namespace reformsim::models {

// Net value of applying now: the surplus, discounted over the expected wait for the permit,
// less the trips to offices and the fixed cost (fees, preparation). Go ahead iff >= 0.
inline double net_value_of_applying(double surplus, double fixed_cost, double wait_days,
                                    double trips, const GoAheadRule& rule) {
  return surplus * std::exp(-rule.discount_per_day * wait_days) - rule.cost_per_trip * trips -
         fixed_cost;
}

// P(go ahead) when the surplus is lognormal with the given median and log sd:
// P = 1 - Phi((ln((c T + F) e^(delta W)) - ln median) / sigma).
inline double go_ahead_probability(double surplus_median, double surplus_log_sd, double fixed_cost,
                                   double wait_days, double trips, const GoAheadRule& rule) {
  const double cost = rule.cost_per_trip * trips + fixed_cost;
  if (cost <= 0) return 1.0;
  const double z = (std::log(cost) + rule.discount_per_day * wait_days - std::log(surplus_median)) /
                   surplus_log_sd;
  return 0.5 * std::erfc(z / std::sqrt(2.0));
}

// Log-mean of a lognormal whose mean is `mean`: mu = ln(mean) - sigma^2 / 2.
inline double log_mean_for_mean(double mean, double log_sd) {
  return std::log(mean) - 0.5 * log_sd * log_sd;
}

// E[(S / median)^b | S >= threshold] for S lognormal with the given median and log sd, where
// z = (ln threshold - ln median) / log_sd: e^(a^2/2) Phi(a - z) / Phi(-z) with a = b log_sd.
// The mean registered capital of the entrants an entry threshold lets in, per unit of the
// capital of the median-surplus entrant (README.md, "Registered capital").
inline double mean_surplus_power_above(double elasticity, double surplus_log_sd, double z) {
  const double a = elasticity * surplus_log_sd;
  const double above = 0.5 * std::erfc(z / std::sqrt(2.0));  // Phi(-z)
  const double unconditional = std::exp(0.5 * a * a);
  if (above < 1e-300) return unconditional;
  return unconditional * 0.5 * std::erfc((z - a) / std::sqrt(2.0)) / above;
}

// Output per working day: Y = A K^alpha (L (1 - burden))^(1 - alpha), A = exp(log productivity),
// with log K given (FirmPopulation keeps it); daily_output below computes it, the same bits.
inline double daily_output_at_log_capital(double log_productivity, double capital,
                                          double log_capital, double employment,
                                          double compliance_burden, double capital_share) {
  const double effective_labour = employment * (1.0 - compliance_burden);
  if (capital <= 0 || effective_labour <= 0) return 0.0;
  return std::exp(log_productivity + capital_share * log_capital +
                  (1.0 - capital_share) * std::log(effective_labour));
}

inline double daily_output(double log_productivity, double capital, double employment,
                           double compliance_burden, double capital_share) {
  return daily_output_at_log_capital(log_productivity, capital, std::log(capital), employment,
                                     compliance_burden, capital_share);
}

// One firm's working day in money (million CNY). Identity:
// revenue = inputs + wages + capital_cost + revenue_tax + profit_tax + profit.
struct FirmAccounts {
  double revenue = 0, inputs = 0, wages = 0, capital_cost = 0;
  double revenue_tax = 0, profit_tax = 0, profit = 0;
  double exports = 0, imports = 0;
  double taxes() const { return revenue_tax + profit_tax; }
};

inline FirmAccounts daily_accounts(const FirmSettings& settings, std::size_t sector, double output,
                                   double capital, double employment, bool exporting,
                                   bool foreign_invested) {
  const double days = static_cast<double>(settings.days_per_year);
  FirmAccounts accounts;
  accounts.revenue = output;  // sold the day it is made: no inventories
  accounts.inputs = settings.intermediate_input_share[sector] * output;
  accounts.wages = settings.wage[sector] * employment / days;
  accounts.capital_cost = settings.user_cost_of_capital * capital / days;
  accounts.revenue_tax = settings.revenue_tax_rate * output;
  const double before_tax = accounts.revenue - accounts.inputs - accounts.wages -
                            accounts.capital_cost - accounts.revenue_tax;
  accounts.profit_tax = settings.profit_tax_rate * std::max(before_tax, 0.0);
  accounts.profit = before_tax - accounts.profit_tax;
  accounts.exports = exporting ? settings.export_share[sector] * output : 0.0;
  accounts.imports =
      (exporting || foreign_invested) ? settings.import_share_of_inputs * accounts.inputs : 0.0;
  return accounts;
}

// Daily exit probability: hazard h = h_ref exp(-theta (margin - margin_ref)) per year.
inline double exit_probability(const FirmSettings& settings, std::size_t sector,
                               double smoothed_margin) {
  const double yearly = settings.exit_hazard_at_reference[sector] *
                        std::exp(-settings.exit_margin_sensitivity *
                                 (smoothed_margin - settings.exit_reference_margin));
  return 1.0 - std::exp(-yearly / static_cast<double>(settings.days_per_year));
}

// Daily abandonment probability of a project that has waited `waited_days` for its permit:
// hazard h(w) = h_ref (w / w_ref)^k, rising with the wait for k > 0.
inline double abandonment_probability(const FirmSettings& settings, double waited_days) {
  const double ratio = std::max(waited_days, 0.0) / settings.abandonment_reference_days;
  return 1.0 - std::exp(-settings.abandonment_hazard_at_reference *
                        std::pow(ratio, settings.abandonment_shape));
}

}  // namespace reformsim::models
