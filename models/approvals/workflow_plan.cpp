#include "models/approvals/workflow_plan.h"

#include <stdexcept>

namespace reformsim::models {

std::uint32_t WorkflowPlan::add_node(const WorkflowNode& node) {
  nodes.push_back(node);
  return static_cast<std::uint32_t>(nodes.size() - 1);
}

void WorkflowPlan::add_edge(std::uint32_t from, std::uint32_t to) {
  if (from >= to || to >= nodes.size())
    throw std::logic_error("workflow edge must point to a later node");
  nodes[from].successors.push_back(to);
  ++nodes[to].predecessor_count;
}

void WorkflowPlan::finalise() {
  if (nodes.empty()) throw std::logic_error("a workflow needs at least one node");
  sources.clear();
  sink_count = join_count = 0;
  expected_trips = 0;
  for (std::uint32_t index = 0; index < nodes.size(); ++index) {
    WorkflowNode& node = nodes[index];
    if (node.predecessor_count == 0) sources.push_back(index);
    if (node.successors.empty()) ++sink_count;
    if (node.predecessor_count > 1) node.join_slot = join_count++;
    // A node is entered once per application, and sends the applicant back at most once.
    expected_trips += node.trips_on_entry + node.missing_document_probability;
  }
}

WorkflowPlan chain_plan(ApplicationType type, std::uint32_t stages, std::int32_t first_unit,
                        std::int32_t unit_stride, double service_mean_days) {
  WorkflowPlan plan;
  plan.type = type;
  for (std::uint32_t stage = 0; stage < stages; ++stage) {
    WorkflowNode node;
    node.unit = first_unit + static_cast<std::int32_t>(stage) * unit_stride;
    node.service_mean_days = service_mean_days;
    const std::uint32_t index = plan.add_node(node);
    if (stage > 0) plan.add_edge(index - 1, index);
  }
  plan.finalise();
  return plan;
}

WorkflowPlan fork_join_plan(ApplicationType type, std::uint32_t branches, std::int32_t first_unit,
                            double service_mean_days) {
  WorkflowPlan plan;
  plan.type = type;
  for (std::uint32_t branch = 0; branch < branches; ++branch) {
    WorkflowNode node;
    node.unit = first_unit + static_cast<std::int32_t>(branch);
    node.service_mean_days = service_mean_days;
    plan.add_node(node);
  }
  const std::uint32_t join = plan.add_node(WorkflowNode{});
  for (std::uint32_t branch = 0; branch < branches; ++branch)
    plan.add_edge(branch, join);
  plan.finalise();
  return plan;
}

}  // namespace reformsim::models
