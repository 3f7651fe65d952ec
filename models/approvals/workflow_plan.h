// workflow_plan.h - what an application goes through: a directed acyclic graph of nodes. A node
// is one approval step served at an approval unit (staff time drawn from a service
// distribution), or a pure delay or join with no unit. An edge says "this step may start only
// when that one has finished"; a node with several predecessors is a join (fork-join), and an
// application is complete when every node without successors has finished. Plans are built
// once per (application type, set of active measures) and shared by every application.
#pragma once

#include <cstdint>
#include <vector>

#include "models/common/approval_service.h"

namespace reformsim::models {

inline constexpr std::int32_t no_unit = -1;

struct WorkflowNode {
  std::int32_t unit = no_unit;   // approval unit serving the step, or no_unit for a delay/join
  double service_mean_days = 0;  // staff time at productivity 1; the fixed delay when no unit
  double transfer_in_days = 0;   // fixed hand-off time before the node becomes ready
  double missing_document_probability = 0;  // chance the applicant is sent back on arrival
  double rework_days = 0;                   // applicant's turnaround to bring the missing document
  std::int32_t trips_on_entry = 0;          // visits to an office this node costs the applicant
  std::uint32_t predecessor_count = 0;
  std::uint32_t join_slot = 0;  // index among the plan's joins (predecessor_count > 1)
  std::vector<std::uint32_t> successors;
};

struct WorkflowPlan {
  ApplicationType type = ApplicationType::business_registration;
  std::vector<WorkflowNode> nodes;
  std::vector<std::uint32_t> sources;  // nodes with no predecessor: start at submission
  std::uint32_t sink_count = 0;        // nodes with no successor: all must finish
  std::uint32_t join_count = 0;
  double expected_trips = 0;  // trips on entry plus expected rework trips

  // Appends a node and returns its index.
  std::uint32_t add_node(const WorkflowNode& node);
  // Makes `to` wait for `from`; from < to keeps the graph acyclic by construction.
  void add_edge(std::uint32_t from, std::uint32_t to);
  // Derives sources, sinks, join slots and expected trips; call once after the last edge.
  // Throws std::logic_error for an edge that points backwards or an empty plan.
  void finalise();
};

// A chain of `stages` steps at units first_unit, first_unit + 1, ... (or all at `unit_step` 0
// apart), each with the same mean: the building block of the tests and the benchmark.
WorkflowPlan chain_plan(ApplicationType type, std::uint32_t stages, std::int32_t first_unit,
                        std::int32_t unit_stride, double service_mean_days);
// K steps at units first_unit .. first_unit + K - 1 run at once, then a join.
WorkflowPlan fork_join_plan(ApplicationType type, std::uint32_t branches, std::int32_t first_unit,
                            double service_mean_days);

}  // namespace reformsim::models
