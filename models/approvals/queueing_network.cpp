#include "models/approvals/queueing_network.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <utility>

#include "sim/parallel/loops.h"

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

// The serial loop: one queue, every effect at once.
struct QueueingNetwork::SerialRouter {
  static constexpr bool concurrent = false;
  QueueingNetwork& network;
  EdgeDelivery delivery(std::uint64_t, std::uint32_t, std::size_t) const {
    return EdgeDelivery::local;
  }
  void schedule(const Event& event) { network.events_.push(event); }
  void send(const Event& event) { network.events_.push(event); }
  void relay(const Event&) {}
  void sink(const Event& event) {
    if (--network.sinks_remaining_[event.application] == 0)
      network.conclude(event.application, event.time, false);
  }
};

// A unit's process in a window: its own events now, the rest at the window's end.
struct QueueingNetwork::ProcessRouter {
  static constexpr bool concurrent = true;
  QueueingNetwork& network;
  LogicalProcess& process;
  std::uint32_t index;
  EdgeDelivery delivery(std::uint64_t application, std::uint32_t node,
                        std::size_t successor) const {
    return network.routing_[network.application_plan_[application]].edge(node, successor);
  }
  void schedule(const Event& event) { process.events.push(event); }
  void send(const Event& event) {
    const std::uint32_t to = network.home(event.application, event.node);
    if (to == index)
      process.events.push(event);
    else
      post(to, event);
  }
  void post(std::uint32_t to, const Event& event) {
    if (process.outbox[to].empty()) process.destinations.push_back(to);
    process.outbox[to].push_back(event);
  }
  void relay(const Event& event) {
    process.relays.push_back({event.time, event.application, event.node, EventKind::relay});
  }
  void sink(const Event& event) { process.sinks.push_back(event); }
};

// The merge phase, serial between windows: it may schedule into any process.
struct QueueingNetwork::MergeRouter {
  static constexpr bool concurrent = false;
  QueueingNetwork& network;
  double window_end;
  EdgeDelivery delivery(std::uint64_t application, std::uint32_t node,
                        std::size_t successor) const {
    return network.routing_[network.application_plan_[application]].edge(node, successor);
  }
  void schedule(const Event& event) { network.processes_.back().events.push(event); }
  void send(const Event& event) {
    const std::uint32_t to = network.home(event.application, event.node);
    if (to != network.units_.size() && event.time < window_end)
      throw std::logic_error("an arrival from the merge phase landed inside its window");
    network.processes_[to].events.push(event);
  }
  void relay(const Event&) {}  // a merge node's edges are never deferred
  void sink(const Event& event) { network.processes_.back().sinks.push_back(event); }
};

namespace {

// Adds to a per-application counter that processes of one window may share (the steps of one
// application in two units at once).
template <bool concurrent, typename Counter>
void add_to(Counter& counter, Counter change) {
  if constexpr (concurrent)
    std::atomic_ref<Counter>(counter).fetch_add(change, std::memory_order_relaxed);
  else
    counter += change;
}

bool earlier_event(const auto& a, const auto& b) {
  if (a.time != b.time) return a.time < b.time;
  if (a.application != b.application) return a.application < b.application;
  return a.node < b.node;
}

}  // namespace

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

bool QueueingNetwork::use_windows() const {
  // Automatic means windows even on one thread: a queue per unit is smaller, and its events
  // closer in memory, than one queue of all (bench/approvals/README.md measures both).
  return execution_ != Execution::serial && lookahead_ >= min_window && !processes_.empty();
}

void QueueingNetwork::move_pending_events(bool to_windows) {
  if (to_windows) {
    windowed_ = true;
    while (!events_.empty())
      schedule_pending(events_.pop());
    return;
  }
  windowed_ = false;
  for (LogicalProcess& process : processes_)
    while (!process.events.empty())
      events_.push(process.events.pop());
}

void QueueingNetwork::run_serially(double day_end) {
  SerialRouter router{*this};
  while (!events_.empty() && events_.earliest_time() < day_end) {
    const Event event = events_.pop();
    now_ = event.time;
    handle(event, router);
  }
}

