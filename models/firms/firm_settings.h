// firm_settings.h - the firm model's parameters (firms.* in configs) read once into plain values:
// the initial population by sector, the production and cost structure, the exogenous trend and
// shocks (the world without reform), exit, the entrant stream and the entry rule, and the
// investment projects. README.md in this folder gives every equation and the source of every
// default.
#pragma once

#include <array>
#include <cstdint>
#include <string>

#include "sim/config/parameter_registry.h"
#include "sim/config/parameter_set.h"

namespace reformsim::models {

// The four sectors of MODEL.md section 4, in the order of every firms.* list parameter.
enum class Sector : std::uint8_t {
  industry_above_designated_size = 0,
  other_industry = 1,
  services = 2,
  trade_oriented = 3,
};
inline constexpr std::size_t sector_count = 4;
const std::string& sector_name(std::size_t sector);

using SectorValues = std::array<double, sector_count>;

// The go-ahead rule shared by entrants and investment projects (README.md, "Entry rule"):
// go ahead iff surplus * exp(-discount_per_day * wait) >= cost_per_trip * trips + fixed_cost.
struct GoAheadRule {
  double discount_per_day = 0;  // value lost per working day of waiting, as a rate
  double cost_per_trip = 0;     // million CNY per visit to a government office
};

struct FirmSettings {
  // Initial population (start of the burn-in) and its size structure.
  std::array<std::int64_t, sector_count> initial_firms{};
  SectorValues initial_annual_revenue{};  // mean, million CNY per firm-year
  double revenue_log_sd = 0;
  double productivity_log_sd = 0;           // initial spread of productivity around the fit
  SectorValues capital_output_ratio{};      // capital per annual revenue, years
  SectorValues revenue_per_worker{};        // million CNY per worker-year
  SectorValues wage{};                      // million CNY per worker-year
  SectorValues intermediate_input_share{};  // of revenue
  SectorValues foreign_invested_probability{}, exporting_probability{}, export_share{};
  double import_share_of_inputs = 0;  // of intermediate inputs, foreign-invested or exporting
  double capital_share = 0;           // alpha in Y = A K^alpha (L (1 - burden))^(1 - alpha)
  double user_cost_of_capital = 0;    // per year
  double revenue_tax_rate = 0, profit_tax_rate = 0;
  // The world without reform.
  SectorValues productivity_trend{};    // log points per year
  double productivity_volatility = 0;   // log points per square-root year, idiosyncratic
  double common_shock_persistence = 0;  // per day, AR(1)
  double common_shock_sd = 0;           // log points per day
  // Exit.
  SectorValues exit_hazard_at_reference{};  // per year
  double exit_reference_margin = 0, exit_margin_sensitivity = 0, margin_smoothing_days = 0;
  // Entrants.
  double entrant_arrivals_per_day = 0, entrant_arrival_growth = 0;  // growth: log per year
  SectorValues entrant_sector_share{};
  double entrant_size_factor = 0;  // entrant revenue / incumbent mean of its sector
  double entry_surplus_median = 0, entry_surplus_log_sd = 0;  // million CNY
  double entry_fee = 0;                                       // million CNY
  GoAheadRule entry_rule;
  double registered_capital_mean = 0, registered_capital_log_sd = 0;  // million CNY
  double registered_capital_surplus_elasticity = 0;  // capital ~ surplus^elasticity
  double paid_in_fraction = 0, foreign_capital_share = 0;
  double foreign_capital_inflow_rate = 0;  // per year, of foreign-owned capital of FIEs
  // Investment projects.
  SectorValues project_opportunities_per_year{};
  double entrant_project_probability = 0;                 // industrial and trade-oriented entrants
  double project_size_mean = 0, project_size_log_sd = 0;  // fraction of the firm's capital
  double project_surplus_median = 0, project_surplus_log_sd = 0;  // per unit of capital
  double project_preparation_cost = 0;                            // per unit of capital
  GoAheadRule project_rule;
  double abandonment_hazard_at_reference = 0;  // per working day
  double abandonment_reference_days = 0, abandonment_shape = 0;
  double construction_days = 0;
  std::int64_t days_per_year = 250;

  static FirmSettings from(const ParameterSet& parameters);
};

// firms.* only (reform.* is declared once by declare_reform_parameters).
void declare_firm_parameters(ParameterRegistry& registry);
// Refuses combinations no single range catches (shares that do not sum to 1, margins).
void validate_firm_parameters(const ParameterSet& parameters);

}  // namespace reformsim::models
