// staff_system.h - the organisation and its staff as one reusable mechanism (MODEL.md sections
// 2-3): units and posts (models/organisation/), staff agents (workforce.h), and the reform
// measures merge_departments, flatten_layers, competitive_rehiring, performance_pay and
// remove_identity_wall on their own days. The standalone model organisation_staff wraps it; a
// composite model combines it with approvals, firms and enforcement through the accessors.
#pragma once

#include <array>
#include <vector>

#include "models/common/bucket_scatter.h"
#include "models/common/radix_sort.h"
#include "models/common/reform_measures.h"
#include "models/common/selected_indices.h"
#include "models/organisation/merge_plan.h"
#include "models/organisation/organisation_settings.h"
#include "models/organisation/post_table.h"
#include "models/staff/promotion.h"
#include "models/staff/rehiring_matching.h"
#include "models/staff/staff_metric_ids.h"
#include "models/staff/staff_settings.h"
#include "models/staff/workforce.h"
#include "sim/model/model.h"
#include "sim/parallel/tiled_reduction.h"

namespace reformsim::models {

// Random families and decisions of the staff model: fixed forever (a new decision never shifts
// the draws of an old one); 31-32 are the staff model's streams in any composite model.
enum StaffStream : std::uint32_t { staff_member_stream = 31, staff_post_stream = 32 };
enum StaffPurpose : std::uint32_t {
  draw_identity = 1,
  draw_ability = 2,
  draw_age = 3,
  draw_career_start = 4,
  draw_motivation = 5,
  draw_aptitude = 6,
  draw_initial_score = 7,
  draw_initial_unit = 8,
  draw_tenure = 9,
  draw_kpi_noise = 10,
  draw_exit = 11,
  draw_rehiring_noise = 12,
  draw_rehiring_aptitude = 13,
  draw_flattening_aptitude = 14,
  draw_promotion_aptitude = 15,
  draw_hiring = 16,
  draw_promotion = 17,
  draw_new_hire = 18,
  draw_promotion_choice = 19,
};

// One unit's staff and their summed competence x effort (full-staff equivalents).
struct UnitServiceCapacity {
  double output = 0;
  std::int64_t staff = 0;
  // Mean competence x effort of its staff; `fallback` for a unit without staff.
  double mean_productivity_or(double fallback) const {
    return staff > 0 ? output / static_cast<double>(staff) : fallback;
  }
};

// Sums over staff of one day's recorded metrics (staff_metrics.cpp).
struct StaffDayTotals {
  std::array<double, max_levels * identity_count> by_level_identity{};
  double competence = 0, effort = 0, pay = 0, output = 0, supernumerary = 0;
};

// What one re-hiring produced (the reported counts of seed section 1.2 and the comparisons).
struct RehiringRecord {
  bool happened = false;
  std::int64_t former_heads_not_reappointed = 0, staff_promoted_to_management = 0;
  std::int64_t staff_not_reappointed = 0;
  std::array<double, max_levels> competence_before{}, competence_after{};
  std::array<double, identity_count> managers_before{}, managers_after{};
};

class StaffSystem {
 public:
  static void declare_parameters(ParameterRegistry& registry);  // organisation.* and staff.*
  static void validate(const ParameterSet& parameters);
  static void declare_metrics(const ParameterSet& parameters, MetricCatalogue& metrics);

  StaffSystem(const ReplicationSetup& setup, const ReformSchedule& schedule,
              const MetricCatalogue& metrics);

  std::vector<Phase> phases();
  void record(const StepContext& context, MetricRow& row) const;
  void summarise(MetricRow& row) const;

  // Mean competence x effort of staff in units holding approval items (1 = fully competent
  // staff at full effort; 1 when no unit holds any): the approval model's service-rate factor.
  double approval_staff_productivity() const;
  double enforcement_staff_productivity() const;  // the same for units holding penalty powers
  // Service capacity of each current unit into `capacity` (resized to unit_count(), no
  // allocation once sized): departments first, then park bodies, in merge-plan order, the old
  // units before merge_departments and the new units from it on (merged()).
  void service_capacity_by_unit(std::vector<UnitServiceCapacity>& capacity) const;
  bool merged() const { return merged_; }
  std::int64_t management_layers() const { return management_layers_; }
  std::size_t unit_count() const { return posts_.units(); }
  double organisational_efficiency() const;

  // The parts of a day, public for tests and benchmarks; phases() runs them in this order.
  void restructure(const StepContext& context);
  void work(const StepContext& context);
  // How work() spreads the staff over the threads (tiled_reduction.h): any schedule gives the
  // same bits; tests and benchmarks set one, the default picks by size and threads.
  void set_work_schedule(TiledSchedule schedule) { work_schedule_ = schedule; }
  void run_careers(const StepContext& context);
  void rehire(const StepContext& context);
  void remember_levels_before_reform();

