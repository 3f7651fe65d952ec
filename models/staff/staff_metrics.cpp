// staff_metrics.cpp - what the organisation and staff record: every step (MODEL.md section 7)
// and once per replication (the re-hiring outcomes of seed section 1.2).

#include <array>
#include <cmath>
#include <cstdint>

#include "models/staff/staff_equations.h"
#include "models/staff/staff_system.h"
#include "sim/parallel/blocks.h"
#include "sim/parallel/loops.h"

namespace reformsim::models {
namespace {

using StaffTotals = StaffDayTotals;

StaffTotals add(StaffTotals a, const StaffTotals& b) {
  for (std::size_t k = 0; k < a.by_level_identity.size(); ++k)
    a.by_level_identity[k] += b.by_level_identity[k];
  a.competence += b.competence, a.effort += b.effort, a.pay += b.pay, a.output += b.output;
  a.supernumerary += b.supernumerary;
  return a;
}

void declare_dimensions(const ParameterSet& parameters, MetricCatalogue& m) {
  const auto& levels = parameters.texts("organisation.level_names");
  std::vector<std::string> identities, combined;
  for (std::size_t i = 0; i < identity_count; ++i)
    identities.push_back(identity_name(static_cast<Identity>(i)));
  for (const auto& level : levels)
    for (const auto& identity : identities)
      combined.push_back(level + "/" + identity);
  m.add_dimension({"post_level", "level of a post in the hierarchy (top first)", levels});
  m.add_dimension({"staff_identity", "identity of a staff member (seed section 1.2)", identities});
  m.add_dimension({"post_level_identity", "post level / identity", combined});
}

void declare_series(MetricCatalogue& m) {
  m.add_series("staff_total", "staff at the end of the day", "persons");
  m.add_series("staff_by_level", "staff by level of their post", "persons", "post_level");
  m.add_series("staff_by_level_and_identity", "staff by level and identity", "persons",
               "post_level_identity");
  m.add_series("organisational_efficiency",
               "responsibility-weighted mean competence of occupied posts, fraction of maximum",
               "1");
  m.add_series("mean_competence", "mean competence of staff", "1");
  m.add_series("mean_effort", "mean effort of staff", "1");
  m.add_series("mean_pay", "mean pay of staff", "thousand CNY per year");
  m.add_series("pay_gini", "Gini coefficient of staff pay", "1");
  m.add_series("pay_performance_sensitivity", "share of the bonus that follows KPI", "1");
  m.add_series("posts_total", "posts in the organisation", "posts");
  m.add_series("vacant_posts", "posts without a holder", "posts");
  m.add_series("supernumerary_staff", "staff without a post after a merge", "persons");
  m.add_series("departments", "departments (park bodies not included)", "departments");
  m.add_series("park_bodies", "park management and development bodies", "units");
  m.add_series("management_layers", "management layers of the organisation", "layers");
  m.add_series("staff_retired", "staff retired during the day", "persons");
  m.add_series("staff_exited", "staff who left below a competence or pay threshold", "persons");
  m.add_series("staff_hired", "staff hired into entry-level vacancies during the day", "persons");
  m.add_series("staff_promoted", "promotions into vacancies during the day", "persons");
  m.add_series("heads_not_reappointed_today",
               "former principal heads without a post after the day's re-hiring", "persons");
  m.add_series("promoted_to_management_today",
               "ordinary staff given a management post in the day's re-hiring", "persons");
  m.add_series("approval_unit_staff_productivity",
               "mean competence x effort of staff in units holding approval items", "1");
  m.add_series("enforcement_unit_staff_productivity",
               "mean competence x effort of staff in units holding penalty powers", "1");
  m.add_series("staff_service_capacity", "sum of competence x effort of all staff",
               "full-staff equivalents");
}

void declare_summaries(MetricCatalogue& m) {
  m.add_summary("former_heads_not_reappointed",
                "former principal heads of departments and units with no post after re-hiring "
                "(reported: 17)",
                "persons");
  m.add_summary("staff_promoted_to_management",
                "ordinary staff who rose to deputy or middle-management posts in re-hiring "
                "(reported: 275)",
                "persons");
  m.add_summary("staff_not_reappointed", "staff of any level with no post after re-hiring",
                "persons");
  m.add_summary("competence_by_level_before_rehiring",
                "mean competence by level just before "
                "re-hiring",
                "1", "post_level");
  m.add_summary("competence_by_level_after_rehiring",
                "mean competence by level just after "
                "re-hiring",
                "1", "post_level");
  m.add_summary("managers_by_identity_before_rehiring",
                "holders of posts above the entry level "
                "by identity, before re-hiring",
                "persons", "staff_identity");
  m.add_summary("managers_by_identity_after_rehiring",
                "holders of posts above the entry level "
                "by identity, after re-hiring",
                "persons", "staff_identity");
}

}  // namespace

void StaffSystem::declare_metrics(const ParameterSet& parameters, MetricCatalogue& metrics) {
  declare_dimensions(parameters, metrics);
  declare_series(metrics);
  declare_summaries(metrics);
}

StaffMetricIds StaffMetricIds::from(const MetricCatalogue& m) {
  auto id = [&](const char* name) { return m.id(name); };
  return {id("staff_total"),
          id("staff_by_level"),
          id("staff_by_level_and_identity"),
          id("organisational_efficiency"),
          id("mean_competence"),
          id("mean_effort"),
          id("mean_pay"),
          id("pay_gini"),
          id("pay_performance_sensitivity"),
          id("posts_total"),
          id("vacant_posts"),
          id("supernumerary_staff"),
          id("departments"),
          id("park_bodies"),
          id("management_layers"),
          id("staff_retired"),
          id("staff_exited"),
          id("staff_hired"),
          id("staff_promoted"),
          id("heads_not_reappointed_today"),
          id("promoted_to_management_today"),
          id("approval_unit_staff_productivity"),
          id("enforcement_unit_staff_productivity"),
          id("staff_service_capacity"),
          id("former_heads_not_reappointed"),
          id("staff_promoted_to_management"),
          id("staff_not_reappointed"),
          id("competence_by_level_before_rehiring"),
          id("competence_by_level_after_rehiring"),
          id("managers_by_identity_before_rehiring"),
          id("managers_by_identity_after_rehiring")};
}

void StaffSystem::record(const StepContext&, MetricRow& row) const {
  // The pay Gini's sum runs in staff order on one thread (its bits are a serial sum's); beside
  // it the other threads add up the rest, which reads the columns and writes only its own
  // partials. Within one block both are short and run in turn.
  RecordSums sums;
  double pay_gini = NAN;
  const auto gini = [&] {
    // The same sorted values as a comparison sort (equal values are alike), in O(n).
    radix_sort_into(staff_.pay, sorted_pay_, pay_sort_);
    if (staff_.size() > 0) pay_gini = gini_of_sorted(sorted_pay_);
  };
  const auto add_up = [&] { sums = record_sums(); };
  if (block_count(staff_.size()) > 1)
    run_side_by_side(gini, add_up);
  else
    gini(), add_up();
  const StaffTotals& totals = sums.totals;
  record_counts_and_means(row, totals);
  row.set(metrics_.organisational_efficiency, sums.efficiency.efficiency());
  row.set(metrics_.pay_gini, pay_gini);
  record_organisation(row, static_cast<double>(staff_.size()) - totals.supernumerary,
                      totals.supernumerary);
  row.set(metrics_.approval_unit_productivity, sums.approvals.mean());
  row.set(metrics_.enforcement_unit_productivity, sums.enforcement.mean());
  row.set(metrics_.service_capacity, totals.output);
}

// One pass over the columns for every sum of the record (each read once instead of once per
// sum): what day-totals, organisational_efficiency() and the two productivities add, each in
// its own order, so the values are those of the functions computing them alone.
StaffSystem::RecordSums StaffSystem::record_sums() const {
  const std::span<const double> weights = organisation_.responsibility_weights;
  return record_partials_.reduce(
      staff_.size(), RecordSums{},
      [&](const Block& block) {
        // Sums in locals the compiler keeps in registers (a struct written through a reference
        // stayed on the stack, each addition waiting for the last one's store). The counts are
        // integers, exact in any order, so neighbours count into two tables: staff of the same
        // level and identity side by side do not wait for each other either.
        constexpr std::size_t cells = max_levels * identity_count;
        std::array<std::array<std::uint32_t, cells>, 2> count{};
        std::uint32_t supernumerary = 0;
        double competence = 0, effort = 0, pay = 0, output = 0;
        EfficiencySums efficiency;
        ProductivitySums approvals, enforcement;
        for (std::size_t i = block.begin; i < block.end; ++i) {
          count[i & 1][static_cast<std::size_t>(staff_.level[i]) * identity_count +
                       staff_.identity[i]] += 1;
          competence += staff_.competence[i], effort += staff_.effort[i];
          pay += staff_.pay[i], output += staff_.output[i];
          supernumerary += staff_.post[i] < 0;
          efficiency.add(staff_, weights, i);
          const auto unit = static_cast<std::size_t>(staff_.unit[i]);
          approvals.add(unit_approvals_[unit] != 0, staff_.competence[i], staff_.effort[i]);
          enforcement.add(unit_penalties_[unit] != 0, staff_.competence[i], staff_.effort[i]);
        }
        RecordSums s{{}, efficiency, approvals, enforcement};
        StaffTotals& t = s.totals;
        for (std::size_t k = 0; k < cells; ++k)
          t.by_level_identity[k] = static_cast<double>(count[0][k] + count[1][k]);
        t.competence = competence, t.effort = effort, t.pay = pay, t.output = output;
        t.supernumerary = static_cast<double>(supernumerary);
        return s;
      },
      [](RecordSums a, const RecordSums& b) {
        a.totals = add(a.totals, b.totals);
        a.efficiency.merge(b.efficiency);
        a.approvals.merge(b.approvals), a.enforcement.merge(b.enforcement);
        return a;
      });
}

// Staff by level and identity, and the means of competence, effort and pay.
void StaffSystem::record_counts_and_means(MetricRow& row, const StaffTotals& totals) const {
  const auto n = static_cast<double>(staff_.size());
  const auto mean = [&](double total) { return n > 0 ? total / n : NAN; };
  row.set(metrics_.staff_total, n);
  for (std::size_t level = 0; level < organisation_.levels(); ++level) {
    double at_level = 0;
    for (std::size_t identity = 0; identity < identity_count; ++identity) {
      const double count = totals.by_level_identity[level * identity_count + identity];
      row.set(metrics_.staff_by_level_and_identity, level * identity_count + identity, count);
      at_level += count;
    }
    row.set(metrics_.staff_by_level, level, at_level);
  }
  row.set(metrics_.mean_competence, mean(totals.competence));
  row.set(metrics_.mean_effort, mean(totals.effort));
  row.set(metrics_.mean_pay, mean(totals.pay));
}

// Posts, units, layers and the day's career and re-hiring counts.
void StaffSystem::record_organisation(MetricRow& row, double seated, double supernumerary) const {
  row.set(metrics_.pay_performance_sensitivity, sensitivity_);
  const auto posts = static_cast<double>(posts_.size());
  row.set(metrics_.posts_total, posts);
  row.set(metrics_.vacant_posts, posts - seated);
  row.set(metrics_.supernumerary_staff, supernumerary);
  double parks = 0;
  for (std::uint8_t park : unit_is_park_)
    parks += park;
  row.set(metrics_.departments, static_cast<double>(posts_.units()) - parks);
  row.set(metrics_.park_bodies, parks);
  row.set(metrics_.management_layers, static_cast<double>(management_layers_));
  row.set(metrics_.staff_retired, static_cast<double>(counts_.retired));
  row.set(metrics_.staff_exited, static_cast<double>(counts_.exited));
  row.set(metrics_.staff_hired, static_cast<double>(counts_.hired));
  row.set(metrics_.staff_promoted, static_cast<double>(counts_.promoted));
  row.set(metrics_.heads_not_reappointed_today, static_cast<double>(counts_.heads_not_reappointed));
  row.set(metrics_.promoted_to_management_today, static_cast<double>(counts_.promoted_in_rehiring));
}

void StaffSystem::summarise(MetricRow& row) const {
  // The re-hiring counts are counts of people who lost or gained a post through competitive
  // re-hiring: without re-hiring nobody did, so they are 0 (what the scenario would observe),
  // not undefined; the no-re-hiring record holds zeros. Only the before/after snapshots need
  // a re-hiring to exist, and stay NaN without one.
  row.set(metrics_.former_heads_not_reappointed,
          static_cast<double>(rehiring_.former_heads_not_reappointed));
  row.set(metrics_.staff_promoted_to_management,
          static_cast<double>(rehiring_.staff_promoted_to_management));
  row.set(metrics_.staff_not_reappointed, static_cast<double>(rehiring_.staff_not_reappointed));
  if (!rehiring_.happened) return;  // NaN snapshots: no re-hiring took place in this run
  for (std::size_t level = 0; level < organisation_.levels(); ++level) {
    row.set(metrics_.competence_before_rehiring, level, rehiring_.competence_before[level]);
    row.set(metrics_.competence_after_rehiring, level, rehiring_.competence_after[level]);
  }
  for (std::size_t identity = 0; identity < identity_count; ++identity) {
    row.set(metrics_.managers_before_rehiring, identity, rehiring_.managers_before[identity]);
    row.set(metrics_.managers_after_rehiring, identity, rehiring_.managers_after[identity]);
  }
}

}  // namespace reformsim::models
