// queueing_events.h - what each event does, shared by the serial loop (queueing_network.cpp)
// and the windowed one (queueing_windows.cpp): the handlers are templates over a router that
// says where the events they cause go. Internal to the queueing core.
#pragma once

#include <atomic>

#include "models/approvals/queueing_network.h"

namespace reformsim::models {

namespace queueing_detail {

// Adds to a per-application counter that processes of one window may share (the steps of one
// application in two units at once).
template <bool concurrent, typename Counter>
inline void add_to(Counter& counter, Counter change) {
  if constexpr (concurrent)
    std::atomic_ref<Counter>(counter).fetch_add(change, std::memory_order_relaxed);
  else
    counter += change;
}

}  // namespace queueing_detail

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
  void sink(const Event& event) { network.finish_sink(event); }
};

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
    queueing_detail::add_to<Router::concurrent>(trips_[event.application], node.trips_on_entry);
  if (node.missing_document_probability > 0) {
    RandomStream random(seed_, {approval_application_stream, approval_missing_document,
                                event.application, event.node});
    if (random.bernoulli(node.missing_document_probability)) {
      // Sent back: the applicant fetches the document and comes again (one more trip).
      queueing_detail::add_to<Router::concurrent>(trips_[event.application], 1);
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
  queueing_detail::add_to<Router::concurrent>(queued_steps_[application], 1u);
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
  queueing_detail::add_to<Router::concurrent>(queued_steps_[next.application],
                                              ~0u);  // minus one, modulo 2^32
  start_service(time, next.application, next.node, router);
}

}  // namespace reformsim::models
