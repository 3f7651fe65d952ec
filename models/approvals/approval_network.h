// approval_network.h - the approval side of the reform as a component: the queueing network of
// queueing_network.h, with workflows built from approvals.* parameters and the reform measures
// in force on the day each application is submitted. Firms talk to it through ApprovalService;
// a composite model declares its parameters and metrics, sets the staff productivity each day
// and calls advance() once per step, then record().
//
// Applications already in the system when a measure switches on keep the workflow they were
// submitted under (grandfathering): a plan is fixed at submission. During a phase-in of
// intensity q, a new application is handled under the measure with probability q.
#pragma once

#include <array>
#include <map>
#include <tuple>
#include <vector>

#include "models/approvals/approval_settings.h"
#include "models/approvals/queueing_network.h"
#include "models/common/approval_service.h"
#include "models/common/rank_selection.h"
#include "models/common/reform_measures.h"
#include "sim/model/model.h"

namespace reformsim::models {

struct ApprovalMetricIds {
  MetricId arrived, in_progress, completed, withdrawn;
  MetricId time_mean, time_median, time_p90, trips, queue_length, utilisation, productivity;
  MetricId unit_productivity;
  MetricId arrived_total, completed_total, withdrawn_total;
};

class ApprovalNetwork : public ApprovalService {
 public:
  static void declare_parameters(ParameterRegistry& registry);
  static void validate(const ParameterSet& parameters);
  static void declare_metrics(const ParameterSet& parameters, MetricCatalogue& metrics);
  // With settings a composite model has changed (the unit layout of its organisation).
  static void declare_metrics(const ApprovalSettings& settings, MetricCatalogue& metrics);

  ApprovalNetwork(const ReplicationSetup& setup, const ReformSchedule& schedule,
                  const MetricCatalogue& metrics);
  ApprovalNetwork(const ReplicationSetup& setup, const ReformSchedule& schedule,
                  const MetricCatalogue& metrics, ApprovalSettings settings);

  std::uint64_t submit(const ApplicationRequest& request) override;
  void withdraw(std::uint64_t application) override;
  void advance(const StepContext& context) override;
  const std::vector<ApplicationOutcome>& outcomes_today() const override { return outcomes_; }
  double expected_wait_days(ApplicationType type) const override;
  double expected_trips(ApplicationType type) const override;

  // Service-rate factor from now on: the staff model's competence x effort, 1 = full; at every
  // unit (recorded as the zone's factor), or at one unit (index of settings().layout).
  void set_staff_productivity(double productivity);
  void set_unit_staff_productivity(std::size_t unit, double productivity);
  const ApprovalSettings& settings() const { return settings_; }
  // Management layers, hence sign-offs per item, of applications submitted from now on (a
  // staff model's count); 0 (the default) = approvals.management_layers_before / _after as
  // flatten_layers says.
  void set_management_layers(std::int64_t layers) { management_layers_ = layers; }
  void record(const StepContext& context, MetricRow& row) const;
  void summarise(MetricRow& row) const;

  const QueueingNetwork& network() const { return network_; }
  // How the queueing core runs (the results are the same; benchmarks compare them).
  void set_execution(QueueingNetwork::Execution execution) { network_.set_execution(execution); }
  // The measures an application submitted on `day` would be handled under at full intensity.
  MeasureSet measures_in_force(std::int64_t day) const;

 private:
  using PerTypeCount = std::array<std::size_t, application_type_count>;
  // The completions of the statistics window, oldest first, column by column: its statistics
  // read the type and the duration of each (a million at 1e5 applications in progress), not a
  // 32-byte record each.
  struct CompletionWindow {
    std::vector<double> day, days_to_permit;
    std::vector<ApplicationType> type;
    std::vector<std::int32_t> trips;
    PerTypeCount per_type{};  // completions in the window: a type with none is not searched
    std::size_t size() const { return day.size(); }
    void reserve(std::size_t n) {
      day.reserve(n), days_to_permit.reserve(n), type.reserve(n), trips.reserve(n);
    }
    void push_back(double completed_day, ApplicationType completed_type, double days,
                   std::int32_t trip_count) {
      day.push_back(completed_day), days_to_permit.push_back(days);
      type.push_back(completed_type), trips.push_back(trip_count);
      ++per_type[static_cast<std::size_t>(completed_type)];
    }
    void erase_front(std::size_t n) {  // in place, keeping the capacity
      const auto erase = [n](auto& column) {
        column.erase(column.begin(), column.begin() + static_cast<std::ptrdiff_t>(n));
      };
      erase(day), erase(days_to_permit), erase(type), erase(trips);
    }
  };
  struct TypeStatistics {
    double mean = 0, median = 0, p90 = 0, trips = 0;
    std::size_t count = 0;
  };
  using PerType = std::array<std::uint64_t, application_type_count>;

  MeasureSet measures_for(std::uint64_t application, double submitted_day) const;
  std::uint32_t plan_for(ApplicationType type, MeasureSet measures);
  void build_scheduled_plans(const Calendar& calendar);
  using PlanKey = std::tuple<std::size_t, std::uint32_t, std::int64_t>;  // type, measures, signs
  void tally_outcomes();
  void update_window(double day_end);
  TypeStatistics window_statistics(ApplicationType type) const;
  void snapshot_units();

  ApprovalSettings settings_;
  ReformSchedule schedule_;
  ApprovalMetricIds ids_;
  std::uint64_t seed_;
  QueueingNetwork network_;
  std::map<PlanKey, std::uint32_t> plan_index_;
  std::int64_t management_layers_ = 0;
  double productivity_;
  std::int64_t current_day_;

  std::vector<ApplicationOutcome> outcomes_;
  CompletionWindow window_;
  std::size_t window_head_ = 0;
  mutable RankSelection rank_selection_;  // the window's quantiles, its buffers kept
  // Below this many completions in the window its statistics run on one thread: a fork
  // costs more than the work.
  static constexpr std::size_t min_parallel_window = 32768;
  std::array<TypeStatistics, application_type_count> statistics_{};
  PerType arrived_pending_{}, arrived_today_{}, completed_today_{}, withdrawn_today_{};
  PerType arrived_total_{}, completed_total_{}, withdrawn_total_{};
  std::vector<double> busy_at_day_start_, utilisation_, queue_length_;
};

}  // namespace reformsim::models
