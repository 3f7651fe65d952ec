// firm_system.cpp - the firm population and its production day: initial firms by sector, the
// productivity trend and shocks, production less the compliance burden, the day's accounts,
// project opportunities and exit.
#include "models/firms/firm_system.h"

#include <cmath>

namespace reformsim::models {
namespace {

// Room for a tile's project launches of a day when its buffer is made. At the Binhai rates
// (0.6 launches a day from ~10,600 firms, at most 5) a tile of 512 firms launches one project
// every month or so; more than four on one day in one tile is rare enough to grow for.
constexpr std::size_t launches_per_tile_reserved = 4;

FirmTotals add(FirmTotals a, const FirmTotals& b) {
  for (std::size_t s = 0; s < sector_count; ++s) {
    a.firms[s] += b.firms[s];
    a.revenue[s] += b.revenue[s];
    a.capital[s] += b.capital[s];
    a.employment[s] += b.employment[s];
  }
  a.inputs += b.inputs;
  a.wages += b.wages;
  a.capital_cost += b.capital_cost;
  a.revenue_tax += b.revenue_tax;
  a.profit_tax += b.profit_tax;
  a.profit += b.profit;
  a.exports += b.exports;
  a.imports += b.imports;
  a.exits += b.exits;
  a.foreign_owned_capital += b.foreign_owned_capital;
  return a;
}

}  // namespace

FirmSystem::FirmSystem(const ReplicationSetup& setup, const ReformSchedule&,
                       const MetricCatalogue& metrics, ApprovalService& approvals,
                       EnforcementSystem& enforcement)
    : settings_(FirmSettings::from(setup.parameters)),
      exit_decision_(settings_),
      metrics_(),
      approvals_(approvals),
      enforcement_(enforcement) {
  for (std::size_t s = 0; s < sector_count; ++s)
    project_opportunity_probability_[s] =
        1 - std::exp(-settings_.project_opportunities_per_year[s] /
                     static_cast<double>(settings_.days_per_year));
  bind_metrics(metrics);
  create_initial_population(setup);
  enforcement_.attach(*this);
  const auto steps = static_cast<double>(setup.calendar.total_steps());
  entrants_.reserve(static_cast<std::size_t>(2 * settings_.entrant_arrivals_per_day * steps));
  submissions_.reserve(256);
}

std::vector<Phase> FirmSystem::phases() {
  return {{"firm_production", [this](const StepContext& c) { produce(c); }},
          {"firm_exits", [this](const StepContext& c) { remove_exits(c); }},
          {"firm_applications", [this](const StepContext& c) { apply_for_approvals(c); }},
          {"firm_approval_outcomes", [this](const StepContext& c) { take_approval_outcomes(c); }}};
}

double FirmSystem::years_since_start(const StepContext& context) const {
  return static_cast<double>(context.step) / static_cast<double>(settings_.days_per_year);
}

// A firm of the sector whose revenue is lognormal around mean_revenue (million CNY a year);
// capital and workers follow from the sector's ratios, and productivity is what makes
// Y = A K^alpha L^(1 - alpha) equal that revenue a day (before its own spread).
FirmRecord FirmSystem::draw_firm(RandomStream& random, std::size_t sector, double mean_revenue,
                                 double productivity_level) const {
  const auto& s = settings_;
  const double revenue =
      random.lognormal(log_mean_for_mean(mean_revenue, s.revenue_log_sd), s.revenue_log_sd);
  FirmRecord firm;
  firm.sector = static_cast<std::uint8_t>(sector);
  firm.capital = s.capital_output_ratio[sector] * revenue;
  firm.employment = std::max(1.0, revenue / s.revenue_per_worker[sector]);
  const double daily = revenue / static_cast<double>(s.days_per_year);
  firm.log_productivity = std::log(daily) - s.capital_share * std::log(firm.capital) -
                          (1 - s.capital_share) * std::log(firm.employment) - productivity_level +
                          random.normal(0, s.productivity_log_sd);
  firm.foreign_invested = random.bernoulli(s.foreign_invested_probability[sector]);
  firm.exporting = random.bernoulli(s.exporting_probability[sector]);
  const FirmAccounts accounts = daily_accounts(s, sector, daily, firm.capital, firm.employment,
                                               firm.exporting, firm.foreign_invested);
  firm.margin = accounts.profit / accounts.revenue;
  return firm;
}

void FirmSystem::create_initial_population(const ReplicationSetup& setup) {
  std::size_t total = 0;
  for (std::int64_t count : settings_.initial_firms)
    total += static_cast<std::size_t>(count);
  firms_.reserve(total + total / 4);
  std::size_t sector = 0, sector_end = static_cast<std::size_t>(settings_.initial_firms[0]);
  for (std::size_t i = 0; i < total; ++i) {
    while (i >= sector_end)
      sector_end += static_cast<std::size_t>(settings_.initial_firms[++sector]);
    auto random = setup.random(firm_stream, firm_draw_initial_firm, i);
    FirmRecord firm = draw_firm(random, sector, settings_.initial_annual_revenue[sector], 0.0);
    firm.id = i;
    firm.violation_propensity = enforcement_.violation_propensity(i);
    firm.violation_remit = enforcement_.initial_violation(i, firm.violation_propensity);
    firms_.add(firm);
  }
  next_firm_id_ = total;
}

void FirmSystem::produce(const StepContext& context) {
  const auto& s = settings_;
  auto shock = context.random(firm_stream, firm_draw_common_shock, 0);
  today_ = {};
  common_shock_ = s.common_shock_persistence * common_shock_ + s.common_shock_sd * shock.normal();
  const ProductionDay day{
      s.productivity_volatility / std::sqrt(static_cast<double>(s.days_per_year)),
      approvals_.expected_wait_days(ApplicationType::investment_project),
      approvals_.expected_trips(ApplicationType::investment_project)};
  launches_by_tile_.reset(tile_count(firms_.size()), launches_per_tile_reserved);
  production_ = production_sums_.reduce(
      firms_.size(), FirmTotals{},
      [&](std::size_t firm, std::size_t tile) { return produce_firm(firm, tile, context, day); },
      [&](FirmTotals& totals, const FirmAccounts& accounts, std::size_t firm) {
        add_firm_day(totals, accounts, firm);
      },
      add, production_schedule_);
  // Foreign capital of existing foreign-invested firms (capital increases, reinvested profits,
  // project financing): a flow proportional to their foreign-owned capital.
  today_.foreign_capital += s.foreign_capital_inflow_rate * production_.foreign_owned_capital /
                            static_cast<double>(s.days_per_year);
}

// One firm-day: productivity drifts with its sector's trend plus its own random walk; the firm
// produces with the labour the compliance burden leaves, books the day, may spot a project
// worth applying for, and may decide to exit (leaving at the end of the day).
inline FirmAccounts FirmSystem::produce_firm(std::size_t i, std::size_t tile,
                                             const StepContext& context, const ProductionDay& day) {
  const auto& s = settings_;
  const double days = static_cast<double>(s.days_per_year);
  const std::uint64_t id = firms_.id[i];
  const std::size_t sector = firms_.sector[i];
  auto shock = context.random(firm_stream, firm_draw_productivity_shock, id);
  firms_.log_productivity[i] +=
      s.productivity_trend[sector] / days + day.volatility * shock.normal();
  const double output = daily_output_at_log_capital(
      firms_.log_productivity[i] + common_shock_, firms_.capital[i], firms_.log_capital[i],
      firms_.employment[i], firms_.compliance_burden[i], s.capital_share);
  const FirmAccounts accounts =
      daily_accounts(s, sector, output, firms_.capital[i], firms_.employment[i],
                     firms_.exporting[i], firms_.foreign_invested[i]);
  if (accounts.revenue > 0)
    firms_.margin[i] +=
        (accounts.profit / accounts.revenue - firms_.margin[i]) / s.margin_smoothing_days;
  consider_project(i, tile, context, day.wait, day.trips);
  auto exit = context.random(firm_stream, firm_draw_exit, id);
  firms_.exiting[i] = exit_decision_.exits(s, sector, firms_.margin[i], exit.uniform());
  return accounts;
}

// What a firm's day adds to the totals, in firm order within a block.
inline void FirmSystem::add_firm_day(FirmTotals& totals, const FirmAccounts& accounts,
                                     std::size_t i) const {
  const std::size_t sector = firms_.sector[i];
  totals.firms[sector] += 1;
  totals.revenue[sector] += accounts.revenue;
  totals.capital[sector] += firms_.capital[i];
  totals.employment[sector] += firms_.employment[i];
  totals.inputs += accounts.inputs;
  totals.wages += accounts.wages;
  totals.capital_cost += accounts.capital_cost;
  totals.revenue_tax += accounts.revenue_tax;
  totals.profit_tax += accounts.profit_tax;
  totals.profit += accounts.profit;
  totals.exports += accounts.exports;
  totals.imports += accounts.imports;
  totals.exits += firms_.exiting[i];
  if (firms_.foreign_invested[i])
    totals.foreign_owned_capital += settings_.foreign_capital_share * firms_.capital[i];
}

// A project opportunity arrives at the sector's rate; the firm applies when the project's value,
// discounted over the expected wait for the permit, beats the trips and its preparation cost.
void FirmSystem::consider_project(std::size_t firm, std::size_t tile, const StepContext& context,
                                  double wait, double trips) {
  const auto& s = settings_;
  const std::size_t sector = firms_.sector[firm];
  auto opportunity = context.random(firm_stream, firm_draw_project_opportunity, firms_.id[firm]);
  if (opportunity.uniform() >= project_opportunity_probability_[sector]) return;
  const double size = opportunity.lognormal(
      log_mean_for_mean(s.project_size_mean, s.project_size_log_sd), s.project_size_log_sd);
  const double capital = firms_.capital[firm] * size;
  const double surplus =
      capital * opportunity.lognormal(std::log(s.project_surplus_median), s.project_surplus_log_sd);
  if (net_value_of_applying(surplus, s.project_preparation_cost * capital, wait, trips,
                            s.project_rule) < 0)
    return;
  launches_by_tile_[tile].push_back(
      {firms_.id[firm], capital, opportunity.uniform(), firms_.foreign_invested[firm] != 0});
}

void FirmSystem::remove_exits(const StepContext&) {
  today_.exits = static_cast<double>(firms_.remove_exiting());
}

}  // namespace reformsim::models
