#include "models/approvals/plan_routing.h"

#include <algorithm>
#include <limits>

namespace reformsim::models {

PlanRouting route_plan(const WorkflowPlan& plan, std::size_t unit_count) {
  const auto merge = static_cast<std::uint32_t>(unit_count);
  const std::size_t n = plan.nodes.size();
  constexpr std::uint32_t unset = std::numeric_limits<std::uint32_t>::max();
  PlanRouting routing;
  routing.home.assign(n, unset);
  // Homes in node order: every edge points forward, so a node's predecessors come first.
  std::vector<std::uint32_t> first_home(n, unset);
  std::vector<std::uint8_t> mixed(n, 0);  // predecessors in more than one process
  for (std::uint32_t index = 0; index < n; ++index) {
    const WorkflowNode& node = plan.nodes[index];
    if (node.unit != no_unit)
      routing.home[index] = static_cast<std::uint32_t>(node.unit);
    else
      routing.home[index] = node.predecessor_count == 0 || mixed[index] ? merge : first_home[index];
    for (std::uint32_t next : node.successors) {
      if (first_home[next] == unset)
        first_home[next] = routing.home[index];
      else if (first_home[next] != routing.home[index])
        mixed[next] = 1;
    }
  }
  routing.lookahead = std::numeric_limits<double>::infinity();
  routing.relays.assign(n, 0);
  routing.delivery_offset.resize(n);
  for (std::uint32_t index = 0; index < n; ++index) {
    const WorkflowNode& node = plan.nodes[index];
    const std::uint32_t home = routing.home[index];
    routing.delivery_offset[index] = static_cast<std::uint32_t>(routing.delivery.size());
    for (std::uint32_t next : node.successors) {
      const WorkflowNode& successor = plan.nodes[next];
      const std::uint32_t next_home = routing.home[next];
      EdgeDelivery delivery = EdgeDelivery::local;
      if (home != merge && (next_home == merge || mixed[next]))
        delivery = EdgeDelivery::deferred;
      else if (next_home != home)
        delivery = EdgeDelivery::remote;
      routing.delivery.push_back(delivery);
      if (delivery == EdgeDelivery::deferred) routing.relays[index] = 1;
      // Every event is handled in the window holding its time, so what crosses from one
      // process to another has only the hand-off itself to land beyond that window; the merge
      // process's fixed delays do not add to it, as each of its events may be the first of a
      // window.
      if (next_home != merge && (delivery != EdgeDelivery::local || home == merge))
        routing.lookahead = std::min(routing.lookahead, successor.transfer_in_days);
    }
  }
  return routing;
}

}  // namespace reformsim::models
