// enforcement_system.h - inspections and penalties (MODEL.md section 6) as a reusable mechanism.
// Before consolidated_enforcement, each of 34 departments inspects every firm on its own Poisson
// schedule and sees only violations in its own field, so inspections pile up and duplicate; from
// the measure's day one bureau holding all 1826 penalty powers inspects on one coordinated,
// risk-targeted schedule and sees every field. Each inspection costs the firm compliance time;
// the smoothed time lost per worker is the firm's compliance burden, which the firm model takes
// out of effective labour. Violations are a latent per-firm propensity, detected with some
// probability per inspection that the staff model can scale (set_staff_productivity for the
// bureau and every department, set_department_staff_productivity for one department's field).
//
// Phase order in a composite model: "enforcement_inspections" before the firm phases of the
// day, after the staff phases (so today's staff productivity applies).
#pragma once

#include <cstdint>
#include <vector>

#include "models/common/reform_measures.h"
#include "models/enforcement/inspected_firms.h"
#include "sim/model/model.h"
#include "sim/parallel/tiled_reduction.h"

namespace reformsim::models {

// Random families and decisions of enforcement: fixed forever; 61 is enforcement's stream.
enum EnforcementStream : std::uint32_t { enforcement_firm_stream = 61 };
enum EnforcementPurpose : std::uint32_t {
  enforcement_draw_violation_propensity = 1,
  enforcement_draw_inspection_day = 2,
  enforcement_draw_initial_violation = 3,
};

struct EnforcementSettings {
  std::int64_t departments_before = 34;
  double inspections_per_department_year = 0;  // per firm
  double department_detection_probability = 0, department_inspection_days = 0;
  double bureau_inspections_per_firm_year = 0, bureau_detection_probability = 0;
  double bureau_inspection_days = 0, risk_targeting = 0, coordination_window_days = 0;
  double violation_propensity_mean = 0, violation_propensity_log_sd = 0;
  double self_correction_per_year = 0, burden_smoothing_days = 0, staff_productivity = 1;
  std::int64_t days_per_year = 250;

  static EnforcementSettings from(const ParameterSet& parameters);
};

// What one day of inspections did, summed over firms in firm order within blocks.
struct EnforcementTally {
  double firms = 0, inspections = 0, bureau_inspections = 0, duplicate_inspections = 0;
  double compliance_days = 0, violations_detected = 0, firms_in_violation = 0;
  double compliance_burden = 0;  // sum over firms
};

struct EnforcementMetricIds {
  MetricId inspections, inspections_per_firm, duplicate_inspections, compliance_cost;
  MetricId compliance_cost_per_firm, violations_detected, firms_in_violation;
  MetricId compliance_burden, staff_productivity, department_productivity;
  MetricId inspections_total, violations_detected_total, compliance_cost_total;
};

class EnforcementSystem {
 public:
  static void declare_parameters(ParameterRegistry& registry);  // enforcement.* only
  static void validate(const ParameterSet& parameters);
  // department_labels name the enforcement_department dimension (empty: department_1, ...), as
  // a composite model with an organisation names its penalty-holding departments.
  static void declare_metrics(const ParameterSet& parameters, MetricCatalogue& metrics,
                              std::vector<std::string> department_labels = {});

  EnforcementSystem(const ReplicationSetup& setup, const ReformSchedule& schedule,
                    const MetricCatalogue& metrics);

  // The firms to inspect (FirmSystem attaches itself); none attached: nothing is inspected.
  void attach(InspectionTargets& targets) { targets_ = &targets; }
  std::vector<Phase> phases();
  void inspect(const StepContext& context);
  // How inspect() spreads the firms over the threads (tiled_reduction.h): any schedule gives
  // the same bits; tests and benchmarks set one, the default picks by size and threads.
  void set_inspection_schedule(TiledSchedule schedule) { inspection_schedule_ = schedule; }
  void record(const StepContext& context, MetricRow& row) const;
  void summarise(MetricRow& row) const;

  // Detection-probability factor (1 = fully competent inspectors at full effort): of the bureau
  // and of every department, or of department `department`'s inspectors only (index into
  // 0..departments_before-1, the field whose violations they see).
  void set_staff_productivity(double productivity);
  void set_department_staff_productivity(std::size_t department, double productivity);
  double staff_productivity() const { return staff_productivity_; }
  double department_staff_productivity(std::size_t department) const {
    return department_productivity_[department];
  }
  // A firm's latent violation propensity (violations begun per year): depends on its id only.
  double violation_propensity(std::uint64_t firm_id) const;
  // The open violation (its department's field, or no_violation) of a firm that has lived under
  // the departments' regime long enough to be in its steady state: P = p / (p + s + r d).
  std::uint8_t initial_violation(std::uint64_t firm_id, double propensity) const;
  // Expected inspections per firm-year of a firm of the given propensity, at the measure's
  // intensity q (0 = departments, 1 = bureau), ignoring the bureau's coordination window.
  double expected_inspections_per_year(double propensity, double consolidation) const;

  const EnforcementTally& today() const { return today_; }
  const EnforcementSettings& settings() const { return settings_; }

 private:
  // What every firm's inspection day shares.
  struct InspectionDay {
    std::int32_t today = 0;  // reported day
    double self_correction = 0, department_rate = 0, bureau_rate = 0, bureau_detection = 0;
  };
  // One firm's inspections of the day (whole numbers, as in EnforcementTally).
  struct FirmInspections {
    double compliance_days = 0;
    std::uint32_t inspections = 0, bureau_inspections = 0, duplicate_inspections = 0;
    std::uint32_t violations_detected = 0;
  };
  InspectionDay inspection_day(const StepContext& context, double consolidation) const;
  [[gnu::always_inline]] FirmInspections inspect_firm(const InspectedFirms& firms, std::size_t firm,
                                                      const StepContext& context,
                                                      const InspectionDay& day) const;

  EnforcementSettings settings_;
  ReformSchedule schedule_;
  EnforcementMetricIds metrics_;
  std::uint64_t seed_;
  InspectionTargets* targets_ = nullptr;
  double staff_productivity_ = 1;
  std::vector<double> department_productivity_;  // per department
  std::vector<double> department_detection_;     // today's, from the above (sized once)
  EnforcementTally today_, totals_;
  TiledReduction<EnforcementTally, FirmInspections> inspection_sums_;  // reused buffers
  TiledSchedule inspection_schedule_ = TiledSchedule::automatic;
};

}  // namespace reformsim::models
