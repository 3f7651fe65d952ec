// firm_metrics.cpp - what the firm model declares (parameters, metrics) and records each day.
// Flows are per working day (analyses sum them over reported windows); money in million CNY.
#include <vector>

#include "models/firms/firm_system.h"

namespace reformsim::models {
namespace {

constexpr std::size_t above_size = static_cast<std::size_t>(Sector::industry_above_designated_size);

double sum(const SectorValues& values) {
  double total = 0;
  for (double value : values)
    total += value;
  return total;
}

}  // namespace

void FirmSystem::declare_parameters(ParameterRegistry& registry) {
  declare_firm_parameters(registry);
}

void FirmSystem::validate(const ParameterSet& parameters) {
  validate_firm_parameters(parameters);
}

void FirmSystem::declare_metrics(const ParameterSet&, MetricCatalogue& m) {
  std::vector<std::string> sectors;
  for (std::size_t s = 0; s < sector_count; ++s)
    sectors.push_back(sector_name(s));
  m.add_dimension({"firm_sector", "sector of the market entity", sectors});
  m.add_dimension({"firm_application_type",
                   "type of a firm's approval application",
                   {"business_registration", "investment_project"}});
  const std::string money = "million CNY", per_day = "million CNY per working day";
  m.add_series("market_entities", "market entities at the end of the day", "firms");
  m.add_series("market_entities_by_sector", "market entities by sector", "firms", "firm_sector");
  m.add_series("new_market_entities", "registrations completed during the day", "firms");
  m.add_series("potential_entrants", "potential entrants arrived during the day", "entrants");
  m.add_series("entry_applications", "business registrations applied for during the day",
               "applications");
  m.add_series("new_registered_capital", "registered capital of the day's new entities", money);
  m.add_series("firm_exits", "market entities that exited during the day", "firms");
  m.add_series("industrial_output", "gross output of industry above designated size", per_day);
  m.add_series("main_business_revenue", "revenue of all market entities", per_day);
  m.add_series("main_business_revenue_by_sector",
               "revenue by sector (the reported figure is "
               "industry above designated size)",
               per_day, "firm_sector");
  m.add_series("public_budget_revenue", "local taxes on revenue and profit", per_day);
  m.add_series("firm_profits", "profit after tax of all market entities", per_day);
  m.add_series("foreign_capital_inflow", "foreign capital actually paid in", money);
  m.add_series("exports", "exports of all market entities", per_day);
  m.add_series("imports", "imported intermediate inputs", per_day);
  m.add_series("trade_volume", "imports plus exports", per_day);
  m.add_series("capital_stock", "capital of all market entities", money);
  m.add_series("firm_employment", "workers of all market entities", "persons");
  m.add_series("projects_launched", "investment projects applied for during the day", "projects");
  m.add_series("construction_permits", "investment projects permitted during the day", "projects");
  m.add_series("projects_abandoned", "waiting projects abandoned during the day", "projects");
  m.add_series("projects_waiting", "investment projects waiting for a permit", "projects");
  m.add_series("new_capital_installed", "capital of projects entering production", money);
  m.add_series("registration_wait_expected", "registration wait entrants expect", "working days");
  m.add_series("investment_wait_expected", "permit wait investors expect", "working days");
  m.add_series("common_productivity_shock", "common log productivity shock (no-reform world)",
               "log points");
  m.add_summary("new_market_entities_total", "registrations over the run", "firms");
  m.add_summary("firm_exits_total", "exits over the run", "firms");
  m.add_summary("projects_abandoned_total", "projects abandoned over the run", "projects");
  m.add_summary("firm_applications_submitted_total", "applications firms submitted", "applications",
                "firm_application_type");
  m.add_summary("firm_applications_completed_total", "firms' applications granted", "applications",
                "firm_application_type");
  m.add_summary("firm_applications_withdrawn_total", "firms' applications withdrawn",
                "applications", "firm_application_type");
}

void FirmSystem::bind_metrics(const MetricCatalogue& metrics) {
  auto id = [&](const char* name) { return metrics.id(name); };
  metrics_ = {id("market_entities"),
              id("market_entities_by_sector"),
              id("new_market_entities"),
              id("potential_entrants"),
              id("entry_applications"),
              id("new_registered_capital"),
              id("firm_exits"),
              id("industrial_output"),
              id("main_business_revenue"),
              id("main_business_revenue_by_sector"),
              id("public_budget_revenue"),
              id("firm_profits"),
              id("foreign_capital_inflow"),
              id("exports"),
              id("imports"),
              id("trade_volume"),
              id("capital_stock"),
              id("firm_employment"),
              id("projects_launched"),
              id("construction_permits"),
              id("projects_abandoned"),
              id("projects_waiting"),
              id("new_capital_installed"),
              id("registration_wait_expected"),
              id("investment_wait_expected"),
              id("common_productivity_shock"),
              id("new_market_entities_total"),
              id("firm_exits_total"),
              id("projects_abandoned_total"),
              id("firm_applications_submitted_total"),
              id("firm_applications_completed_total"),
              id("firm_applications_withdrawn_total")};
}

// Production figures are those of the firms that produced today (before exits and entries);
// the count of market entities is the end of the day's.
void FirmSystem::record(const StepContext&, MetricRow& row) const {
  const FirmTotals& p = production_;
  // Integer counts compared against every sector: no chain of dependent floating-point adds
  // through memory (~3 ns a firm before), and the loop vectorises. Exact, so bit-identical.
  std::array<std::uint64_t, sector_count> counts{};
  for (std::uint8_t sector : firms_.sector)
    for (std::size_t s = 0; s < sector_count; ++s)
      counts[s] += sector == s;
  std::array<double, sector_count> by_sector{};
  for (std::size_t s = 0; s < sector_count; ++s)
    by_sector[s] = static_cast<double>(counts[s]);
  row.set(metrics_.market_entities, static_cast<double>(firms_.size()));
  for (std::size_t s = 0; s < sector_count; ++s) {
    row.set(metrics_.market_entities_by_sector, s, by_sector[s]);
    row.set(metrics_.main_business_revenue_by_sector, s, p.revenue[s]);
  }
  row.set(metrics_.new_market_entities, today_.entries);
  row.set(metrics_.potential_entrants, today_.potential_entrants);
  row.set(metrics_.entry_applications, today_.entry_applications);
  row.set(metrics_.new_registered_capital, today_.registered_capital);
  row.set(metrics_.firm_exits, today_.exits);
  row.set(metrics_.industrial_output, p.revenue[above_size]);
  row.set(metrics_.main_business_revenue, sum(p.revenue));
  row.set(metrics_.public_budget_revenue, p.revenue_tax + p.profit_tax);
  row.set(metrics_.firm_profits, p.profit);
  row.set(metrics_.foreign_capital_inflow, today_.foreign_capital);
  row.set(metrics_.exports, p.exports);
  row.set(metrics_.imports, p.imports);
  row.set(metrics_.trade_volume, p.exports + p.imports);
  row.set(metrics_.capital_stock, sum(p.capital));
  row.set(metrics_.employment, sum(p.employment));
  row.set(metrics_.projects_launched, today_.projects_launched);
  row.set(metrics_.permits_granted, today_.permits);
  row.set(metrics_.projects_abandoned, today_.projects_abandoned);
  row.set(metrics_.projects_waiting, static_cast<double>(projects_waiting()));
  row.set(metrics_.new_capital_installed, today_.capital_installed);
  row.set(metrics_.registration_wait,
          approvals_.expected_wait_days(ApplicationType::business_registration));
  row.set(metrics_.investment_wait,
          approvals_.expected_wait_days(ApplicationType::investment_project));
  row.set(metrics_.common_shock, common_shock_);
}

void FirmSystem::summarise(MetricRow& row) const {
  row.set(metrics_.new_market_entities_total, totals_.entries);
  row.set(metrics_.firm_exits_total, totals_.exits);
  row.set(metrics_.projects_abandoned_total, totals_.projects_abandoned);
  for (std::size_t t = 0; t < application_type_count; ++t) {
    row.set(metrics_.applications_submitted_total, t, applications_.submitted[t]);
    row.set(metrics_.applications_completed_total, t, applications_.completed[t]);
    row.set(metrics_.applications_withdrawn_total, t, applications_.withdrawn[t]);
  }
}

}  // namespace reformsim::models
