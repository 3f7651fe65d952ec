// Workflows declared in a file (approvals.workflow_file): the shipped file rebuilds the generated
// workflows node for node under every set of measures (which also proves the reader), a
// hand-made diamond runs its critical path under parallel_approval and its sum without, bad
// files are refused naming file, row, column and value, and a run through the binary with the
// shipped file gives the same results as one without.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sstream>

#include "models/approvals/approval_settings.h"
#include "models/approvals/workflow_file.h"
#include "sim/config/config_error.h"
#include "sim/output/file_description.h"
#include "tests/models/approvals/approvals_fixture.h"
#include "tests/support/test_support.h"

namespace reformsim::models {
namespace {

using testing::ApprovalsRun;
using ::testing::HasSubstr;
constexpr auto registration = ApplicationType::business_registration;
constexpr auto investment = ApplicationType::investment_project;

const std::filesystem::path shipped_file =
    reformsim::testing::source_dir() / "configs/workflows/binhai_2018_workflows.csv";
const std::string header =
    "application_type,item,department,steps_before,steps_after,city_level,after\n";

ApprovalSettings settings_with_file(const std::filesystem::path& file) {
  ApprovalsRun run;
  run.set("approvals.workflow_file", file.string());
  ApprovalSettings::validate(run.parameters);
  return ApprovalSettings::from(run.parameters);
}

MeasureSet subset_of_workflow_measures(std::uint32_t bits) {
  MeasureSet measures;
  for (std::size_t m = 0; m < workflow_measures.size(); ++m)
    if (bits >> m & 1u) measures.set(workflow_measures[m]);
  return measures;
}

std::string names_of(MeasureSet measures) {
  std::string names = "{";
  for (Measure measure : workflow_measures)
    if (measures.has(measure)) names += " " + measure_name(measure);
  return names + " }";
}

// "" when the plans are equal node for node, else where they first differ.
std::string first_difference(const WorkflowPlan& got, const WorkflowPlan& expected) {
  if (got.type != expected.type) return "type";
  if (got.nodes.size() != expected.nodes.size())
    return "node count " + std::to_string(got.nodes.size()) + " vs " +
           std::to_string(expected.nodes.size());
  for (std::size_t i = 0; i < got.nodes.size(); ++i) {
    const WorkflowNode &a = got.nodes[i], &b = expected.nodes[i];
    const bool same = a.unit == b.unit && a.service_mean_days == b.service_mean_days &&
                      a.transfer_in_days == b.transfer_in_days &&
                      a.missing_document_probability == b.missing_document_probability &&
                      a.rework_days == b.rework_days && a.trips_on_entry == b.trips_on_entry &&
                      a.predecessor_count == b.predecessor_count && a.join_slot == b.join_slot &&
                      a.successors == b.successors;
    if (!same) return "node " + std::to_string(i);
  }
  if (got.sources != expected.sources) return "sources";
  if (got.sink_count != expected.sink_count) return "sink count";
  if (got.join_count != expected.join_count) return "join count";
  if (got.expected_trips != expected.expected_trips) return "expected trips";
  return "";
}

void expect_generated_plans(const ApprovalSettings& declared, const std::string& file) {
  ApprovalsRun run;
  const ApprovalSettings generated = ApprovalSettings::from(run.parameters);
  for (std::uint32_t bits = 0; bits < 1u << workflow_measures.size(); ++bits)
    for (ApplicationType type : {registration, investment}) {
      const MeasureSet measures = subset_of_workflow_measures(bits);
      EXPECT_EQ(first_difference(build_workflow_plan(declared, type, measures),
                                 build_workflow_plan(generated, type, measures)),
                "")
          << file << ", " << application_type_name(type) << " under " << names_of(measures);
    }
}

TEST(WorkflowFile, TheShippedFileRebuildsTheGeneratedWorkflowsUnderEverySetOfMeasures) {
  const ApprovalSettings declared = settings_with_file(shipped_file);
  ASSERT_EQ(declared.workflows[0].declared_items.size(), 4u);
  ASSERT_EQ(declared.workflows[1].declared_items.size(), 26u);
  expect_generated_plans(declared, shipped_file.string());
  // The counts become the file's, the departments are the file's.
  EXPECT_EQ(declared.workflows[1].steps_before, 185);
  EXPECT_EQ(declared.workflows[1].steps_after, 75);
  EXPECT_EQ(declared.workflows[1].city_items, 4);
  EXPECT_EQ(item_department(declared, investment, 6), 9);  // the city item investment_7
}

// The shipped file's header and the rows of one type only.
std::string rows_of(const std::string& type) {
  std::istringstream lines(reformsim::testing::read_text(shipped_file));
  std::string text = header, line;
  while (std::getline(lines, line))
    if (line.rfind(type + ",", 0) == 0) text += line + "\n";
  return text;
}

TEST(WorkflowFile, ATypeTheFileDoesNotMentionKeepsItsGeneratedWorkflow) {
  for (ApplicationType type : {registration, investment}) {
    reformsim::testing::TemporaryDirectory dir;
    reformsim::testing::write_text(dir / "one_type.csv", rows_of(application_type_name(type)));
    const ApprovalSettings declared = settings_with_file(dir / "one_type.csv");
    EXPECT_TRUE(declared.workflows[static_cast<std::size_t>(type)].declared());
    EXPECT_FALSE(declared.workflows[1 - static_cast<std::size_t>(type)].declared());
    expect_generated_plans(declared, application_type_name(type) + " rows only");
  }
}

// A -> {B, C} -> D: B takes 4 steps, C 2, A and D 1 each.
const std::string diamond_rows = header +
                                 "investment_project,A,1,1,1,0,\n"
                                 "investment_project,B,2,4,4,0,A\n"
                                 "investment_project,C,3,2,2,0,A\n"
                                 "investment_project,D,3,1,1,0,B;C\n";

// Parameters whose investment workflow is declared by `rows`, written to a temporary file.
struct DeclaredInvestment {
  reformsim::testing::TemporaryDirectory dir;
  ApprovalsRun run;
  explicit DeclaredInvestment(const std::string& rows) {
    reformsim::testing::write_text(dir / "workflow.csv", rows);
    run.set("approvals.workflow_file", (dir / "workflow.csv").string());
  }
  ApprovalSettings settings() const { return ApprovalSettings::from(run.parameters); }
};

MeasureSet parallel() {
  MeasureSet measures;
  measures.set(Measure::parallel_approval);
  return measures;
}

TEST(WorkflowFile, ADiamondForksAfterItsFirstItemAndJoinsBeforeItsLast) {
  DeclaredInvestment diamond(diamond_rows);
  const ApprovalSettings settings = diamond.settings();
  const WorkflowPlan plan = build_workflow_plan(settings, investment, parallel(), 1);
  // A 1 + 1 sign-off, B 4 + 1, C 2 + 1, the join, D 1 + 1.
  ASSERT_EQ(plan.nodes.size(), 13u);
  EXPECT_EQ(plan.sources, std::vector<std::uint32_t>{0});
  EXPECT_EQ(plan.nodes[1].successors, (std::vector<std::uint32_t>{2, 7}));  // A forks
  EXPECT_EQ(plan.join_count, 1u);
  EXPECT_EQ(plan.nodes[10].unit, no_unit);
  EXPECT_EQ(plan.nodes[10].predecessor_count, 2u);
  EXPECT_EQ(plan.sink_count, 1u);  // D: nothing waits for it, no final join needed
  // D's file comes from C, the last item it names, in the same department: an internal
  // hand-off and no new trip, although B was elsewhere.
  EXPECT_EQ(plan.nodes[11].transfer_in_days, settings.transfer_within_department_days);
  EXPECT_EQ(plan.nodes[11].trips_on_entry, 0);
  EXPECT_EQ(plan.nodes[7].transfer_in_days, settings.transfer_between_departments_days);
}

double time_to_permit(const ApprovalSettings& settings, MeasureSet measures) {
  QueueingNetwork network(settings.layout.servers(4, 4), settings.service, 7);
  const auto plan = network.add_plan(build_workflow_plan(settings, investment, measures));
  network.submit(plan, 0, 0.0);
  network.run_until(1e9);
  return network.outcomes().at(0).completed_day;
}

TEST(WorkflowFile, UnderParallelApprovalTheDiamondTakesItsCriticalPathAndWithoutItTheSum) {
  DeclaredInvestment diamond(diamond_rows);
  diamond.run.set("approvals.service_distribution", std::string("deterministic"));
  diamond.run.set("approvals.step_service_days", 1.0);
  diamond.run.set("approvals.missing_document_probability", 0.0);
  diamond.run.set("approvals.management_layers_before", std::int64_t{0});
  for (const char* transfer :
       {"approvals.transfer_between_departments_days", "approvals.transfer_within_department_days"})
    diamond.run.set(transfer, 0.0);
  const ApprovalSettings settings = diamond.settings();
  EXPECT_DOUBLE_EQ(time_to_permit(settings, parallel()), 1 + 4 + 1);  // A, B, D
  EXPECT_DOUBLE_EQ(time_to_permit(settings, {}), 1 + 4 + 2 + 1);
}

TEST(WorkflowFile, ItemsWaitingForTheSameItemsShareOneJoinAndLooseEndsMeetInAFinalOne) {
  DeclaredInvestment declared(header +
                              "investment_project,A,1,1,1,0,\n"
                              "investment_project,B,2,1,1,0,\n"
                              "investment_project,C,3,1,1,0,A;B\n"
                              "investment_project,D,4,1,1,0,B;A\n");
  declared.run.set("approvals.management_layers_before", std::int64_t{0});  // no sign-offs
  const WorkflowPlan plan = build_workflow_plan(declared.settings(), investment, parallel(), 0);
  // A, B, join(A, B), C, D, final join(C, D).
  ASSERT_EQ(plan.nodes.size(), 6u);
  EXPECT_EQ(plan.join_count, 2u);
  EXPECT_EQ(plan.nodes[2].successors, (std::vector<std::uint32_t>{3, 4}));
  EXPECT_EQ(plan.nodes[5].predecessor_count, 2u);
  EXPECT_EQ(plan.sink_count, 1u);
  EXPECT_EQ(plan.sources, (std::vector<std::uint32_t>{0, 1}));
}

// The message of the ConfigError that validating a file with this text raises ("accepted": none).
std::string refusal(const std::string& csv, std::string* file = nullptr) {
  reformsim::testing::TemporaryDirectory dir;
  const auto path = dir / "workflows.csv";
  reformsim::testing::write_text(path, csv);
  if (file) *file = path.string();
  ApprovalsRun run;
  run.set("approvals.workflow_file", path.string());
  try {
    ApprovalSettings::validate(run.parameters);
  } catch (const ConfigError& error) {
    return error.what();
  }
  return "accepted";
}

const std::string two_good_rows =
    "investment_project,A,1,2,1,0,\n"
    "investment_project,B,2,2,1,1,A\n";

struct BadRow {
  std::string row;                  // the file's fourth line, after the header and two good rows
  std::string column, value, says;  // what the message must name
};

TEST(WorkflowFile, ABadRowIsRefusedNamingFileRowColumnAndValue) {
  const std::vector<BadRow> bad{
      {"investment,C,3,1,1,0,", "application_type", "investment", "investment_project"},
      {"investment_project,A,3,1,1,0,", "item", "A", "listed twice"},
      {"investment_project,C,3,1,1,0,A;Z", "after", "A;Z", "'Z' is not an item"},
      {"investment_project,C,0,1,1,0,", "department", "0", "1..26 (approvals.departments)"},
      {"investment_project,C,27,1,1,0,", "department", "27", "1..26 (approvals.departments)"},
      {"investment_project,C,3,1,0,0,", "steps_after", "0", "must be 1..100000"},
      {"investment_project,C,3,1,1.5,0,", "steps_after", "1.5", "not a whole number"},
      {"investment_project,C,3,1,two,0,", "steps_after", "two", "not a whole number"},
      {"investment_project,C,3,1,1,2,", "city_level", "2", "must be 0 (local) or 1"},
      {"investment_project,C,3,1,1,0,C", "after", "C", "cannot wait for itself"},
  };
  for (const BadRow& row : bad) {
    std::string file;
    const std::string message = refusal(header + two_good_rows + row.row + "\n", &file);
    EXPECT_THAT(message,
                HasSubstr(file + " line 4: key '" + row.column + "' = '" + row.value + "'"))
        << row.row;
    EXPECT_THAT(message, HasSubstr(row.says)) << row.row;
  }
}

TEST(WorkflowFile, AnAfterNamingALaterItemIsRefusedSayingItMustComeEarlier) {
  std::string file;
  const std::string message = refusal(header +
                                          "investment_project,A,1,1,1,0,\n"
                                          "investment_project,B,2,1,1,0,C\n"
                                          "investment_project,C,3,1,1,0,A\n",
                                      &file);
  EXPECT_THAT(message, HasSubstr(file + " line 3: key 'after' = 'C'"));
  EXPECT_THAT(message, HasSubstr("listed later (" + file + " line 4)"));
  EXPECT_THAT(message, HasSubstr("only for items listed earlier"));
}

TEST(WorkflowFile, AMissingColumnOrFileIsRefusedNamingTheFile) {
  std::string file;
  const std::string message = refusal(
      "application_type,item,department,steps_before,city_level,after\n"
      "investment_project,A,1,1,0,\n",
      &file);
  EXPECT_THAT(message, HasSubstr(file + ": key 'steps_after'"));
  EXPECT_THAT(message, HasSubstr("required column missing"));
  ApprovalsRun run;
  run.set("approvals.workflow_file", std::string("/nonexistent/workflows.csv"));
  EXPECT_THAT([&] { ApprovalSettings::validate(run.parameters); },
              ::testing::ThrowsMessage<ConfigError>(
                  HasSubstr("/nonexistent/workflows.csv: cannot be read")));
}

TEST(WorkflowFile, TheDepartmentRangeIsApprovalsDepartments) {
  ApprovalsRun run;
  run.set("approvals.departments", std::int64_t{10});
  run.set("approvals.merged_departments", std::int64_t{5});
  run.set("approvals.workflow_file", shipped_file.string());
  // investment_8, on line 25 of the shipped file, is the first item beyond department 10.
  EXPECT_THAT([&] { ApprovalSettings::validate(run.parameters); },
              ::testing::ThrowsMessage<ConfigError>(
                  HasSubstr(shipped_file.string() + " line 25: key 'department' = '11'")));
}

TEST(WorkflowFile, ACountSetBesideAFileDeclaringItsTypeIsRefusedNamingKeyOriginAndFile) {
  ApprovalsRun run;
  run.set("approvals.workflow_file", shipped_file.string());
  run.set("approvals.investment_project_items", std::int64_t{26});
  EXPECT_THAT([&] { ApprovalSettings::validate(run.parameters); },
              ::testing::ThrowsMessage<ConfigError>(::testing::AllOf(
                  HasSubstr("test: key 'approvals.investment_project_items' = '26'"),
                  HasSubstr(shipped_file.string()))));
  // ... but a count of a type the file leaves to the generator is the generator's to use.
  reformsim::testing::TemporaryDirectory dir;
  reformsim::testing::write_text(dir / "investment.csv", rows_of("investment_project"));
  ApprovalsRun other;
  other.set("approvals.workflow_file", (dir / "investment.csv").string());
  other.set("approvals.business_registration_items", std::int64_t{3});
  EXPECT_NO_THROW(ApprovalSettings::validate(other.parameters));
  EXPECT_EQ(ApprovalSettings::from(other.parameters).workflows[0].items, 3);
}

// The approvals alone, one replication, into `out`: 2017 before the reform and 2018 under every
// approval measure (the config's reform days), so both kinds of plans are used.
reformsim::testing::CommandResult run_approvals(const std::string& config,
                                                const std::filesystem::path& out,
                                                std::vector<std::string> extra = {}) {
  std::vector<std::string> arguments{"run",
                                     "--config",
                                     config,
                                     "--quiet",
                                     "--calendar.years=2",
                                     "--calendar.burn_in_days=20",
                                     "--replications=1",
                                     "--out",
                                     out.string()};
  arguments.insert(arguments.end(), extra.begin(), extra.end());
  return reformsim::testing::run_reformsim(arguments);
}

TEST(WorkflowFile, ARunWithTheShippedFileGivesTheResultsOfTheGeneratedWorkflows) {
  reformsim::testing::TemporaryDirectory dir;
  const auto generated = run_approvals("configs/approvals_binhai.ini", dir / "generated.h5");
  ASSERT_EQ(generated.exit_status, 0) << generated.err;
  // The shipped config that declares them (its workflow_file relative to the config file).
  const auto declared =
      run_approvals("configs/workflows/approvals_declared.ini", dir / "declared.h5");
  ASSERT_EQ(declared.exit_status, 0) << declared.err;
  ASSERT_TRUE(is_complete_output(dir / "declared.h5"));
  const auto got = reformsim::testing::read_all_datasets(dir / "declared.h5");
  const auto expected = reformsim::testing::read_all_datasets(dir / "generated.h5");
  ASSERT_EQ(got.size(), expected.size());
  ASSERT_FALSE(got.empty());
  for (std::size_t i = 0; i < got.size(); ++i) {
    EXPECT_EQ(got[i].first, expected[i].first);
    EXPECT_TRUE(got[i].second == expected[i].second) << "dataset " << got[i].first << " differs";
  }
  // ... and the file is what the run used: one registration item moved to another department
  // changes the results.
  std::string moved = reformsim::testing::read_text(shipped_file);
  const std::string first_item = "business_registration,registration_1,1,";
  ASSERT_NE(moved.find(first_item), std::string::npos);
  moved.replace(moved.find(first_item), first_item.size(),
                "business_registration,registration_1,2,");
  reformsim::testing::write_text(dir / "moved.csv", moved);
  const auto changed = run_approvals("configs/workflows/approvals_declared.ini", dir / "changed.h5",
                                     {"--approvals.workflow_file=" + (dir / "moved.csv").string()});
  ASSERT_EQ(changed.exit_status, 0) << changed.err;
  EXPECT_NE(reformsim::testing::read_all_datasets(dir / "changed.h5"), expected);
  // The shipped config itself names the investment steps, so with the file it is refused.
  const auto both = run_approvals("configs/approvals_binhai.ini", dir / "never.h5",
                                  {"--approvals.workflow_file=" + shipped_file.string()});
  EXPECT_EQ(both.exit_status, 2) << both.err;
  EXPECT_THAT(both.err, HasSubstr("approvals.investment_project_steps_"));
  EXPECT_THAT(both.err, HasSubstr("binhai_2018_workflows.csv"));
}

}  // namespace
}  // namespace reformsim::models
