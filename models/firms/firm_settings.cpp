#include <cmath>

#include "models/firms/firm_settings.h"
#include "sim/config/config_error.h"

namespace reformsim::models {
namespace {

const char* const sector_list_keys[] = {
    "firms.initial_annual_revenue",   "firms.capital_output_ratio",
    "firms.revenue_per_worker",       "firms.wage",
    "firms.intermediate_input_share", "firms.foreign_invested_probability",
    "firms.exporting_probability",    "firms.export_share",
    "firms.productivity_trend",       "firms.entrant_sector_share",
    "firms.exit_hazard_at_reference", "firms.project_opportunities_per_year"};

SectorValues sector_values(const ParameterSet& p, const std::string& key) {
  SectorValues values{};
  const auto& list = p.reals(key);
  for (std::size_t s = 0; s < sector_count && s < list.size(); ++s)
    values[s] = list[s];
  return values;
}

ConfigError refusal(const ParameterSet& p, const std::string& key, const std::string& problem) {
  return ConfigError(p.origin(key), key, format_parameter_value(p.value(key)), problem);
}

}  // namespace

const std::string& sector_name(std::size_t sector) {
  static const std::array<std::string, sector_count> names{
      "industry_above_designated_size", "other_industry", "services", "trade_oriented"};
  return names[sector];
}

FirmSettings FirmSettings::from(const ParameterSet& p) {
  FirmSettings s;
  const auto& firms = p.integers("firms.initial_firms");
  for (std::size_t k = 0; k < sector_count; ++k)
    s.initial_firms[k] = firms[k];
  auto real = [&](const char* name) { return p.real(std::string("firms.") + name); };
  auto sectors = [&](const char* name) { return sector_values(p, std::string("firms.") + name); };
  s.initial_annual_revenue = sectors("initial_annual_revenue");
  s.revenue_log_sd = real("revenue_log_sd");
  s.productivity_log_sd = real("productivity_log_sd");
  s.capital_output_ratio = sectors("capital_output_ratio");
  s.revenue_per_worker = sectors("revenue_per_worker");
  s.wage = sectors("wage");
  s.intermediate_input_share = sectors("intermediate_input_share");
  s.foreign_invested_probability = sectors("foreign_invested_probability");
  s.exporting_probability = sectors("exporting_probability");
  s.export_share = sectors("export_share");
  s.import_share_of_inputs = real("import_share_of_inputs");
  s.capital_share = real("capital_share");
  s.user_cost_of_capital = real("user_cost_of_capital");
  s.revenue_tax_rate = real("revenue_tax_rate");
  s.profit_tax_rate = real("profit_tax_rate");
  s.productivity_trend = sectors("productivity_trend");
  s.productivity_volatility = real("productivity_volatility");
  s.common_shock_persistence = real("common_shock_persistence");
  s.common_shock_sd = real("common_shock_sd");
  s.exit_hazard_at_reference = sectors("exit_hazard_at_reference");
  s.exit_reference_margin = real("exit_reference_margin");
  s.exit_margin_sensitivity = real("exit_margin_sensitivity");
  s.margin_smoothing_days = real("margin_smoothing_days");
  s.entrant_arrivals_per_day = real("entrant_arrivals_per_day");
  s.entrant_arrival_growth = real("entrant_arrival_growth");
  s.entrant_sector_share = sectors("entrant_sector_share");
  s.entrant_size_factor = real("entrant_size_factor");
  s.entry_surplus_median = real("entry_surplus_median");
  s.entry_surplus_log_sd = real("entry_surplus_log_sd");
  s.entry_fee = real("entry_fee");
  s.entry_rule = {real("entry_discount_per_day"), real("entry_cost_per_trip")};
  s.registered_capital_mean = real("registered_capital_mean");
  s.registered_capital_log_sd = real("registered_capital_log_sd");
  s.registered_capital_surplus_elasticity = real("registered_capital_surplus_elasticity");
  s.foreign_capital_inflow_rate = real("foreign_capital_inflow_rate");
  s.paid_in_fraction = real("paid_in_fraction");
  s.foreign_capital_share = real("foreign_capital_share");
  s.project_opportunities_per_year = sectors("project_opportunities_per_year");
  s.entrant_project_probability = real("entrant_project_probability");
  s.project_size_mean = real("project_size_mean");
  s.project_size_log_sd = real("project_size_log_sd");
  s.project_surplus_median = real("project_surplus_median");
  s.project_surplus_log_sd = real("project_surplus_log_sd");
  s.project_preparation_cost = real("project_preparation_cost");
  s.project_rule = {real("project_discount_per_day"), real("project_cost_per_trip")};
  s.abandonment_hazard_at_reference = real("abandonment_hazard_at_reference");
  s.abandonment_reference_days = real("abandonment_reference_days");
  s.abandonment_shape = real("abandonment_shape");
  s.construction_days = real("construction_days");
  s.days_per_year = p.integer("calendar.days_per_year");
  return s;
}

void validate_firm_parameters(const ParameterSet& p) {
  if (p.integers("firms.initial_firms").size() != sector_count)
    throw refusal(p, "firms.initial_firms", "needs one count per sector (4)");
  for (const char* key : sector_list_keys)
    if (p.reals(key).size() != sector_count)
      throw refusal(p, key, "needs one value per sector (4)");
  double share_sum = 0;
  for (double share : p.reals("firms.entrant_sector_share"))
    share_sum += share;
  if (std::abs(share_sum - 1) > 1e-9)
    throw refusal(p, "firms.entrant_sector_share", "shares must sum to 1");
  // A sector whose inputs and revenue taxes eat all its revenue makes every firm lose money on
  // the first day and exit: a typo, not a scenario.
  const SectorValues inputs = sector_values(p, "firms.intermediate_input_share");
  for (std::size_t s = 0; s < sector_count; ++s)
    if (inputs[s] + p.real("firms.revenue_tax_rate") >= 1)
      throw refusal(p, "firms.intermediate_input_share",
                    "inputs plus firms.revenue_tax_rate leave nothing for wages and capital in " +
                        sector_name(s));
}

}  // namespace reformsim::models
