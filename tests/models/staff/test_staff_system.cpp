// The staff system stepped day by day on the Binhai defaults with every measure on day 20:
// restructuring to 23 + 6 units and 3 layers, re-hiring without a post given twice, the counts
// it reports, the identity wall, effort under performance pay, the accessors, and the day's work
// bit-identical in either schedule.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <set>

#include "models/model_catalogue.h"
#include "models/staff/staff_equations.h"
#include "models/staff/staff_system.h"
#include "sim/cli/command.h"
#include "sim/run/scenario.h"

namespace reformsim::models {
namespace {

ParameterSet parameters_with_reform_on_day(std::int64_t day) {
  const auto catalogue = all_models();
  ParameterSet parameters(build_registry(*catalogue.find("organisation_staff"), catalogue));
  parameters.set_value("calendar.burn_in_days", std::int64_t{0}, "test");
  for (Measure measure : all_measures())
    parameters.set_value("reform." + measure_name(measure) + "_day", day, "test");
  return parameters;
}

struct Simulation {
  explicit Simulation(const ParameterSet& p)
      : parameters(p),
        calendar(Calendar::from(parameters)),
        metrics(make_metrics(parameters)),
        staff({parameters, calendar, 99, 0}, ReformSchedule(parameters), metrics),
        phases(staff.phases()) {}
  static MetricCatalogue make_metrics(const ParameterSet& parameters) {
    MetricCatalogue catalogue;
    StaffSystem::declare_metrics(parameters, catalogue);
    return catalogue;
  }
  void run_until(std::int64_t step) {
    for (; next_step < step; ++next_step)
      for (const auto& phase : phases)
        phase.run(StepContext{next_step, calendar, 99});
  }
  ParameterSet parameters;
  Calendar calendar;
  MetricCatalogue metrics;
  StaffSystem staff;
  std::vector<Phase> phases;
  std::int64_t next_step = 0;
};

void expect_each_post_held_once(const StaffSystem& staff) {
  std::set<std::int64_t> held;
  for (std::size_t i = 0; i < staff.workforce().size(); ++i) {
    const auto post = staff.workforce().post[i];
    if (post < 0) continue;
    EXPECT_TRUE(held.insert(post).second) << "post " << post << " held twice";
    EXPECT_EQ(staff.posts().unit(static_cast<std::size_t>(post)), staff.workforce().unit[i]);
    EXPECT_EQ(staff.posts().level(static_cast<std::size_t>(post)), staff.workforce().level[i]);
  }
}

// work() in tiles (every staff member's day first, then the KPI summed per block) and in whole
// blocks, on two threads: the same staff, KPIs and pay to the bit after 60 days across the
// reform (the mean KPI sets everyone's pay, so a sum in another order would show).
TEST(StaffSystem, WorkIsBitIdenticalInTilesAndWholeBlocksOnTwoThreads) {
  const auto parameters = parameters_with_reform_on_day(20);
  Simulation blocks(parameters), tiles(parameters);
  blocks.staff.set_work_schedule(TiledSchedule::whole_blocks);
  tiles.staff.set_work_schedule(TiledSchedule::tiles);
  ThreadPoolLimit limit(2);
  limit.run([&] {
    blocks.run_until(60);
    tiles.run_until(60);
  });
  const Workforce& a = blocks.staff.workforce();
  const Workforce& b = tiles.staff.workforce();
  ASSERT_GT(a.size(), default_tile_size);
  EXPECT_EQ(a.id, b.id);
  EXPECT_EQ(a.post, b.post);
  for (auto column : {&Workforce::kpi, &Workforce::pay, &Workforce::effort, &Workforce::output})
    EXPECT_EQ(std::memcmp((a.*column).data(), (b.*column).data(), a.size() * sizeof(double)), 0);
}

// With more than one block of staff the record adds up its sums in one pass beside the pay
// Gini: each value equals, to the bit, what the function computing it alone gives, and the
// whole row is the same on one thread and on two.
TEST(StaffSystem, TheRecordsSumsEqualTheirOwnFunctionsToTheBitOnOneAndTwoThreads) {
  auto parameters = parameters_with_reform_on_day(20);
  parameters.set_value("organisation.posts_per_unit_before",
                       std::vector<std::int64_t>{6, 12, 6, 24, 96}, "test");
  parameters.set_value("organisation.posts_per_unit_after",
                       std::vector<std::int64_t>{6, 24, 12, 78, 222}, "test");
  Simulation simulation(parameters);
  simulation.run_until(30);
  const StaffSystem& staff = simulation.staff;
  ASSERT_GT(staff.workforce().size(), 2 * default_block_size);
  const auto row_on = [&](int threads) {
    std::vector<double> values(simulation.metrics.series_width());
    ThreadPoolLimit limit(threads);
    limit.run([&] {
      MetricRow row(values);
      staff.record(StepContext{29, simulation.calendar, 99}, row);
    });
    return values;
  };
  std::vector<double> one = row_on(1);
  const std::vector<double> two = row_on(2);
  EXPECT_EQ(std::memcmp(one.data(), two.data(), one.size() * sizeof(double)), 0);
  const MetricRow row(one);
  const auto recorded = [&](const char* name) { return row.get(simulation.metrics.id(name)); };
  EXPECT_EQ(recorded("organisational_efficiency"), staff.organisational_efficiency());
  EXPECT_EQ(recorded("approval_unit_staff_productivity"), staff.approval_staff_productivity());
  EXPECT_EQ(recorded("enforcement_unit_staff_productivity"),
            staff.enforcement_staff_productivity());
  std::vector<double> pay = staff.workforce().pay;
  std::sort(pay.begin(), pay.end());
  EXPECT_EQ(recorded("pay_gini"), gini_of_sorted(pay));
  EXPECT_EQ(recorded("staff_total"), static_cast<double>(staff.workforce().size()));
}

TEST(StaffSystem, RestructuresToTheMergedFlattenedOrganisationOnTheReformDay) {
  Simulation simulation(parameters_with_reform_on_day(20));
  simulation.run_until(20);
  EXPECT_EQ(simulation.staff.unit_count(), 69u);
  EXPECT_EQ(simulation.staff.management_layers(), 4);
  expect_each_post_held_once(simulation.staff);
  simulation.run_until(21);
  EXPECT_EQ(simulation.staff.unit_count(), 29u);
  EXPECT_EQ(simulation.staff.management_layers(), 3);
  EXPECT_EQ(simulation.staff.posts().posts_at_level(2), 0);  // no subordinate-unit heads
  expect_each_post_held_once(simulation.staff);
}

TEST(StaffSystem, RehiringCountsComeFromTheMatchingAndStayInRange) {
  Simulation simulation(parameters_with_reform_on_day(20));
  simulation.run_until(21);
  const RehiringRecord& record = simulation.staff.rehiring_record();
  ASSERT_TRUE(record.happened);
  // 69 department heads compete for 29 head and 116 deputy posts (README.md): some, not all,
  // lose; and ordinary staff fill part of the 116 deputy + 377 middle posts.
  EXPECT_GT(record.former_heads_not_reappointed, 0);
  EXPECT_LT(record.former_heads_not_reappointed, 69);
  EXPECT_GT(record.staff_promoted_to_management, 0);
  EXPECT_LT(record.staff_promoted_to_management, 116 + 377);
  EXPECT_GE(record.staff_not_reappointed, record.former_heads_not_reappointed);
  // Competence of managers rises when posts go by ability rather than seniority.
  EXPECT_GT(record.competence_after[0], record.competence_before[0]);
}

TEST(StaffSystem, TheIdentityWallKeepsContractStaffOutOfManagementUntilRemoved) {
  auto with_wall = parameters_with_reform_on_day(20);
  with_wall.set_value("reform.remove_identity_wall", false, "test");
  Simulation walled(with_wall);
  walled.run_until(60);
  Simulation open(parameters_with_reform_on_day(20));
  open.run_until(60);
  const auto contract = static_cast<std::size_t>(Identity::contract);
  EXPECT_EQ(walled.staff.rehiring_record().managers_before[contract], 0);
  EXPECT_EQ(walled.staff.rehiring_record().managers_after[contract], 0);
  EXPECT_GT(open.staff.rehiring_record().managers_after[contract], 0);
  for (std::size_t i = 0; i < walled.staff.workforce().size(); ++i) {
    if (walled.staff.workforce().identity[i] == contract) {
      EXPECT_EQ(walled.staff.workforce().level[i], 4);
    }
  }
}

TEST(StaffSystem, EffortRisesUnderPerformancePayAndNotWithoutIt) {
  auto parameters = parameters_with_reform_on_day(20);
  Simulation reformed(parameters);
  parameters.set_value("reform.performance_pay", false, "test");
  Simulation flat(parameters);
  reformed.run_until(220), flat.run_until(220);
  auto mean_effort = [](const StaffSystem& staff) {
    double total = 0;
    for (double effort : staff.workforce().effort)
      total += effort;
    return total / static_cast<double>(staff.workforce().size());
  };
  EXPECT_GT(mean_effort(reformed.staff), mean_effort(flat.staff) + 0.1);
  EXPECT_GT(reformed.staff.approval_staff_productivity(), flat.staff.approval_staff_productivity());
}

TEST(StaffSystem, AccessorsEqualTheirDefinitionsOverTheWorkforce) {
  Simulation simulation(parameters_with_reform_on_day(20));
  simulation.run_until(30);
  const auto& staff = simulation.staff.workforce();
  const auto& plan = simulation.staff.merge_plan();
  double approval_output = 0, approval_staff = 0, total = 0;
  std::vector<double> output_of_unit(plan.new_units.size(), 0.0);
  for (std::size_t i = 0; i < staff.size(); ++i) {
    const double output = staff.competence[i] * staff.effort[i];
    total += output;
    output_of_unit[static_cast<std::size_t>(staff.unit[i])] += output;
    if (plan.new_unit_holds_approval_items(static_cast<std::size_t>(staff.unit[i])))
      approval_output += output, approval_staff += 1;
  }
  EXPECT_NEAR(simulation.staff.approval_staff_productivity(), approval_output / approval_staff,
              1e-12);
  std::vector<UnitServiceCapacity> by_unit;
  simulation.staff.service_capacity_by_unit(by_unit);
  ASSERT_TRUE(simulation.staff.merged());
  ASSERT_EQ(by_unit.size(), 29u);
  double summed = 0;
  std::int64_t seated = 0;
  for (std::size_t u = 0; u < by_unit.size(); ++u) {
    EXPECT_NEAR(by_unit[u].output, output_of_unit[u], 1e-9) << plan.new_units[u];
    summed += by_unit[u].output, seated += by_unit[u].staff;
  }
  EXPECT_NEAR(summed, total, 1e-9);
  EXPECT_EQ(seated, static_cast<std::int64_t>(staff.size()));
  EXPECT_GT(simulation.staff.enforcement_staff_productivity(), 0.0);
  EXPECT_LE(simulation.staff.enforcement_staff_productivity(), 1.0);
}

TEST(StaffSystem, CareersRetireHireAndPromoteOverAYear) {
  auto parameters = parameters_with_reform_on_day(100000);  // no reform: careers only
  Simulation simulation(parameters);
  const auto posts = simulation.staff.posts().size();
  simulation.run_until(250);
  expect_each_post_held_once(simulation.staff);
  for (std::size_t i = 0; i < simulation.staff.workforce().size(); ++i)
    EXPECT_LT(simulation.staff.workforce().age[i], 60.0);
  EXPECT_LE(simulation.staff.workforce().size(), posts);
  EXPECT_GT(simulation.staff.workforce().id.back(), posts);  // someone was hired
}

// How many the record of `day` (the last day run) counts as promoted that day.
std::int64_t promoted_on(const Simulation& simulation, std::int64_t day) {
  std::vector<double> values(simulation.metrics.series_width());
  MetricRow row(values);
  simulation.staff.record(StepContext{day, simulation.calendar, 99}, row);
  return static_cast<std::int64_t>(row.get(simulation.metrics.id("staff_promoted")));
}

// Careers only (no reform), every vacancy drawn for promotion or hiring every day, and leavers
// at every level every day (the exit hazard for everyone below full competence).
ParameterSet parameters_filling_every_vacancy_the_day_it_arises() {
  auto parameters = parameters_with_reform_on_day(100000);
  parameters.set_value("staff.promotion_probability_per_day", 1.0, "test");
  parameters.set_value("staff.hiring_probability_per_day", 1.0, "test");
  parameters.set_value("staff.exit_competence_threshold", 1.0, "test");
  parameters.set_value("staff.exit_hazard_per_day", 0.01, "test");
  return parameters;
}

// With every vacant post filled on the day it is drawn for, a vacancy high up is filled by
// promotion, which frees a post one level down that the same day's pass over that level fills,
// and so on down to a hire at the entry level: no post stays vacant at the end of any day.
// (Posts freed by a day's promotions left to the next day fail this.)
TEST(StaffSystem, ADaysPromotionsCascadeDownTheLevelsTheSameDay) {
  auto parameters = parameters_filling_every_vacancy_the_day_it_arises();
  // No identity wall, so that every level below a vacancy has candidates.
  parameters.set_value("staff.identity_wall_highest_level",
                       std::vector<std::string>(3, "principal_head"), "test");
  Simulation simulation(parameters);
  const auto posts = simulation.staff.posts().size();
  std::int64_t promoted = 0;
  for (std::int64_t day = 1; day <= 120; ++day) {
    simulation.run_until(day);
    expect_each_post_held_once(simulation.staff);
    std::size_t held = 0;
    for (const auto post : simulation.staff.workforce().post)
      held += post >= 0;
    ASSERT_EQ(held, posts) << "vacant posts at the end of day " << day - 1;
    promoted += promoted_on(simulation, day - 1);
  }
  EXPECT_GT(promoted, 5 * 120);  // several a day: the cascades ran
}

// An identity wall that lets nobody above unit head: a vacancy at the top two levels finds no
// candidate in any unit (the day's other posts of that level are then not searched again), yet
// the pass goes on to the levels below, whose posts are all filled every day as above.
TEST(StaffSystem, ALevelNobodyMayBePromotedIntoStaysVacantWhileTheLevelsBelowAreFilled) {
  auto parameters = parameters_filling_every_vacancy_the_day_it_arises();
  parameters.set_value("staff.identity_wall_highest_level",
                       std::vector<std::string>(3, "unit_head"), "test");
  Simulation simulation(parameters);
  const PostTable& posts = simulation.staff.posts();
  const auto held_at = [&](std::int32_t level) {
    std::int64_t held = 0;
    for (const auto post : simulation.staff.workforce().post)
      held += post >= 0 && posts.level(static_cast<std::size_t>(post)) == level;
    return held;
  };
  std::int64_t top_held = held_at(0) + held_at(1), promoted = 0;
  for (std::int64_t day = 1; day <= 120; ++day) {
    simulation.run_until(day);
    expect_each_post_held_once(simulation.staff);
    const std::int64_t top_now = held_at(0) + held_at(1);
    ASSERT_LE(top_now, top_held) << "someone rose above unit head on day " << day - 1;
    top_held = top_now;
    for (std::int32_t level = 2; level < 5; ++level)
      ASSERT_EQ(held_at(level), posts.posts_at_level(static_cast<std::size_t>(level)))
          << "vacant posts at level " << level << " at the end of day " << day - 1;
    promoted += promoted_on(simulation, day - 1);
  }
  EXPECT_LT(top_held, posts.posts_at_level(0) + posts.posts_at_level(1));  // vacancies arose
  EXPECT_GT(promoted, 120);
}

}  // namespace
}  // namespace reformsim::models