  const Workforce& workforce() const { return staff_; }
  const PostTable& posts() const { return posts_; }
  const MergePlan& merge_plan() const { return plan_; }
  const RehiringRecord& rehiring_record() const { return rehiring_; }
  const OrganisationSettings& organisation_settings() const { return organisation_; }
  const StaffSettings& staff_settings() const { return settings_; }

 private:
  struct ProductivitySums {
    double output = 0;
    std::int64_t staff = 0;  // a count: an integer, not a chain of floating-point additions
    void add(bool counted, double competence, double effort) {
      if (counted) output += competence * effort, ++staff;
    }
    void merge(const ProductivitySums& other) { output += other.output, staff += other.staff; }
    double mean() const { return staff > 0 ? output / static_cast<double>(staff) : 1.0; }
  };
  // Everything the day's record adds up over the staff, in one pass (staff_metrics.cpp): each
  // sum the same additions in the same order as the function that computes it alone.
  struct RecordSums {
    StaffDayTotals totals;
    EfficiencySums efficiency;
    ProductivitySums approvals, enforcement;
  };
  struct DayCounts {
    std::int64_t retired = 0, exited = 0, hired = 0, promoted = 0;
    std::int64_t heads_not_reappointed = 0, promoted_in_rehiring = 0;
  };

  void appoint_initial_staff(const ReplicationSetup& setup);
  RecordSums record_sums() const;  // in parallel blocks
  void record_counts_and_means(MetricRow& row, const StaffDayTotals& totals) const;
  void record_organisation(MetricRow& row, double seated, double supernumerary) const;
  // A new staff member's attributes: an entrant (new hire) or one of the initial staff.
  StaffMember draw_member(std::uint64_t seed, std::int64_t step, std::uint64_t id,
                          bool entrant) const;
  void set_units(bool merged);
  void merge_units();
  void flatten_layers(const StepContext& context);
  void reseat_staff();
  // Writes only that staff member's columns and the post's occupied flag, so staff moving to
  // distinct posts can move in parallel.
  void move_to_post(std::size_t staff, std::int64_t post, double fresh_normal);
  void refresh_competence(std::size_t staff);
  void remove_leavers();
  void seat_supernumeraries();
  void promote_into_vacancies(const StepContext& context);
  bool promote_into(std::size_t post, const StepContext& context,
                    const std::array<std::int32_t, identity_count>& highest_allowed);
  void hire_into_vacancies(const StepContext& context);
  void sort_staff_into_cells();
  void size_career_buffers();
  void snapshot(std::array<double, max_levels>& competence,
                std::array<double, identity_count>& managers) const;
  // The highest level (0 = top) staff of each identity may hold on `day`: the identity wall's,
  // or 0 once the wall is removed. Taken once per operation rather than per staff member.
  std::array<std::int32_t, identity_count> highest_allowed_levels(std::int64_t day) const;
  double sensitivity_on(std::int64_t day) const;
  double mean_productivity_where(const std::vector<std::uint8_t>& unit_flag) const;

  OrganisationSettings organisation_;
  StaffSettings settings_;
  ReformSchedule schedule_;
  StaffMetricIds metrics_;
  MergePlan plan_;
  PostTable posts_;
  Workforce staff_;
  std::vector<std::uint8_t> post_occupied_;
  std::vector<std::uint8_t> unit_is_park_, unit_approvals_, unit_penalties_;
  std::int64_t management_layers_ = 0;
  bool merged_ = false, flattened_ = false;
  std::uint64_t next_staff_id_ = 0;
  std::int64_t today_ = 0;  // reported day of the current step
  double sensitivity_ = 0;
  RehiringRecord rehiring_;
  DayCounts counts_;
  // Reused buffers: candidates of a re-hiring or promotion, staff by (unit, level) cell.
  std::vector<RehiringCandidate> candidates_;
  std::vector<std::int32_t> level_before_reform_;
  BucketScatter cells_;  // cell c holds cell_members_[cells_.first(c) .. cells_.first(c + 1))
  std::vector<std::size_t> cell_members_, promotion_staff_;
  std::vector<PromotionCandidate> promotion_candidates_;
  // The day's careers: who leaves, who has no post, which posts are filled; the posts freed by
  // one level's promotions and the posts of a level to fill (sized to the posts: no allocation).
  SelectedIndices leavers_, supernumeraries_, vacancies_;
  std::vector<std::size_t> posts_freed_, posts_to_fill_;
  mutable std::vector<double> sorted_pay_;
  mutable RadixSortBuffers pay_sort_;
  // Block partials of the day's reductions, kept between steps (no allocation in a step).
  TiledReduction<double, double> kpi_sum_;  // the day's KPI total, by staff member
  TiledSchedule work_schedule_ = TiledSchedule::automatic;
  mutable BlockPartials<RecordSums> record_partials_;
  mutable BlockPartials<ProductivitySums> productivity_partials_;
  mutable BlockPartials<EfficiencySums> efficiency_partials_;
};

}  // namespace reformsim::models
