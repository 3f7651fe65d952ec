#include "models/approvals/queueing_network.h"

#include "models/approvals/queueing_events.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace reformsim::models {

double ServiceTimeModel::draw(RandomStream& random, double mean_days) const {
  if (mean_days <= 0) return 0;
  switch (distribution) {
    case ServiceDistribution::exponential:
      return random.exponential(1.0 / mean_days);
    case ServiceDistribution::lognormal: {
      // Mean m and coefficient of variation v: sigma^2 = ln(1 + v^2), mu = ln m - sigma^2 / 2.
      const double log_variance = std::log1p(coefficient_of_variation * coefficient_of_variation);
      return random.lognormal(std::log(mean_days) - 0.5 * log_variance, std::sqrt(log_variance));
    }
    case ServiceDistribution::deterministic:
      return mean_days;
  }
  return mean_days;
}

QueueingNetwork::QueueingNetwork(std::vector<std::int32_t> servers_per_unit,
                                 ServiceTimeModel service, std::uint64_t seed, double start_day)
    : service_(service), seed_(seed), now_(start_day), in_system_last_change_(start_day) {
  units_.resize(servers_per_unit.size());
  for (std::size_t unit = 0; unit < units_.size(); ++unit) {
    units_[unit].servers = servers_per_unit[unit];
    units_[unit].last_change = start_day;
  }
  // Room for the first applications and outcomes, so the early days do not reallocate them one
  // doubling at a time (they grow geometrically beyond; tests/perf counts these allocations).
  constexpr std::size_t initial_applications = 1024, initial_outcomes = 1024;
  for (auto* column : {&application_plan_, &sinks_remaining_, &queued_steps_, &join_offset_})
    column->reserve(initial_applications);
  applicant_.reserve(initial_applications);
  submitted_day_.reserve(initial_applications);
  trips_.reserve(initial_applications);
  status_.reserve(initial_applications);
  outcomes_.reserve(initial_outcomes);
  // The windowed loop's processes, made here rather than in a step (tests/perf counts a
  // step's allocations): one per unit, then the merge process.
  if (units_.size() > 1) {
    processes_.resize(units_.size() + 1);
    for (LogicalProcess& process : processes_)
      process.outbox.resize(processes_.size());
    active_.reserve(processes_.size());
    receiving_.reserve(processes_.size());
  }
}

std::uint32_t QueueingNetwork::add_plan(WorkflowPlan plan) {
  if (plan.nodes.size() > EventQueue<EventKind>::max_nodes)
    throw std::logic_error("a workflow plan has more nodes than the event queue can address");
  for (const WorkflowNode& node : plan.nodes)
    if (node.unit != no_unit && static_cast<std::size_t>(node.unit) >= units_.size())
      throw std::logic_error("workflow node refers to an approval unit that does not exist");
  routing_.push_back(route_plan(plan, units_.size()));
  lookahead_ = std::min(lookahead_, routing_.back().lookahead);
  plans_.push_back(std::move(plan));
  return static_cast<std::uint32_t>(plans_.size() - 1);
}

std::uint64_t QueueingNetwork::submit(std::uint32_t plan_index, std::uint64_t applicant,
                                      double submitted_day) {
  const WorkflowPlan& plan = plans_.at(plan_index);
  const std::uint64_t application = application_plan_.size();
  if (application >= EventQueue<EventKind>::max_applications)
    throw std::length_error("more applications than the event queue can address");
  const double day = std::max(submitted_day, now_);
  application_plan_.push_back(plan_index);
  applicant_.push_back(applicant);
  submitted_day_.push_back(day);
  trips_.push_back(0);
  sinks_remaining_.push_back(plan.sink_count);
  queued_steps_.push_back(0);
  join_offset_.push_back(static_cast<std::uint32_t>(joins_.size()));
  status_.push_back(Status::in_progress);
  for (const WorkflowNode& node : plan.nodes)
    if (node.predecessor_count > 1)
      joins_.push_back(static_cast<std::uint16_t>(node.predecessor_count));
  ++in_progress_[static_cast<std::size_t>(plan.type)];
  account_in_system(day, +1);
  for (std::uint32_t source : plan.sources)
    schedule_pending(
        {day + plan.nodes[source].transfer_in_days, application, source, EventKind::arrival});
  return application;
}