void QueueingNetwork::run_windows(double day_end) {
  const std::size_t units = units_.size();
  for (;;) {
    double start = std::numeric_limits<double>::infinity();
    for (LogicalProcess& process : processes_)
      if (!process.events.empty()) start = std::min(start, process.events.earliest_time());
    if (!(start < day_end)) return;
    // A hair short of the lookahead, so that start + hand-off, rounded, cannot fall inside the
    // window (deliver() and the merge phase check every arrival against its end anyway).
    const double window_end = std::min(start + lookahead_ * (1 - 1e-9), day_end);
    // The units with work in this window, busiest in the last window first: a few units carry
    // most of the events, and longest first spreads them over the threads.
    active_.clear();
    for (std::uint32_t unit = 0; unit < units; ++unit)
      if (!processes_[unit].events.empty() && processes_[unit].events.earliest_time() < window_end)
        active_.push_back(unit);
    std::sort(active_.begin(), active_.end(), [&](std::uint32_t a, std::uint32_t b) {
      const std::uint64_t load_a = processes_[a].handled_before,
                          load_b = processes_[b].handled_before;
      return load_a > load_b || (load_a == load_b && a < b);  // std::sort: no buffer to allocate
    });
    std::uint64_t expected = 0;  // events, judged by the last window
    for (std::uint32_t unit : active_)
      expected += processes_[unit].handled_before;
    const auto run_active = [&](std::size_t k) { run_process(active_[k], window_end); };
    if (active_.size() > 1 &&
        (execution_ == Execution::windowed || expected >= min_parallel_events))
      parallel_for_each_task(std::size_t{0}, active_.size(), run_active);
    else
      for (std::size_t k = 0; k < active_.size(); ++k)
        run_active(k);
    // The least pending event is handled in every window; none means the loop was cancelled
    // (an exception elsewhere in an enclosing parallel loop), and the window would repeat.
    std::uint64_t handled = 0;
    for (LogicalProcess& process : processes_) {
      handled += process.handled;
      process.handled_before = std::exchange(process.handled, 0);
    }
    deliver(window_end);
    if (run_merge(window_end) == 0 && handled == 0)
      throw std::runtime_error("the approval network's parallel loop was cancelled");
    conclude_window();
    ++windows_;
  }
}

void QueueingNetwork::run_process(std::size_t index, double window_end) {
  LogicalProcess& process = processes_[index];
  ProcessRouter router{*this, process, static_cast<std::uint32_t>(index)};
  while (!process.events.empty() && process.events.earliest_time() < window_end) {
    handle(process.events.pop(), router);
    ++process.handled;
  }
}

void QueueingNetwork::deliver(double window_end) {
  // Each destination takes its arrivals from every unit's outbox, the destinations in
  // parallel: a hand-off is one push per item, a fair share of a window's work.
  std::vector<std::uint8_t>& receives = receiving_;
  receives.assign(processes_.size(), 0);
  active_.clear();
  for (std::size_t from = 0; from < units_.size(); ++from) {
    for (std::uint32_t to : processes_[from].destinations)
      if (!std::exchange(receives[to], 1)) active_.push_back(to);
    processes_[from].destinations.clear();
  }
  std::atomic<bool> early{false};
  std::size_t hand_offs = 0;
  for (std::size_t from = 0; from < units_.size(); ++from)
    for (std::uint32_t to : active_)
      hand_offs += processes_[from].outbox[to].size();
  const auto take_arrivals = [&](std::size_t k) {
    const std::uint32_t to = active_[k];
    for (std::size_t from = 0; from < units_.size(); ++from) {
      std::vector<Event>& outbox = processes_[from].outbox[to];
      for (const Event& event : outbox) {
        if (event.time < window_end) early.store(true, std::memory_order_relaxed);
        processes_[to].events.push(event);
      }
      outbox.clear();
    }
  };
  if (active_.size() > 1 && (execution_ == Execution::windowed || hand_offs >= min_parallel_events))
    parallel_for_each_task(std::size_t{0}, active_.size(), take_arrivals);
  else
    for (std::size_t k = 0; k < active_.size(); ++k)
      take_arrivals(k);
  if (early.load())
    throw std::logic_error("an arrival between approval units landed inside its window");
  LogicalProcess& merge = processes_.back();
  for (std::size_t from = 0; from < units_.size(); ++from) {
    for (const Event& relay : processes_[from].relays)
      merge.events.push(relay);
    processes_[from].relays.clear();
  }
}

std::uint64_t QueueingNetwork::run_merge(double window_end) {
  LogicalProcess& merge = processes_.back();
  MergeRouter router{*this, window_end};
  std::uint64_t handled = 0;
  for (; !merge.events.empty() && merge.events.earliest_time() < window_end; ++handled) {
    const Event event = merge.events.pop();
    if (event.kind != EventKind::relay) {
      handle(event, router);
      continue;
    }
    const WorkflowNode& node = plans_[application_plan_[event.application]].nodes[event.node];
    for (std::size_t i = 0; i < node.successors.size(); ++i)
      if (router.delivery(event.application, event.node, i) == EdgeDelivery::deferred)
        pass_on(event, node.successors[i], router);
  }
  return handled;
}

