#include "models/approvals/approval_network.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>

#include "sim/parallel/loops.h"

namespace reformsim::models {
namespace {

ApprovalMetricIds metric_ids(const MetricCatalogue& m) {
  return {m.id("applications_arrived"),
          m.id("applications_in_progress"),
          m.id("applications_completed"),
          m.id("applications_withdrawn"),
          m.id("time_to_permit_mean"),
          m.id("time_to_permit_median"),
          m.id("time_to_permit_p90"),
          m.id("trips_per_applicant"),
          m.id("queue_length"),
          m.id("utilisation"),
          m.id("approval_staff_productivity"),
          m.id("approval_unit_service_factor"),
          m.id("applications_arrived_total"),
          m.id("applications_completed_total"),
          m.id("applications_withdrawn_total")};
}

}  // namespace

void ApprovalNetwork::declare_parameters(ParameterRegistry& registry) {
  ApprovalSettings::declare_parameters(registry);
}

void ApprovalNetwork::validate(const ParameterSet& parameters) {
  ApprovalSettings::validate(parameters);
}

void ApprovalNetwork::declare_metrics(const ParameterSet& parameters, MetricCatalogue& m) {
  declare_metrics(ApprovalSettings::from(parameters), m);
}

void ApprovalNetwork::declare_metrics(const ApprovalSettings& settings, MetricCatalogue& m) {
  m.add_dimension({"application_type",
                   "type of approval application",
                   {application_type_name(ApplicationType::business_registration),
                    application_type_name(ApplicationType::investment_project)}});
  m.add_dimension({"approval_unit", "unit serving approval steps", settings.layout.labels()});
  const std::string type = "application_type", unit = "approval_unit";
  m.add_series("applications_arrived", "applications submitted during the day", "applications",
               type);
  m.add_series("applications_in_progress", "applications in the system at the end of the day",
               "applications", type);
  m.add_series("applications_completed", "applications granted during the day", "applications",
               type);
  m.add_series("applications_withdrawn", "applications withdrawn during the day", "applications",
               type);
  const std::string window = " of applications completed in the statistics window";
  m.add_series("time_to_permit_mean", "mean time to permit" + window, "working days", type);
  m.add_series("time_to_permit_median", "median time to permit" + window, "working days", type);
  m.add_series("time_to_permit_p90", "90th percentile time to permit" + window, "working days",
               type);
  m.add_series("trips_per_applicant", "mean trips to offices" + window, "trips", type);
  m.add_series("queue_length", "steps waiting for a server at the end of the day", "steps", unit);
  m.add_series("utilisation", "busy server time over server time during the day", "1", unit);
  m.add_series("approval_staff_productivity",
               "service-rate factor of approval staff across the zone", "1");
  m.add_series("approval_unit_service_factor",
               "service-rate factor of each unit's approval staff at the end of the day", "1",
               unit);
  m.add_summary("applications_arrived_total", "applications submitted over the run", "applications",
                type);
  m.add_summary("applications_completed_total", "applications granted over the run", "applications",
                type);
  m.add_summary("applications_withdrawn_total", "applications withdrawn over the run",
                "applications", type);
}

ApprovalNetwork::ApprovalNetwork(const ReplicationSetup& setup, const ReformSchedule& schedule,
                                 const MetricCatalogue& metrics)
    : ApprovalNetwork(setup, schedule, metrics, ApprovalSettings::from(setup.parameters)) {}

ApprovalNetwork::ApprovalNetwork(const ReplicationSetup& setup, const ReformSchedule& schedule,
                                 const MetricCatalogue& metrics, ApprovalSettings settings)
    : settings_(std::move(settings)),
      schedule_(schedule),
      ids_(metric_ids(metrics)),
      seed_(setup.seed),
      network_(settings_.layout.servers(static_cast<std::int32_t>(settings_.servers_per_department),
                                        static_cast<std::int32_t>(settings_.city_servers)),
               settings_.service, setup.seed, static_cast<double>(setup.calendar.reported_day(0))),
      productivity_(settings_.staff_productivity),
      current_day_(setup.calendar.reported_day(0)) {
  network_.set_productivity(productivity_);
  const std::size_t units = network_.unit_count();
  busy_at_day_start_.assign(units, 0);
  utilisation_.assign(units, 0);
  queue_length_.assign(units, 0);
  window_.reserve(1024);
  rank_selection_.reserve(1024, 2);
  build_scheduled_plans(setup.calendar);
}

void ApprovalNetwork::build_scheduled_plans(const Calendar& calendar) {
  // Every regime the schedule reaches at full intensity on a day of the run, built here so that
  // no step builds one (a plan is a few dozen allocations). Mixes drawn during a phase-in, and
  // sign-off counts a staff model sets unlike the settings' own, are still built on first use.
  // Intensities never fall, so a regime, once left, does not come back.
  std::uint32_t last = ~0u;
  for (std::int64_t step = 0; step < calendar.total_steps(); ++step) {
    const MeasureSet measures = measures_in_force(calendar.reported_day(step));
    if (measures.bits() == last) continue;
    last = measures.bits();
    for (std::size_t type = 0; type < application_type_count; ++type)
      plan_for(static_cast<ApplicationType>(type), measures);
  }
}

MeasureSet ApprovalNetwork::measures_in_force(std::int64_t day) const {
  MeasureSet measures;
  for (Measure measure : workflow_measures)
    if (schedule_.intensity(measure, day) >= 1) measures.set(measure);
  return measures;
}

MeasureSet ApprovalNetwork::measures_for(std::uint64_t application, double submitted_day) const {
  const auto day = static_cast<std::int64_t>(std::floor(submitted_day));
  MeasureSet measures;
  for (Measure measure : workflow_measures) {
    const double intensity = schedule_.intensity(measure, day);
    if (intensity <= 0) continue;
    if (intensity < 1) {
      RandomStream adoption(seed_, {approval_application_stream, approval_measure_adoption,
                                    application, static_cast<std::int64_t>(measure)});
      if (!adoption.bernoulli(intensity)) continue;
    }
    measures.set(measure);
  }
  return measures;
}

std::uint32_t ApprovalNetwork::plan_for(ApplicationType type, MeasureSet measures) {
  const std::int64_t sign_offs = sign_offs_per_item(settings_, measures, management_layers_);
  const PlanKey key{static_cast<std::size_t>(type), measures.bits(), sign_offs};
  const auto found = plan_index_.find(key);
  if (found != plan_index_.end()) return found->second;
  // Built the first time a regime is used, then shared by every application under it.
  const std::uint32_t index =
      network_.add_plan(build_workflow_plan(settings_, type, measures, sign_offs));
  plan_index_.emplace(key, index);
  return index;
}

std::uint64_t ApprovalNetwork::submit(const ApplicationRequest& request) {
  const double day = std::max(request.submitted_day, network_.now());
  const MeasureSet measures = measures_for(network_.submitted(), day);
  ++arrived_pending_[static_cast<std::size_t>(request.type)];
  return network_.submit(plan_for(request.type, measures), request.applicant, day);
}

void ApprovalNetwork::withdraw(std::uint64_t application) {
  network_.withdraw(application);
}

void ApprovalNetwork::set_staff_productivity(double productivity) {
  network_.set_productivity(productivity);
  productivity_ = productivity;
}

void ApprovalNetwork::set_unit_staff_productivity(std::size_t unit, double productivity) {
  network_.set_unit_productivity(unit, productivity);
}

void ApprovalNetwork::advance(const StepContext& context) {
  current_day_ = context.calendar.reported_day(context.step);
  const double day_end = static_cast<double>(current_day_ + 1);
  network_.run_until(day_end);
  outcomes_.swap(network_.outcomes());
  network_.clear_outcomes();
  arrived_today_ = arrived_pending_;
  arrived_pending_ = {};
  tally_outcomes();
  update_window(day_end);
  snapshot_units();
}

void ApprovalNetwork::tally_outcomes() {
  completed_today_ = {};
  withdrawn_today_ = {};
  for (const ApplicationOutcome& outcome : outcomes_) {
    const auto type = static_cast<std::size_t>(outcome.type);
    if (outcome.withdrawn) {
      ++withdrawn_today_[type];
      continue;
    }
    ++completed_today_[type];
    window_.push_back(outcome.completed_day, outcome.type,
                      outcome.completed_day - outcome.submitted_day, outcome.trips);
  }
  for (std::size_t type = 0; type < application_type_count; ++type) {
    arrived_total_[type] += arrived_today_[type];
    completed_total_[type] += completed_today_[type];
    withdrawn_total_[type] += withdrawn_today_[type];
  }
}

void ApprovalNetwork::update_window(double day_end) {
  const double window_start = day_end - static_cast<double>(settings_.statistics_window_days);
  for (; window_head_ < window_.size() && window_.day[window_head_] < window_start; ++window_head_)
    --window_.per_type[static_cast<std::size_t>(window_.type[window_head_])];
  if (window_head_ * 2 > window_.size()) {  // compact in place, keeping the capacity
    window_.erase_front(window_head_);
    window_head_ = 0;
  }
  for (std::size_t type = 0; type < application_type_count; ++type)
    statistics_[type] = window_statistics(static_cast<ApplicationType>(type));
}

ApprovalNetwork::TypeStatistics ApprovalNetwork::window_statistics(ApplicationType type) const {
  TypeStatistics statistics;
  if (window_.per_type[static_cast<std::size_t>(type)] == 0) return statistics;
  const auto of_type = [&](std::size_t i) { return window_.type[i] == type; };
  // The mean's sum in window order, on one thread (its bits are a serial sum's), beside the
  // median and 90th percentile found in parallel (rank_selection.h: the values a serial
  // nth_element gives). Trips are integers: exact in any order.
  double days = 0;
  std::int64_t trips = 0;
  RankSelection::Result<2> quantiles;
  const auto sums = [&] {
    for (std::size_t i = window_head_; i < window_.size(); ++i)
      if (of_type(i)) days += window_.days_to_permit[i], trips += window_.trips[i];
  };
  const auto ranks = [&] {
    quantiles = rank_selection_.quantiles(
        window_head_, window_.size(), [&](std::size_t i) { return window_.days_to_permit[i]; },
        of_type, std::array{0.5, 0.9});
  };
  if (window_.size() - window_head_ >= min_parallel_window)
    run_side_by_side(sums, ranks);
  else
    sums(), ranks();
  statistics.count = quantiles.count;
  if (statistics.count == 0) return statistics;
  const auto count = static_cast<double>(statistics.count);
  statistics.mean = days / count;
  statistics.trips = static_cast<double>(trips) / count;
  statistics.median = quantiles.values[0];
  statistics.p90 = quantiles.values[1];
  return statistics;
}

void ApprovalNetwork::snapshot_units() {
  for (std::size_t unit = 0; unit < network_.unit_count(); ++unit) {
    const double busy = network_.busy_server_days(unit);
    // One step is one working day, so server time of the day is the number of servers.
    utilisation_[unit] = (busy - busy_at_day_start_[unit]) / network_.servers(unit);
    busy_at_day_start_[unit] = busy;
    queue_length_[unit] = static_cast<double>(network_.queue_length(unit));
  }
}

double ApprovalNetwork::expected_wait_days(ApplicationType type) const {
  const TypeStatistics& statistics = statistics_[static_cast<std::size_t>(type)];
  if (statistics.count > 0) return statistics.mean;
  return settings_.workflows[static_cast<std::size_t>(type)].published_limit_days;
}

double ApprovalNetwork::expected_trips(ApplicationType type) const {
  const TypeStatistics& statistics = statistics_[static_cast<std::size_t>(type)];
  if (statistics.count > 0) return statistics.trips;
  // Before any completion: what today's workflow costs by construction, in the plan built for
  // it with the network (build_scheduled_plans: today's regime at the settings' layer counts).
  const MeasureSet measures = measures_in_force(current_day_);
  const PlanKey key{static_cast<std::size_t>(type), measures.bits(),
                    sign_offs_per_item(settings_, measures)};
  const auto found = plan_index_.find(key);
  if (found == plan_index_.end())
    throw std::logic_error("approvals: no workflow plan built for today's regime");
  return network_.plan(found->second).expected_trips;
}

void ApprovalNetwork::record(const StepContext&, MetricRow& row) const {
  for (std::size_t type = 0; type < application_type_count; ++type) {
    const TypeStatistics& statistics = statistics_[type];
    const double undefined = std::nan("");  // no completion in the window: not a zero
    const bool any = statistics.count > 0;
    row.set(ids_.arrived, type, static_cast<double>(arrived_today_[type]));
    row.set(ids_.in_progress, type,
            static_cast<double>(network_.in_progress(static_cast<ApplicationType>(type))));
    row.set(ids_.completed, type, static_cast<double>(completed_today_[type]));
    row.set(ids_.withdrawn, type, static_cast<double>(withdrawn_today_[type]));
    row.set(ids_.time_mean, type, any ? statistics.mean : undefined);
    row.set(ids_.time_median, type, any ? statistics.median : undefined);
    row.set(ids_.time_p90, type, any ? statistics.p90 : undefined);
    row.set(ids_.trips, type, any ? statistics.trips : undefined);
  }
  for (std::size_t unit = 0; unit < network_.unit_count(); ++unit) {
    row.set(ids_.queue_length, unit, queue_length_[unit]);
    row.set(ids_.utilisation, unit, utilisation_[unit]);
    row.set(ids_.unit_productivity, unit, network_.productivity(unit));
  }
  row.set(ids_.productivity, productivity_);
}

void ApprovalNetwork::summarise(MetricRow& row) const {
  for (std::size_t type = 0; type < application_type_count; ++type) {
    row.set(ids_.arrived_total, type, static_cast<double>(arrived_total_[type]));
    row.set(ids_.completed_total, type, static_cast<double>(completed_total_[type]));
    row.set(ids_.withdrawn_total, type, static_cast<double>(withdrawn_total_[type]));
  }
}

}  // namespace reformsim::models