void QueueingNetwork::withdraw(std::uint64_t application) {
  if (application >= status_.size() || status_[application] != Status::in_progress) return;
  if (queued_steps_[application] > 0) remove_queued_steps(application);
  conclude(application, now_, true);
}

void QueueingNetwork::remove_queued_steps(std::uint64_t application) {
  // Withdrawals are rare next to services, so a scan of the queues beats keeping an index.
  for (Unit& unit : units_) {
    auto first = unit.queue.begin() + static_cast<std::ptrdiff_t>(unit.queue_head);
    unit.queue.erase(
        std::remove_if(first, unit.queue.end(),
                       [&](const QueuedStep& step) { return step.application == application; }),
        unit.queue.end());
  }
  queued_steps_[application] = 0;
}

namespace {

void check_productivity(double productivity) {
  if (!(productivity > 0) || !std::isfinite(productivity))
    throw std::invalid_argument("staff productivity must be positive and finite");
}

}  // namespace

void QueueingNetwork::set_productivity(double productivity) {
  check_productivity(productivity);
  for (Unit& unit : units_)
    unit.productivity = productivity;
}

void QueueingNetwork::set_unit_productivity(std::size_t unit, double productivity) {
  check_productivity(productivity);
  units_.at(unit).productivity = productivity;
}

void QueueingNetwork::schedule_pending(const Event& event) {
  if (windowed_)
    processes_[home(event.application, event.node)].events.push(event);
  else
    events_.push(event);
}

void QueueingNetwork::run_until(double day_end) {
  const bool windows = use_windows();
  if (windows != windowed_) move_pending_events(windows);
  if (windowed_)
    run_windows(day_end);
  else
    run_serially(day_end);
  now_ = std::max(now_, day_end);
}

void QueueingNetwork::run_serially(double day_end) {
  SerialRouter router{*this};
  while (!events_.empty() && events_.earliest_time() < day_end) {
    const Event event = events_.pop();
    now_ = event.time;
    handle(event, router);
  }
}

void QueueingNetwork::finish_sink(const Event& completion) {
  if (--sinks_remaining_[completion.application] == 0)
    conclude(completion.application, completion.time, false);
}

EdgeDelivery QueueingNetwork::edge_delivery(std::uint64_t application, std::uint32_t node,
                                            std::size_t successor) const {
  return routing_[application_plan_[application]].edge(node, successor);
}

void QueueingNetwork::set_busy(Unit& unit, double time, std::int32_t change) {
  unit.busy_area += unit.busy * (time - unit.last_change);
  unit.last_change = time;
  unit.busy += change;
}

void QueueingNetwork::account_in_system(double time, std::int64_t change) {
  in_system_area_ += static_cast<double>(in_system_) * (time - in_system_last_change_);
  in_system_last_change_ = time;
  in_system_ = static_cast<std::uint64_t>(static_cast<std::int64_t>(in_system_) + change);
}

void QueueingNetwork::conclude(std::uint64_t application, double day, bool withdrawn) {
  status_[application] = withdrawn ? Status::withdrawn : Status::completed;
  const WorkflowPlan& plan = plans_[application_plan_[application]];
  --in_progress_[static_cast<std::size_t>(plan.type)];
  account_in_system(day, -1);
  outcomes_.push_back({application, plan.type, applicant_[application], submitted_day_[application],
                       day, trips_[application], withdrawn});
}

std::size_t QueueingNetwork::queue_length(std::size_t unit) const {
  return units_[unit].queue.size() - units_[unit].queue_head;
}

double QueueingNetwork::busy_server_days(std::size_t unit_index) const {
  const Unit& unit = units_[unit_index];
  return unit.busy_area + unit.busy * (now_ - unit.last_change);
}

double QueueingNetwork::application_days_in_system() const {
  return in_system_area_ + static_cast<double>(in_system_) * (now_ - in_system_last_change_);
}

std::uint64_t QueueingNetwork::in_progress(ApplicationType type) const {
  return in_progress_[static_cast<std::size_t>(type)];
}

}  // namespace reformsim::models