void QueueingNetwork::conclude_window() {
  window_sinks_.clear();
  for (LogicalProcess& process : processes_) {
    window_sinks_.insert(window_sinks_.end(), process.sinks.begin(), process.sinks.end());
    process.sinks.clear();
  }
  // In the serial loop's order, so the outcomes and the in-system integral come out the same.
  std::sort(window_sinks_.begin(), window_sinks_.end(),
            [](const Event& a, const Event& b) { return earlier_event(a, b); });
  SerialRouter router{*this};
  for (const Event& event : window_sinks_)
    router.sink(event);
}

template <class Router>
void QueueingNetwork::handle(const Event& event, Router& router) {
  if (event.kind == EventKind::completion) {
    finish(event, router);
    return;
  }
  if (status_[event.application] != Status::in_progress) return;
  if (event.kind == EventKind::arrival)
    arrive(event, router);
  else
    admit(event.time, event.application, event.node, router);
}

template <class Router>
void QueueingNetwork::arrive(const Event& event, Router& router) {
  const WorkflowNode& node = plans_[application_plan_[event.application]].nodes[event.node];
  if (node.trips_on_entry != 0)
    add_to<Router::concurrent>(trips_[event.application], node.trips_on_entry);
  if (node.missing_document_probability > 0) {
    RandomStream random(seed_, {approval_application_stream, approval_missing_document,
                                event.application, event.node});
    if (random.bernoulli(node.missing_document_probability)) {
      // Sent back: the applicant fetches the document and comes again (one more trip).
      add_to<Router::concurrent>(trips_[event.application], 1);
      router.schedule(
          {event.time + node.rework_days, event.application, event.node, EventKind::resubmission});
      return;
    }
  }
  admit(event.time, event.application, event.node, router);
}

template <class Router>
void QueueingNetwork::admit(double time, std::uint64_t application, std::uint32_t node_index,
                            Router& router) {
  const WorkflowNode& node = plans_[application_plan_[application]].nodes[node_index];
  if (node.unit == no_unit) {
    router.schedule(
        {time + node.service_mean_days, application, node_index, EventKind::completion});
    return;
  }
  Unit& unit = units_[static_cast<std::size_t>(node.unit)];
  if (unit.busy < unit.servers) {
    start_service(time, application, node_index, router);
    return;
  }
  unit.queue.push_back({application, node_index});
  add_to<Router::concurrent>(queued_steps_[application], 1u);
}

template <class Router>
void QueueingNetwork::start_service(double time, std::uint64_t application,
                                    std::uint32_t node_index, Router& router) {
  const WorkflowNode& node = plans_[application_plan_[application]].nodes[node_index];
  Unit& unit = units_[static_cast<std::size_t>(node.unit)];
  set_busy(unit, time, +1);
  RandomStream random(
      seed_, {approval_application_stream, approval_service_time, application, node_index});
  const double duration = service_.draw(random, node.service_mean_days) / unit.productivity;
  router.schedule({time + duration, application, node_index, EventKind::completion});
}

template <class Router>
void QueueingNetwork::finish(const Event& event, Router& router) {
  const WorkflowNode& node = plans_[application_plan_[event.application]].nodes[event.node];
  // A withdrawn application's step still held its server until now.
  if (node.unit != no_unit) release_server(event.time, node.unit, router);
  if (status_[event.application] != Status::in_progress) return;
  bool relay = false;
  for (std::size_t i = 0; i < node.successors.size(); ++i) {
    if (router.delivery(event.application, event.node, i) == EdgeDelivery::deferred) {
      relay = true;
      continue;
    }
    pass_on(event, node.successors[i], router);
  }
  if (relay) router.relay(event);
  if (node.successors.empty()) router.sink(event);
}

template <class Router>
void QueueingNetwork::pass_on(const Event& completion, std::uint32_t next, Router& router) {
  const WorkflowNode& successor = plans_[application_plan_[completion.application]].nodes[next];
  if (successor.predecessor_count > 1 &&
      --joins_[join_offset_[completion.application] + successor.join_slot] > 0)
    return;
  router.send({completion.time + successor.transfer_in_days, completion.application, next,
               EventKind::arrival});
}

template <class Router>
void QueueingNetwork::release_server(double time, std::int32_t unit_index, Router& router) {
  Unit& unit = units_[static_cast<std::size_t>(unit_index)];
  set_busy(unit, time, -1);
  if (unit.queue_head == unit.queue.size()) return;
  const QueuedStep next = unit.queue[unit.queue_head++];
  // Compact once the consumed front outgrows the waiting part: amortised O(1), no reallocation.
  if (unit.queue_head * 2 > unit.queue.size()) {
    unit.queue.erase(unit.queue.begin(),
                     unit.queue.begin() + static_cast<std::ptrdiff_t>(unit.queue_head));
    unit.queue_head = 0;
  }
  add_to<Router::concurrent>(queued_steps_[next.application], ~0u);  // minus one, modulo 2^32
  start_service(time, next.application, next.node, router);
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
