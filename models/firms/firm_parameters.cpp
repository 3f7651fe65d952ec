// firm_parameters.cpp - the firms.* parameters, declared once with unit, range and source. Every
// default is explained in README.md ("Parameters"); "derived" means computed from a reported
// figure by the arithmetic written in the source text.
#include "models/firms/firm_settings.h"

namespace reformsim::models {
namespace {

const std::string assumption = "assumption";
const std::string sector_order =
    " (industry above designated size, other industry, services, trade-oriented)";

void add_sector_list(ParameterRegistry& registry, const std::string& name, SectorValues values,
                     double maximum, const std::string& unit, const std::string& description,
                     const std::string& source) {
  registry.add(real_list_parameter("firms." + name, {values.begin(), values.end()}, 0, maximum,
                                   unit, description + sector_order, source));
}

void declare_population(ParameterRegistry& registry) {
  registry.add(integer_list_parameter(
      "firms.initial_firms", {200, 338, 8000, 700}, 0, 1e8, "firms",
      "firms at the start of the burn-in" + sector_order,
      "industry: 2013 yearbook (538 industrial firms, 200 above designated size); services and "
      "trade: assumption, a stock of ~9,200 = ~1,800 new entities a year / 0.196 (China's 2017 "
      "new-to-stock ratio of market entities, 19.25 of 98.15 million, SAIC)"));
  add_sector_list(registry, "initial_annual_revenue", {374, 8, 2, 10}, 1e6, "million CNY",
                  "mean annual revenue per firm at the start of the burn-in",
                  "industry above size: derived, 2017's 86.477 bn / 1.156 (its 2017 growth) / 200 "
                  "firms; others: assumption (other industry below the 20 M CNY threshold)");
  registry.add(real_parameter("firms.revenue_log_sd", 1.0, 0, 5, "log points",
                              "spread of firm revenue within a sector", assumption));
  registry.add(real_parameter("firms.productivity_log_sd", 0.1, 0, 5, "log points",
                              "initial productivity spread around the revenue fit", assumption));
  add_sector_list(registry, "capital_output_ratio", {0.8, 0.8, 0.5, 0.3}, 100, "years",
                  "capital per unit of annual revenue", assumption);
  add_sector_list(registry, "revenue_per_worker", {1.2, 0.5, 0.3, 1.0}, 1e3,
                  "million CNY per worker-year", "annual revenue per worker",
                  "industry above size: NBS 2017 (about 1.2 M CNY per employee); others: "
                  "assumption");
  add_sector_list(registry, "wage", {0.065, 0.055, 0.05, 0.06}, 10, "million CNY per worker-year",
                  "annual wage", "assumption (Shandong urban average wage 2017 ~0.068 M CNY)");
  add_sector_list(registry, "intermediate_input_share", {0.78, 0.73, 0.68, 0.83}, 1, "fraction",
                  "intermediate inputs per unit of revenue",
                  "assumption: gives profit margins of 5-8% at the start");
  add_sector_list(registry, "foreign_invested_probability", {0.15, 0.05, 0.02, 0.2}, 1, "fraction",
                  "chance a firm is foreign-invested", assumption);
  add_sector_list(registry, "exporting_probability", {0.3, 0.1, 0.01, 0.8}, 1, "fraction",
                  "chance a firm exports", assumption);
  add_sector_list(registry, "export_share", {0.3, 0.2, 0.1, 0.7}, 1, "fraction",
                  "exports per unit of revenue of an exporting firm", assumption);
  registry.add(real_parameter("firms.import_share_of_inputs", 0.3, 0, 1, "fraction",
                              "imported share of the intermediate inputs of foreign-invested and "
                              "exporting firms",
                              assumption));
}

void declare_production(ParameterRegistry& registry) {
  registry.add(real_parameter("firms.capital_share", 0.4, 0.01, 0.99, "1",
                              "alpha of Y = A K^alpha (L (1 - compliance burden))^(1 - alpha)",
                              "assumption (capital share of Chinese value added, ~0.4)"));
  registry.add(real_parameter("firms.user_cost_of_capital", 0.1, 0, 1, "per year",
                              "depreciation plus interest per unit of capital",
                              "assumption (0.06 depreciation + 0.04 interest)"));
  registry.add(real_parameter("firms.revenue_tax_rate", 0.026, 0, 1, "fraction",
                              "local taxes on revenue (local VAT share, surcharges, other local "
                              "taxes) into the public budget",
                              "derived: with the initial revenue (~100 bn CNY a year) and the "
                              "profit tax, about 3.2 bn in 2016 = 2017's 3.494 bn / 1.09"));
  registry.add(real_parameter("firms.profit_tax_rate", 0.1, 0, 1, "fraction",
                              "local share of corporate income tax on positive profit",
                              "China's tax law: 25% corporate income tax, 40% of it local"));
  add_sector_list(registry, "productivity_trend", {0.11, 0.05, 0.05, 0.05}, 1,
                  "log points per year", "exogenous productivity trend (the world without reform)",
                  "assumption, set so that industry revenue grows ~15% in 2017 without reform "
                  "(reported +15.6%, yearbook)");
  registry.add(real_parameter("firms.productivity_volatility", 0.1, 0, 5,
                              "log points per square-root year",
                              "idiosyncratic productivity random walk", assumption));
  registry.add(real_parameter("firms.common_shock_persistence", 0.99, 0, 0.999999, "per day",
                              "AR(1) persistence of the common productivity shock", assumption));
  registry.add(real_parameter("firms.common_shock_sd", 0.003, 0, 1, "log points per day",
                              "innovation of the common productivity shock", assumption));
  add_sector_list(registry, "exit_hazard_at_reference", {0.02, 0.05, 0.06, 0.05}, 100, "per year",
                  "exit hazard of a firm at the reference profit margin",
                  "assumption: about 5% of enterprises deregister a year, large ones rarely");
  registry.add(real_parameter("firms.exit_reference_margin", 0.05, -10, 10, "fraction",
                              "profit margin at which the exit hazard is its reference value",
                              assumption));
  registry.add(real_parameter("firms.exit_margin_sensitivity", 20, 0, 1e4, "per unit margin",
                              "theta: the hazard grows by e per 1/theta fall of the margin",
                              assumption));
  registry.add(real_parameter("firms.margin_smoothing_days", 60, 1, 1e5, "working days",
                              "time constant of the profit margin the exit hazard reads",
                              assumption));
}

void declare_entry(ParameterRegistry& registry) {
  registry.add(real_parameter("firms.entrant_arrivals_per_day", 10.5, 0, 1e7, "entrants per day",
                              "potential entrants a working day at the start of the burn-in",
                              "derived: 1347 registrations in Jan-Sep 2017 / 187.5 working days "
                              "= 7.18 a day, / 0.59 entry probability (simulated before the "
                              "reform) / 1.163 trend growth to mid Jan-Sep 2017"));
  registry.add(real_parameter(
      "firms.entrant_arrival_growth", 0.11, -1, 1, "log per year",
      "trend growth of potential entrants (the world without the zone's "
      "reform)",
      "China's new market entities, 2018 / 2017: 21.49 / 19.25 million "
      "= +11.6% (SAMR / SAIC annual statistics, quoted from memory, not checked against the "
      "publication here), ln 1.116 = 0.11"));
  add_sector_list(registry, "entrant_sector_share", {0, 0.08, 0.8, 0.12}, 1, "fraction",
                  "sector of a new market entity (sums to 1)", assumption);
  registry.add(real_parameter("firms.entrant_size_factor", 0.3, 0, 100, "1",
                              "entrant mean revenue / its sector's initial mean", assumption));
  registry.add(real_parameter("firms.entry_surplus_median", 0.0062, 1e-9, 1e6, "million CNY",
                              "median value of entry over the founder's next best option",
                              "assumption: entry probability ~0.6 before the reform (with the "
                              "fee, 4.4 trips and a ~4.5-day wait)"));
  registry.add(real_parameter("firms.entry_surplus_log_sd", 1.5, 0.01, 10, "log points",
                              "spread of the value of entry", assumption));
  registry.add(real_parameter("firms.entry_fee", 0.002, 0, 1e3, "million CNY",
                              "fees and paid services of registering that the reform does not "
                              "remove (seal, bank account, agent, a registered address)",
                              assumption));
  registry.add(real_parameter("firms.entry_cost_per_trip", 0.0005, 0, 1e3, "million CNY",
                              "a visit to an office: half a founder's day and travel", assumption));
  registry.add(real_parameter("firms.entry_discount_per_day", 0.004, 0, 1, "per working day",
                              "value of an entry opportunity lost per day of waiting (1 a year)",
                              assumption));
  registry.add(real_parameter("firms.registered_capital_mean", 13.0, 0, 1e6, "million CNY",
                              "mean registered capital of a new market entity",
                              "derived: 17.52 bn CNY / 1347 entities, Jan-Sep 2017"));
  registry.add(real_parameter("firms.registered_capital_log_sd", 0.5, 0, 10, "log points",
                              "spread of registered capital among entrants of the same value of "
                              "entry (the rest of the spread comes from that value)",
                              "assumption: with the elasticity 1 and entry_surplus_log_sd 1.5, "
                              "a total log spread of 1.58, about the 1.5 assumed before"));
  registry.add(real_parameter("firms.registered_capital_surplus_elasticity", 1.0, 0, 5, "1",
                              "elasticity of an entrant's registered capital to its value of "
                              "entry (0 = independent of it); the scale makes the mean at the "
                              "first day's entry threshold registered_capital_mean",
                              "assumption: proportional (a business's capital scales with its "
                              "value), chosen a priori, not fitted"));
  registry.add(real_parameter("firms.paid_in_fraction", 0.3, 0, 1, "fraction",
                              "registered capital actually paid in", assumption));
  registry.add(real_parameter("firms.foreign_capital_share", 0.5, 0, 1, "fraction",
                              "foreign share of a foreign-invested firm's capital", assumption));
  registry.add(real_parameter(
      "firms.foreign_capital_inflow_rate", 0.06, 0, 10, "per year",
      "foreign capital paid into existing foreign-invested firms "
      "(capital increases, reinvested profits, project financing) per "
      "unit of their foreign-owned capital",
      "assumption, below China's 2017 inflow / inward stock of ~9% "
      "(UNCTAD World Investment Report 2018: 136 / 1,491 bn USD, quoted from memory, not "
      "checked against the publication here), which "
      "also counts new foreign-invested enterprises"));
}

void declare_projects(ParameterRegistry& registry) {
  add_sector_list(registry, "project_opportunities_per_year", {0.5, 0.2, 0.005, 0.05}, 365,
                  "per firm-year", "investment opportunities needing a construction permit",
                  "assumption: ~1 a day in the zone, ~0.6 launched (approvals config: 0.5)");
  registry.add(real_parameter("firms.entrant_project_probability", 0.3, 0, 1, "fraction",
                              "chance an industrial or trade entrant launches a project needing "
                              "a construction permit on registration",
                              "assumption (binhai_2018.ini: 0.2, for the approval load)"));
  registry.add(real_parameter("firms.project_size_mean", 0.3, 0, 100, "fraction",
                              "mean project capital / the firm's capital", assumption));
  registry.add(real_parameter("firms.project_size_log_sd", 0.7, 0, 10, "log points",
                              "spread of project size", assumption));
  registry.add(real_parameter("firms.project_surplus_median", 0.07, 1e-9, 100, "1",
                              "median net present value per unit of project capital", assumption));
  registry.add(real_parameter("firms.project_surplus_log_sd", 1.0, 0.01, 10, "log points",
                              "spread of project value", assumption));
  registry.add(real_parameter("firms.project_preparation_cost", 0.05, 0, 10, "1",
                              "design, assessments and fees per unit of project capital",
                              assumption));
  registry.add(real_parameter("firms.project_cost_per_trip", 0.0005, 0, 1e3, "million CNY",
                              "a visit to an office", assumption));
  registry.add(real_parameter("firms.project_discount_per_day", 0.004, 0, 1, "per working day",
                              "value of a project lost per day of waiting", assumption));
  registry.add(real_parameter("firms.abandonment_hazard_at_reference", 0.002, 0, 1,
                              "per working day",
                              "abandonment hazard of a waiting project at the "
                              "reference wait",
                              assumption));
  registry.add(real_parameter("firms.abandonment_reference_days", 54, 0.01, 1e4, "working days",
                              "reference wait", "seed section 3.2 (54 days before the reform)"));
  registry.add(real_parameter("firms.abandonment_shape", 2, 0, 10, "1",
                              "k: the hazard grows as (wait / reference)^k", assumption));
  registry.add(real_parameter("firms.construction_days", 120, 0, 1e4, "working days",
                              "from construction permit to production", assumption));
}

}  // namespace

void declare_firm_parameters(ParameterRegistry& registry) {
  declare_population(registry);
  declare_production(registry);
  declare_entry(registry);
  declare_projects(registry);
}

}  // namespace reformsim::models
