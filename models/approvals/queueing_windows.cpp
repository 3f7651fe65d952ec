// queueing_windows.cpp - the windowed event loop: the units as logical processes, advanced
// together in windows of the lookahead (plan_routing.h), their hand-offs, deferred joins and
// finished applications merged between windows in the serial loop's order.
#include <algorithm>
#include <atomic>
#include <limits>
#include <stdexcept>
#include <utility>

#include "models/approvals/queueing_events.h"
#include "sim/parallel/loops.h"

namespace reformsim::models {

// A unit's process in a window: its own events now, the rest at the window's end.
struct QueueingNetwork::ProcessRouter {
  static constexpr bool concurrent = true;
  QueueingNetwork& network;
  LogicalProcess& process;
  std::uint32_t index;
  EdgeDelivery delivery(std::uint64_t application, std::uint32_t node,
                        std::size_t successor) const {
    return network.edge_delivery(application, node, successor);
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
    return network.edge_delivery(application, node, successor);
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

bool earlier_event(const auto& a, const auto& b) {
  if (a.time != b.time) return a.time < b.time;
  if (a.application != b.application) return a.application < b.application;
  return a.node < b.node;
}

}  // namespace
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
  for (const Event& event : window_sinks_)
    finish_sink(event);
}

}  // namespace reformsim::models
