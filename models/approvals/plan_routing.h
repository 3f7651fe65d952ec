// plan_routing.h - how a workflow plan's events travel between the logical processes of the
// windowed event loop (queueing_network.h), and the lookahead that makes its windows safe.
//
// Each approval unit is a logical process with its own pending events; a delay or join node
// (no unit) lives with its predecessors when they all live in one process, else in the merge
// process, which runs serially between windows. The processes advance together in windows of
// the lookahead: the shortest time from an event in one process to its effect in another. An
// edge is
// - local: both ends in one process, handled as the serial loop handles it;
// - remote: to a node of another unit, whose arrival lands at least a lookahead later, so it
//   is delivered at the window's end;
// - deferred: to the merge process, or to a join whose predecessors live in several
//   processes (its counter must not be decremented by two processes at once): the finished
//   predecessor is relayed to the merge phase, which decrements and schedules in key order.
// Nothing here changes what happens, only where it is computed: the windowed loop's results
// are bit-identical to the serial loop's.
#pragma once

#include <cstdint>
#include <vector>

#include "models/approvals/workflow_plan.h"

namespace reformsim::models {

enum class EdgeDelivery : std::uint8_t { local, remote, deferred };

struct PlanRouting {
  std::vector<std::uint32_t> home;  // per node: its unit, or the merge process (unit count)
  // Per node, per successor (in node.successors order), from delivery_offset[node] on.
  std::vector<EdgeDelivery> delivery;
  std::vector<std::uint32_t> delivery_offset;
  std::vector<std::uint8_t> relays;  // per node: some successor edge is deferred
  // The shortest hand-off into a unit from another process (or from the merge phase, or
  // through a deferred join), in working days; +infinity when none crosses.
  double lookahead = 0;

  EdgeDelivery edge(std::uint32_t node, std::size_t successor) const {
    return delivery[delivery_offset[node] + successor];
  }
};

// The routing of `plan` over `unit_count` units (the merge process is index unit_count).
PlanRouting route_plan(const WorkflowPlan& plan, std::size_t unit_count);

}  // namespace reformsim::models
