#include "models/demo/demo_market_state.h"

#include <array>
#include <cmath>

namespace reformsim::models {
namespace {

constexpr std::size_t max_sectors = demo_max_sectors;
using MarketTotals = DemoMarketTotals;

MarketTotals add(MarketTotals a, const MarketTotals& b) {
  a.output += b.output;
  a.log_productivity += b.log_productivity;
  for (std::size_t s = 0; s < max_sectors; ++s)
    a.by_sector[s] += b.by_sector[s];
  return a;
}

}  // namespace

DemoMarketSettings DemoMarketSettings::from(const ParameterSet& p) {
  return {p.integer("market.initial_firms"),
          p.integer("market.sectors"),
          p.real("market.initial_log_productivity_sd"),
          p.real("market.productivity_volatility"),
          p.real("market.exit_log_productivity"),
          p.real("market.entrant_arrivals_per_day"),
          p.real("market.entry_value_days"),
          p.real("market.approval_days_before"),
          p.real("market.approval_days_after"),
          p.integer("market.reform_day"),
          p.real("market.entry_subsidy_factor"),
          p.boolean("reform.faster_licensing"),
          p.boolean("reform.entry_subsidy")};
}

DemoMarketState::DemoMarketState(const ReplicationSetup& setup, DemoMarketSettings settings,
                                 DemoMarketMetrics metrics)
    : settings_(settings), metrics_(metrics) {
  const auto firms = static_cast<std::size_t>(settings_.initial_firms);
  firm_id_.resize(firms);
  log_productivity_.resize(firms);
  sector_.resize(firms);
  exiting_.assign(firms, 0);
  for_each_block(firms, [&](const Block& block) {
    for (std::size_t i = block.begin; i < block.end; ++i) {
      firm_id_[i] = i;
      auto productivity = setup.random(demo_firm_stream, demo_initial_productivity, i);
      log_productivity_[i] = productivity.normal(0, settings_.initial_log_productivity_sd);
      auto sector = setup.random(demo_firm_stream, demo_initial_sector, i);
      sector_[i] = static_cast<std::int32_t>(sector.uniform_index(settings_.sectors));
    }
  });
  next_firm_id_ = firms;
}

std::vector<Phase> DemoMarketState::phases() {
  return {{"productivity_shocks", [this](const StepContext& c) { shock_productivity(c); }},
          {"exits", [this](const StepContext& c) { remove_exits(c); }},
          {"entry", [this](const StepContext& c) { admit_entrants(c); }}};
}

double DemoMarketState::approval_days(const StepContext& context) const {
  const bool reformed = context.calendar.reported_day(context.step) >= settings_.reform_day;
  return reformed && settings_.faster_licensing ? settings_.approval_days_after
                                                : settings_.approval_days_before;
}

double DemoMarketState::entry_value_days(const StepContext& context) const {
  const bool reformed = context.calendar.reported_day(context.step) >= settings_.reform_day;
  return settings_.entry_value_days *
         (reformed && settings_.entry_subsidy ? settings_.entry_subsidy_factor : 1.0);
}

void DemoMarketState::shock_productivity(const StepContext& context) {
  for_each_block(firm_id_.size(), [&](const Block& block) {
    for (std::size_t i = block.begin; i < block.end; ++i) {
      auto random = context.random(demo_firm_stream, demo_productivity_shock, firm_id_[i]);
      log_productivity_[i] += settings_.productivity_volatility * random.normal();
      exiting_[i] = log_productivity_[i] < settings_.exit_log_productivity;
    }
  });
}

void DemoMarketState::remove_exits(const StepContext&) {
  // Stable compaction: survivors keep their relative order, so the arrays (and every later
  // reduction over them) are the same whatever the thread count.
  std::size_t kept = 0;
  for (std::size_t i = 0; i < firm_id_.size(); ++i) {
    if (exiting_[i]) continue;
    firm_id_[kept] = firm_id_[i];
    log_productivity_[kept] = log_productivity_[i];
    sector_[kept] = sector_[i];
    ++kept;
  }
  exits_today_ = static_cast<std::int64_t>(firm_id_.size() - kept);
  total_exits_ += exits_today_;
  firm_id_.resize(kept);
  log_productivity_.resize(kept);
  sector_.resize(kept);
  exiting_.assign(kept, 0);
}

void DemoMarketState::admit_entrants(const StepContext& context) {
  auto arrivals = context.random(demo_entrant_stream, demo_arrivals, 0);
  const std::uint64_t candidates = arrivals.poisson(settings_.entrant_arrivals_per_day);
  const double wait = approval_days(context);
  const double mean_value = entry_value_days(context);
  entries_today_ = 0;
  for (std::uint64_t k = 0; k < candidates; ++k) {
    auto entrant = context.random(demo_entrant_stream, demo_entry_value, k);
    // Value of entry ~ Exponential(mean entry_value_days): P(entry) = exp(-wait / mean).
    if (entrant.exponential(1.0 / mean_value) <= wait) continue;
    firm_id_.push_back(next_firm_id_++);
    log_productivity_.push_back(entrant.normal(0, settings_.initial_log_productivity_sd));
    sector_.push_back(static_cast<std::int32_t>(entrant.uniform_index(settings_.sectors)));
    exiting_.push_back(0);
    ++entries_today_;
  }
  total_entries_ += entries_today_;
}

void DemoMarketState::record(const StepContext& context, MetricRow& row) const {
  const MarketTotals totals = record_partials_.reduce(
      firm_id_.size(), MarketTotals{},
      [&](const Block& block) {
        MarketTotals partial;
        for (std::size_t i = block.begin; i < block.end; ++i) {
          partial.output += std::exp(log_productivity_[i]);
          partial.log_productivity += log_productivity_[i];
          partial.by_sector[static_cast<std::size_t>(sector_[i])] += 1;
        }
        return partial;
      },
      add);
  const auto firms = static_cast<double>(firm_id_.size());
  row.set(metrics_.firms, firms);
  row.set(metrics_.entries, static_cast<double>(entries_today_));
  row.set(metrics_.exits, static_cast<double>(exits_today_));
  row.set(metrics_.output, totals.output);
  row.set(metrics_.mean_log_productivity, firms > 0 ? totals.log_productivity / firms : NAN);
  row.set(metrics_.approval_days, approval_days(context));
  for (std::int64_t s = 0; s < settings_.sectors; ++s)
    row.set(metrics_.firms_by_sector, static_cast<std::size_t>(s),
            totals.by_sector[static_cast<std::size_t>(s)]);
}

void DemoMarketState::summarise(MetricRow& row) const {
  row.set(metrics_.total_entries, static_cast<double>(total_entries_));
  row.set(metrics_.total_exits, static_cast<double>(total_exits_));
}

}  // namespace reformsim::models
