// approval_parameters.cpp - every approvals.* parameter, declared once with unit, description and
// source; the defaults are the Binhai values (seed section 2) or, where the article is silent,
// assumptions chosen so the investment workflow takes about 54 working days before the reform
// and 8 after (seed section 3.2): see README.md for which is which.
#include "models/approvals/approval_settings.h"

#include <algorithm>
#include <numeric>

#include "models/approvals/workflow_file.h"
#include "sim/config/config_error.h"
#include "sim/config/config_loader.h"

namespace reformsim::models {
namespace {

const std::string assumption = "assumption";
const std::string fitted =
    "assumption, chosen so the investment workflow takes about 54 "
    "working days before and 8 after (seed section 3.2)";
// The counts a workflow file replaces for the types it declares.
const std::vector<std::string> workflow_counts{"steps_before", "steps_after", "items", "stages",
                                               "city_items"};
const std::string unless_declared = " (not used for a type declared in approvals.workflow_file)";

struct WorkflowDefaults {
  std::int64_t steps_before, steps_after, items, stages, city_items;
  double published_limit_days, pre_review_days;
  std::string steps_source, limit_source;
};

void declare_workflow(ParameterRegistry& registry, ApplicationType type,
                      const WorkflowDefaults& defaults) {
  const std::string prefix = "approvals." + application_type_name(type) + "_";
  const std::string what = application_type_name(type) + " workflow: ";
  registry.add(reform_input(integer_parameter(
      prefix + "steps_before", defaults.steps_before, 1, 1e5, "steps",
      what + "approval steps without step_reduction" + unless_declared, defaults.steps_source)));
  registry.add(reform_input(integer_parameter(
      prefix + "steps_after", defaults.steps_after, 1, 1e5, "steps",
      what + "approval steps with step_reduction" + unless_declared, defaults.steps_source)));
  registry.add(
      reform_input(integer_parameter(prefix + "items", defaults.items, 1, 1000, "items",
                                     what +
                                         "approval items the steps are spread over, each owned "
                                         "by one department (before) or the bureau (after)" +
                                         unless_declared,
                                     assumption)));
  registry.add(reform_input(integer_parameter(prefix + "stages", defaults.stages, 1, 1000, "stages",
                                              what +
                                                  "groups of items run in parallel under "
                                                  "parallel_approval; stages stay sequential" +
                                                  unless_declared,
                                              assumption)));
  registry.add(reform_input(integer_parameter(
      prefix + "city_items", defaults.city_items, 0, 1000, "items",
      what + "items handled by the city until delegation" + unless_declared, assumption)));
  registry.add(real_parameter(
      prefix + "published_limit_days", defaults.published_limit_days, 0, 1e4, "working days",
      what + "expected wait announced before any application completes", defaults.limit_source));
  registry.add(
      real_parameter(prefix + "pre_review_days", defaults.pre_review_days, 0, 1e3, "working days",
                     what + "pre-review of the documents before formal submission", fitted));
}

// Two sources for one workflow would leave it ambiguous which the user meant, so a count set
// anywhere but by its default is refused for a type the file declares.
void refuse_counts_beside_file(const ParameterSet& p, ApplicationType type,
                               const std::filesystem::path& file) {
  const std::string file_key = "approvals.workflow_file";
  for (const std::string& count : workflow_counts) {
    const std::string key = "approvals." + application_type_name(type) + "_" + count;
    if (p.origin(key) == "default") continue;
    throw ConfigError(p.origin(key), key, format_parameter_value(p.value(key)),
                      "not used: " + file_key + " = '" + file.string() + "' (set in " +
                          p.origin(file_key) + ") declares the " + application_type_name(type) +
                          " workflow item by item; set it in one place, the file or the counts");
  }
}

// The file's items replace the counts, and the counts become the file's, so that the items of
// a type still generated are dealt over the departments as if the declared ones were generated.
void use_declared_items(WorkflowSettings& workflow, std::vector<DeclaredItem> items) {
  workflow.items = static_cast<std::int64_t>(items.size());
  workflow.city_items =
      std::count_if(items.begin(), items.end(), [](const DeclaredItem& item) { return item.city; });
  workflow.steps_before = std::accumulate(
      items.begin(), items.end(), std::int64_t{0},
      [](std::int64_t total, const DeclaredItem& item) { return total + item.steps_before; });
  workflow.steps_after = std::accumulate(
      items.begin(), items.end(), std::int64_t{0},
      [](std::int64_t total, const DeclaredItem& item) { return total + item.steps_after; });
  workflow.stages = 0;
  workflow.declared_items = std::move(items);
}

void read_declared_workflows(const ParameterSet& p, ApprovalSettings& settings) {
  const std::filesystem::path file = path_parameter(p, "approvals.workflow_file");
  if (file.empty()) return;
  DeclaredWorkflows declared = read_workflow_file(file, p.integer("approvals.departments"));
  for (std::size_t t = 0; t < application_type_count; ++t) {
    if (declared[t].empty()) continue;
    refuse_counts_beside_file(p, ApplicationType(t), file);
    use_declared_items(settings.workflows[t], std::move(declared[t]));
  }
}

}  // namespace

void ApprovalSettings::declare_parameters(ParameterRegistry& registry) {
  registry.add(
      reform_input(integer_parameter("approvals.departments", 26, 1, 1000, "departments",
                                     "departments holding approval items before the reform",
                                     "seed section 2.1 (156 items from 26 departments)")));
  registry.add(reform_input(
      integer_parameter("approvals.merged_departments", 10, 1, 1000, "departments",
                        "approval departments after merge_departments groups them evenly "
                        "(binhai_2018 follows its organisation merge plan instead)",
                        "assumption: 26 x 23/60, the overall merge ratio (seed 1.1)")));
  registry.add(integer_parameter("approvals.servers_per_department", 4, 1, 1e6, "persons",
                                 "staff serving approvals in each department; merged "
                                 "departments and the bureau pool the staff they absorb",
                                 assumption));
  registry.add(integer_parameter("approvals.city_servers", 4, 1, 1e6, "persons",
                                 "city staff serving the zone's city-level items", assumption));
  registry.add(real_parameter("approvals.step_service_days", 0.10, 0, 1e3, "working days",
                              "mean staff time per step at staff productivity 1", fitted));
  registry.add(choice_parameter("approvals.service_distribution", "exponential",
                                {"exponential", "lognormal", "deterministic"},
                                "distribution of a step's staff time", assumption));
  registry.add(real_parameter("approvals.service_coefficient_of_variation", 1.0, 0.01, 10, "1",
                              "standard deviation / mean of a lognormal service time", assumption));
  registry.add(real_parameter("approvals.transfer_between_departments_days", 0.3, 0, 1e3,
                              "working days", "hand-off of the file from one unit to another",
                              fitted));
  registry.add(real_parameter("approvals.transfer_within_department_days", 0.05, 0, 1e3,
                              "working days", "hand-off between steps inside one unit", fitted));
  registry.add(real_parameter("approvals.city_transfer_days", 1.25, 0, 1e3, "working days",
                              "extra delay of sending an item to the city and back", fitted));
  registry.add(real_parameter("approvals.missing_document_probability", 0.1, 0, 1, "fraction",
                              "chance an item's documents are incomplete when submitted",
                              assumption));
  registry.add(real_parameter("approvals.essential_document_share", 0.2, 0, 1, "fraction",
                              "share of missing documents that block even under "
                              "tolerant_acceptance",
                              assumption));
  registry.add(real_parameter("approvals.rework_days", 2.0, 0, 1e3, "working days",
                              "applicant's turnaround after being sent back (one extra trip)",
                              assumption));
  registry.add(real_parameter("approvals.pre_review_catch_share", 0.9, 0, 1, "fraction",
                              "share of missing documents pre-review finds before submission",
                              assumption));
  registry.add(real_parameter("approvals.sign_off_days", 0.1, 0, 1e3, "working days",
                              "time an item's file waits for the signature of one management "
                              "layer; every item is signed off once per layer",
                              "MODEL.md section 2 (every layer adds a sign-off); size: "
                              "assumption, about an hour of a working day per layer"));
  registry.add(reform_input(
      integer_parameter("approvals.management_layers_before", 4, 0, 16, "layers",
                        "sign-offs per item without flatten_layers when no staff model "
                        "sets the count (binhai_2018 takes the organisation's count)",
                        "seed section 1.1 (4 layers before)")));
  registry.add(
      reform_input(integer_parameter("approvals.management_layers_after", 3, 0, 16, "layers",
                                     "sign-offs per item under flatten_layers when no staff model "
                                     "sets the count (binhai_2018 takes the organisation's count)",
                                     "seed section 1.1 (3 layers after)")));
  registry.add(real_parameter("approvals.staff_productivity", 1.0, 0.01, 100, "1",
                              "service-rate factor when no staff model sets it (1 = competent "
                              "staff at full effort)",
                              assumption));
  registry.add(integer_parameter("approvals.statistics_window_days", 20, 1, 1e4, "working days",
                                 "completions of the last this many days enter the time to "
                                 "permit and trips statistics",
                                 assumption));
  registry.add(text_parameter(
      "approvals.workflow_file", "",
      "CSV file declaring application types' workflows item by item (application_type,item,"
      "department,steps_before,steps_after[,city_level,after]; models/approvals/README.md), "
      "relative to the config file; a type it declares does not use its "
      "approvals.<type>_steps_before/_steps_after/_items/_stages/_city_items, which must then "
      "not be set; empty: every workflow generated from those counts",
      assumption));
  declare_workflow(registry, ApplicationType::business_registration,
                   {6, 6, 4, 2, 0, 10, 0.5, assumption, assumption});
  declare_workflow(registry, ApplicationType::investment_project,
                   {185, 75, 26, 3, 4, 54, 5.0, "seed section 2.2 (185 to 75 steps)",
                    "seed section 3.2 (54 working days before the reform)"});
}

ApprovalSettings ApprovalSettings::from(const ParameterSet& p) {
  ApprovalSettings settings;
  settings.layout = ApprovalUnitLayout::even(
      static_cast<std::int32_t>(p.integer("approvals.departments")),
      static_cast<std::int32_t>(p.integer("approvals.merged_departments")));
  settings.servers_per_department = p.integer("approvals.servers_per_department");
  settings.city_servers = p.integer("approvals.city_servers");
  settings.step_service_days = p.real("approvals.step_service_days");
  const std::string& distribution = p.text("approvals.service_distribution");
  settings.service.distribution = distribution == "lognormal" ? ServiceDistribution::lognormal
                                  : distribution == "deterministic"
                                      ? ServiceDistribution::deterministic
                                      : ServiceDistribution::exponential;
  settings.service.coefficient_of_variation = p.real("approvals.service_coefficient_of_variation");
  settings.transfer_between_departments_days =
      p.real("approvals.transfer_between_departments_days");
  settings.transfer_within_department_days = p.real("approvals.transfer_within_department_days");
  settings.city_transfer_days = p.real("approvals.city_transfer_days");
  settings.missing_document_probability = p.real("approvals.missing_document_probability");
  settings.essential_document_share = p.real("approvals.essential_document_share");
  settings.rework_days = p.real("approvals.rework_days");
  settings.pre_review_catch_share = p.real("approvals.pre_review_catch_share");
  settings.sign_off_days = p.real("approvals.sign_off_days");
  settings.management_layers_before = p.integer("approvals.management_layers_before");
  settings.management_layers_after = p.integer("approvals.management_layers_after");
  settings.staff_productivity = p.real("approvals.staff_productivity");
  settings.statistics_window_days = p.integer("approvals.statistics_window_days");
  for (std::size_t t = 0; t < application_type_count; ++t) {
    const std::string prefix = "approvals." + application_type_name(ApplicationType(t)) + "_";
    WorkflowSettings& workflow = settings.workflows[t];
    workflow.steps_before = p.integer(prefix + "steps_before");
    workflow.steps_after = p.integer(prefix + "steps_after");
    workflow.items = p.integer(prefix + "items");
    workflow.stages = p.integer(prefix + "stages");
    workflow.city_items = p.integer(prefix + "city_items");
    workflow.published_limit_days = p.real(prefix + "published_limit_days");
    workflow.pre_review_days = p.real(prefix + "pre_review_days");
  }
  read_declared_workflows(p, settings);
  return settings;
}

namespace {

void refuse_above(const ParameterSet& p, const std::string& key, const std::string& limit_key,
                  const std::string& problem) {
  if (p.integer(key) > p.integer(limit_key))
    throw ConfigError(p.origin(key), key, format_parameter_value(p.value(key)),
                      "must not exceed " + limit_key + " = " +
                          format_parameter_value(p.value(limit_key)) + ": " + problem);
}

}  // namespace

void ApprovalSettings::validate(const ParameterSet& p) {
  refuse_above(p, "approvals.merged_departments", "approvals.departments",
               "merging cannot create departments");
  const ApprovalSettings settings = from(p);  // a bad workflow file is refused here, early
  for (std::size_t t = 0; t < application_type_count; ++t) {
    if (settings.workflows[t].declared()) continue;  // its counts are the file's
    const std::string prefix = "approvals." + application_type_name(ApplicationType(t)) + "_";
    // Every item holds at least one step, every stage at least one item.
    refuse_above(p, prefix + "items", prefix + "steps_before", "every item needs a step");
    refuse_above(p, prefix + "items", prefix + "steps_after", "every item needs a step");
    refuse_above(p, prefix + "stages", prefix + "items", "every stage needs an item");
    refuse_above(p, prefix + "city_items", prefix + "items", "city items are items");
  }
}

const std::string& application_type_name(ApplicationType type) {
  static const std::array<std::string, application_type_count> names{"business_registration",
                                                                     "investment_project"};
  return names[static_cast<std::size_t>(type)];
}

}  // namespace reformsim::models
