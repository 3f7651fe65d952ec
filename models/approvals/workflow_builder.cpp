// workflow_builder.cpp - turns an application type's settings and the measures it was submitted
// under into a workflow plan. Generated from the counts: steps are spread evenly over the items;
// the local items of all types over the departments (every department owns at least one when
// there are as many local items as departments); city items evenly among the items; items into
// stages in order. Declared in approvals.workflow_file: the file's items, each with its
// department, steps and city flag, waiting for the items its `after` names. The rules
// (README.md):
// - routing: a city item goes to the city unless delegation; otherwise the bureau under
//   one_window_bureau, the merged department under merge_departments, else its department;
// - an item's first step waits for the transfer from the previous unit (within one unit or
//   between units, plus the city's extra delay) and is where a missing document sends the
//   applicant back; later steps of an item follow after the within-unit hand-off;
// - after an item's last step, one sign-off per management layer (a delay, no server);
// - items run one after another, or stage by stage under parallel_approval (fork-join), or
//   for a declared workflow each once the items it waits for have finished;
// - a trip is every visit to a new office; under one_window_bureau only the window (and the
//   city, while items are not delegated) costs a visit.
#include "models/approvals/approval_settings.h"

#include <algorithm>
#include <map>
#include <stdexcept>

namespace reformsim::models {
namespace {

struct ItemRoute {
  std::int32_t unit = no_unit;
  bool city = false;     // a city-level item
  bool to_city = false;  // ... still handled by the city (no delegation)
  std::int64_t stage = 0;
  std::int64_t steps = 0;
};

// City items spread evenly among the items: item i is one iff floor((i+1)C/I) > floor(iC/I).
bool is_city_item(const WorkflowSettings& workflow, std::int64_t i) {
  return (i + 1) * workflow.city_items / workflow.items > i * workflow.city_items / workflow.items;
}

struct PlanContext {
  const ApprovalSettings& settings;
  MeasureSet measures;
  std::int64_t sign_offs = 0;  // per item
  bool bureau() const { return measures.has(Measure::one_window_bureau); }
};

// Where an item of `department` is served under the measures in force.
ItemRoute route_item(const PlanContext& context, std::int32_t department, bool city,
                     std::int64_t steps) {
  const ApprovalUnitLayout& layout = context.settings.layout;
  ItemRoute route;
  route.city = city;
  route.steps = steps;
  route.to_city = city && !context.measures.has(Measure::delegation);
  if (route.to_city)
    route.unit = layout.city();
  else if (context.bureau())
    route.unit = layout.bureau();
  else if (context.measures.has(Measure::merge_departments))
    route.unit = layout.merged_department_of(department);
  else
    route.unit = layout.department(department);
  return route;
}

std::vector<ItemRoute> route_generated_items(const PlanContext& context, ApplicationType type) {
  const WorkflowSettings& workflow = context.settings.workflows[static_cast<std::size_t>(type)];
  const std::int64_t items = workflow.items;
  const std::int64_t steps =
      context.measures.has(Measure::step_reduction) ? workflow.steps_after : workflow.steps_before;
  std::vector<ItemRoute> routes;
  for (std::int64_t i = 0; i < items; ++i) {
    routes.push_back(route_item(context, item_department(context.settings, type, i),
                                is_city_item(workflow, i),
                                steps / items + (i < steps % items ? 1 : 0)));
    routes.back().stage = i * workflow.stages / items;
  }
  return routes;
}

std::vector<ItemRoute> route_declared_items(const PlanContext& context,
                                            const WorkflowSettings& workflow) {
  const bool reduced = context.measures.has(Measure::step_reduction);
  const std::int32_t departments = context.settings.layout.departments();
  std::vector<ItemRoute> routes;
  for (const DeclaredItem& item : workflow.declared_items) {
    // The file was checked against approvals.departments; a layout replaced later (a merge
    // plan's) must still hold the department.
    if (item.department < 0 || item.department >= departments)
      throw std::invalid_argument("declared item '" + item.name + "': department " +
                                  std::to_string(item.department + 1) + " is not one of the " +
                                  std::to_string(departments) + " approval departments");
    routes.push_back(route_item(context, item.department, item.city,
                                reduced ? item.steps_after : item.steps_before));
  }
  return routes;
}

double missing_document_probability(const PlanContext& context) {
  const ApprovalSettings& s = context.settings;
  double probability = s.missing_document_probability;
  if (context.measures.has(Measure::pre_review)) probability *= 1 - s.pre_review_catch_share;
  // Tolerant acceptance: only essential documents still block; the rest follow later.
  if (context.measures.has(Measure::tolerant_acceptance)) probability *= s.essential_document_share;
  return probability;
}

// Adds the item's steps as a chain after `predecessor` (none if no_unit-less start); returns the
// last step's index.
std::uint32_t add_item(WorkflowPlan& plan, const PlanContext& context, const ItemRoute& route,
                       std::int32_t previous_unit, const std::uint32_t* predecessor) {
  const ApprovalSettings& s = context.settings;
  WorkflowNode first;
  first.unit = route.unit;
  first.service_mean_days = s.step_service_days;
  if (previous_unit != no_unit)
    first.transfer_in_days = route.unit == previous_unit ? s.transfer_within_department_days
                                                         : s.transfer_between_departments_days;
  if (route.to_city) first.transfer_in_days += s.city_transfer_days;
  first.missing_document_probability = missing_document_probability(context);
  first.rework_days = s.rework_days;
  const bool new_office = route.unit != previous_unit && (!context.bureau() || route.to_city);
  first.trips_on_entry = previous_unit == no_unit || new_office ? 1 : 0;
  std::uint32_t last = plan.add_node(first);
  if (predecessor) plan.add_edge(*predecessor, last);
  WorkflowNode next;
  next.unit = route.unit;
  next.service_mean_days = s.step_service_days;
  next.transfer_in_days = s.transfer_within_department_days;
  for (std::int64_t step = 1; step < route.steps; ++step) {
    const std::uint32_t index = plan.add_node(next);
    plan.add_edge(last, index);
    last = index;
  }
  // One sign-off per management layer: the file waits for each layer's signature in turn. A
  // delay, not a step: the signing heads are not the approval servers, and their time is not
  // drawn (a fixed in-tray time per layer).
  WorkflowNode sign_off;
  sign_off.service_mean_days = s.sign_off_days;
  for (std::int64_t layer = 0; layer < context.sign_offs; ++layer) {
    const std::uint32_t index = plan.add_node(sign_off);
    plan.add_edge(last, index);
    last = index;
  }
  return last;
}

void add_sequential_items(WorkflowPlan& plan, const PlanContext& context,
                          const std::vector<ItemRoute>& routes, const std::uint32_t* entry,
                          std::int32_t entry_unit) {
  std::int32_t previous_unit = entry_unit;
  const std::uint32_t* predecessor = entry;
  std::uint32_t last = 0;
  for (const ItemRoute& route : routes) {
    last = add_item(plan, context, route, previous_unit, predecessor);
    predecessor = &last;
    previous_unit = route.unit;
  }
}

std::uint32_t add_join(WorkflowPlan& plan, const std::vector<std::uint32_t>& predecessors) {
  const std::uint32_t join = plan.add_node(WorkflowNode{});
  for (std::uint32_t predecessor : predecessors)
    plan.add_edge(predecessor, join);
  return join;
}

// Fork-join: every item of a stage starts when the previous stage's join has passed.
void add_parallel_stages(WorkflowPlan& plan, const PlanContext& context,
                         const std::vector<ItemRoute>& routes, const std::uint32_t* entry,
                         std::int32_t entry_unit) {
  std::int32_t previous_unit = entry_unit;
  std::uint32_t join = entry ? *entry : 0;
  bool has_join = entry != nullptr;
  for (std::size_t first = 0; first < routes.size();) {
    std::size_t end = first;
    std::vector<std::uint32_t> lasts;
    while (end < routes.size() && routes[end].stage == routes[first].stage)
      lasts.push_back(
          add_item(plan, context, routes[end++], previous_unit, has_join ? &join : nullptr));
    previous_unit = routes[end - 1].unit;
    join = lasts.size() == 1 ? lasts.front() : add_join(plan, lasts);
    has_join = true;
    first = end;
  }
}

// A declared item starts once every item it waits for has finished: after that item itself, or
// after a join shared by every item waiting for the same set (made where the first of them
// needs it). Its file comes from the unit of the last item it names. Items nothing waits for
// meet in a final join, so the plan has one sink as a staged plan has; a file that lists every
// item of the previous stage as `after` therefore rebuilds the staged plan node for node.
void add_declared_dependencies(WorkflowPlan& plan, const PlanContext& context,
                               const std::vector<DeclaredItem>& items,
                               const std::vector<ItemRoute>& routes, const std::uint32_t* entry,
                               std::int32_t entry_unit) {
  std::vector<std::uint32_t> last(items.size());
  std::vector<bool> awaited(items.size(), false);
  std::map<std::vector<std::uint32_t>, std::uint32_t> joins;  // by the set of items awaited
  for (std::size_t i = 0; i < items.size(); ++i) {
    const std::vector<std::uint32_t>& after = items[i].after;
    const std::uint32_t* predecessor = after.empty() ? entry : &last[after.front()];
    const std::int32_t previous_unit = after.empty() ? entry_unit : routes[after.back()].unit;
    for (std::uint32_t awaited_item : after)
      awaited[awaited_item] = true;
    std::uint32_t join = 0;
    if (after.size() > 1) {
      std::vector<std::uint32_t> awaited_set = after;
      std::sort(awaited_set.begin(), awaited_set.end());
      auto [slot, created] = joins.try_emplace(awaited_set, 0);
      if (created) {
        std::vector<std::uint32_t> lasts;
        for (std::uint32_t awaited_item : awaited_set)
          lasts.push_back(last[awaited_item]);
        slot->second = add_join(plan, lasts);
      }
      join = slot->second;
      predecessor = &join;
    }
    last[i] = add_item(plan, context, routes[i], previous_unit, predecessor);
  }
  std::vector<std::uint32_t> ends;
  for (std::size_t i = 0; i < items.size(); ++i)
    if (!awaited[i]) ends.push_back(last[i]);
  if (ends.size() > 1) add_join(plan, ends);
}

}  // namespace

std::int64_t sign_offs_per_item(const ApprovalSettings& settings, MeasureSet measures,
                                std::int64_t management_layers) {
  if (management_layers > 0) return management_layers;
  return measures.has(Measure::flatten_layers) ? settings.management_layers_after
                                               : settings.management_layers_before;
}

std::int32_t item_department(const ApprovalSettings& settings, ApplicationType type,
                             std::int64_t item) {
  // Local items of the types before this one, and of all types.
  std::int64_t before = 0, total = 0;
  for (std::size_t t = 0; t < application_type_count; ++t) {
    const WorkflowSettings& w = settings.workflows[t];
    const std::int64_t local = w.items - w.city_items;
    if (t < static_cast<std::size_t>(type)) before += local;
    total += local;
  }
  const WorkflowSettings& workflow = settings.workflows[static_cast<std::size_t>(type)];
  if (workflow.declared())
    return workflow.declared_items.at(static_cast<std::size_t>(item)).department;
  // A city item takes the department of the nearest local item before it (after it if none).
  std::int64_t local_index = 0;  // local items of this type before `item`
  for (std::int64_t i = 0; i < item; ++i)
    local_index += is_city_item(workflow, i) ? 0 : 1;
  const std::int64_t local_items = workflow.items - workflow.city_items;
  if (is_city_item(workflow, item) && local_index > 0) --local_index;
  if (total == 0 || local_items == 0) return 0;
  local_index = std::min(local_index, local_items - 1);
  const std::int64_t departments = settings.layout.departments();
  return static_cast<std::int32_t>((before + local_index) * departments / total % departments);
}

WorkflowPlan build_workflow_plan(const ApprovalSettings& settings, ApplicationType type,
                                 MeasureSet measures, std::int64_t management_layers) {
  const PlanContext context{settings, measures,
                            sign_offs_per_item(settings, measures, management_layers)};
  const ApprovalUnitLayout& layout = settings.layout;
  WorkflowPlan plan;
  plan.type = type;
  std::uint32_t entry = 0;
  bool has_entry = false;
  if (measures.has(Measure::pre_review)) {
    WorkflowNode review;  // documents checked online before the formal submission: no trip
    review.service_mean_days = settings.workflows[static_cast<std::size_t>(type)].pre_review_days;
    entry = plan.add_node(review);
    has_entry = true;
  }
  if (context.bureau()) {
    WorkflowNode window;  // the comprehensive acceptance window: the one submission trip
    window.trips_on_entry = 1;
    const std::uint32_t index = plan.add_node(window);
    if (has_entry) plan.add_edge(entry, index);
    entry = index;
    has_entry = true;
  }
  const WorkflowSettings& workflow = settings.workflows[static_cast<std::size_t>(type)];
  const auto routes = workflow.declared() ? route_declared_items(context, workflow)
                                          : route_generated_items(context, type);
  const std::int32_t entry_unit = context.bureau() ? layout.bureau() : no_unit;
  const std::uint32_t* first = has_entry ? &entry : nullptr;
  if (!measures.has(Measure::parallel_approval))
    add_sequential_items(plan, context, routes, first, entry_unit);
  else if (workflow.declared())
    add_declared_dependencies(plan, context, workflow.declared_items, routes, first, entry_unit);
  else
    add_parallel_stages(plan, context, routes, first, entry_unit);
  plan.finalise();
  return plan;
}

}  // namespace reformsim::models
