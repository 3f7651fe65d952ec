// demo_market_state.h - the demonstration market's agents (structure of arrays) and the phases
// of its day: productivity shocks, exits, entry, bookkeeping.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "models/common/block_partials.h"
#include "sim/model/model.h"
#include "sim/parallel/blocks.h"

namespace reformsim::models {

struct DemoMarketSettings {
  std::int64_t initial_firms;
  std::int64_t sectors;
  double initial_log_productivity_sd;
  double productivity_volatility;  // per day, in log points
  double exit_log_productivity;    // a firm exits when its log productivity falls below this
  double entrant_arrivals_per_day;
  double entry_value_days;  // mean value of entry, in days of waiting it is worth
  double approval_days_before;
  double approval_days_after;
  std::int64_t reform_day;  // reported day the demonstration reform starts
  double entry_subsidy_factor;
  bool faster_licensing;  // measure: the shorter wait from reform_day
  bool entry_subsidy;     // measure: a higher value of entry from reform_day

  static DemoMarketSettings from(const ParameterSet& parameters);
};

// Ids of the demo's random families and decisions: fixed forever, so a new decision never
// shifts the draws of an old one.
enum DemoStream : std::uint32_t { demo_firm_stream = 1, demo_entrant_stream = 2 };
enum DemoPurpose : std::uint32_t {
  demo_initial_productivity = 1,
  demo_initial_sector = 2,
  demo_productivity_shock = 3,
  demo_arrivals = 4,
  demo_entry_value = 5,
};

// Sums over firms for the recorded metrics.
inline constexpr std::size_t demo_max_sectors = 16;
struct DemoMarketTotals {
  double output = 0, log_productivity = 0;
  std::array<double, demo_max_sectors> by_sector{};
};

struct DemoMarketMetrics {
  MetricId firms, entries, exits, output, mean_log_productivity, approval_days, firms_by_sector;
  MetricId total_entries, total_exits;
};

class DemoMarketState : public ModelState {
 public:
  DemoMarketState(const ReplicationSetup& setup, DemoMarketSettings settings,
                  DemoMarketMetrics metrics);
  std::vector<Phase> phases() override;
  void record(const StepContext& context, MetricRow& row) const override;
  void summarise(MetricRow& row) const override;

  std::size_t firm_count() const { return firm_id_.size(); }
  double approval_days(const StepContext& context) const;
  double entry_value_days(const StepContext& context) const;

 private:
  void shock_productivity(const StepContext& context);
  void remove_exits(const StepContext& context);
  void admit_entrants(const StepContext& context);

  DemoMarketSettings settings_;
  DemoMarketMetrics metrics_;
  // Firms, structure of arrays; index order is entry order, so removing exits keeps it stable.
  std::vector<std::uint64_t> firm_id_;
  std::vector<double> log_productivity_;
  std::vector<std::int32_t> sector_;
  std::vector<std::uint8_t> exiting_;
  std::uint64_t next_firm_id_ = 0;
  std::int64_t entries_today_ = 0, exits_today_ = 0, total_entries_ = 0, total_exits_ = 0;
  mutable BlockPartials<DemoMarketTotals> record_partials_;  // reused by record()
};

}  // namespace reformsim::models
