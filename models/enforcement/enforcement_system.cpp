#include "models/enforcement/enforcement_system.h"

#include <algorithm>
#include <cmath>

#include "sim/parallel/blocks.h"

namespace reformsim::models {
namespace {

// A firm cannot lose more than this share of its working time to inspections: a guard against
// a one-worker firm inspected many times in a burst, not a calibrated number.
constexpr double max_compliance_burden = 0.9;

EnforcementTally add(EnforcementTally a, const EnforcementTally& b) {
  a.firms += b.firms;
  a.inspections += b.inspections;
  a.bureau_inspections += b.bureau_inspections;
  a.duplicate_inspections += b.duplicate_inspections;
  a.compliance_days += b.compliance_days;
  a.violations_detected += b.violations_detected;
  a.firms_in_violation += b.firms_in_violation;
  a.compliance_burden += b.compliance_burden;
  return a;
}

}  // namespace

EnforcementSystem::EnforcementSystem(const ReplicationSetup& setup, const ReformSchedule& schedule,
                                     const MetricCatalogue& metrics)
    : settings_(EnforcementSettings::from(setup.parameters)),
      schedule_(schedule),
      seed_(setup.seed),
      staff_productivity_(settings_.staff_productivity),
      department_productivity_(static_cast<std::size_t>(settings_.departments_before),
                               settings_.staff_productivity),
      department_detection_(department_productivity_.size(), 0.0) {
  auto id = [&](const char* name) { return metrics.id(name); };
  metrics_ = {id("inspections"),
              id("inspections_per_firm"),
              id("duplicate_inspections"),
              id("compliance_cost"),
              id("compliance_cost_per_firm"),
              id("violations_detected"),
              id("firms_in_violation"),
              id("compliance_burden"),
              id("enforcement_staff_productivity"),
              id("enforcement_department_staff_productivity"),
              id("inspections_total"),
              id("violations_detected_total"),
              id("compliance_cost_total")};
}

void EnforcementSystem::set_staff_productivity(double productivity) {
  staff_productivity_ = productivity;
  std::fill(department_productivity_.begin(), department_productivity_.end(), productivity);
}

void EnforcementSystem::set_department_staff_productivity(std::size_t department,
                                                          double productivity) {
  department_productivity_.at(department) = productivity;
}

std::vector<Phase> EnforcementSystem::phases() {
  return {{"enforcement_inspections", [this](const StepContext& c) { inspect(c); }}};
}

double EnforcementSystem::violation_propensity(std::uint64_t firm_id) const {
  RandomStream random(
      seed_, {enforcement_firm_stream, enforcement_draw_violation_propensity, firm_id, -1});
  const double log_sd = settings_.violation_propensity_log_sd;
  // Lognormal with the configured mean: log-mean = ln(mean) - sd^2 / 2.
  return random.lognormal(std::log(settings_.violation_propensity_mean) - 0.5 * log_sd * log_sd,
                          log_sd);
}

std::uint8_t EnforcementSystem::initial_violation(std::uint64_t firm_id, double propensity) const {
  RandomStream random(seed_,
                      {enforcement_firm_stream, enforcement_draw_initial_violation, firm_id, -1});
  // Only the department owning the field finds the violation: rate r per year, probability d.
  const double detection =
      settings_.inspections_per_department_year *
      std::min(1.0, settings_.department_detection_probability * staff_productivity_);
  const double open_share =
      propensity / (propensity + settings_.self_correction_per_year + detection);
  if (!random.bernoulli(open_share)) return no_violation;
  return static_cast<std::uint8_t>(
      random.uniform_index(static_cast<std::uint64_t>(settings_.departments_before)));
}

double EnforcementSystem::expected_inspections_per_year(double propensity,
                                                        double consolidation) const {
  const double departments =
      settings_.inspections_per_department_year * static_cast<double>(settings_.departments_before);
  const double weight = (1 - settings_.risk_targeting) +
                        settings_.risk_targeting * propensity / settings_.violation_propensity_mean;
  return (1 - consolidation) * departments +
         consolidation * settings_.bureau_inspections_per_firm_year * weight;
}

void EnforcementSystem::inspect(const StepContext& context) {
  today_ = {};
  if (targets_ == nullptr) return;
  const InspectedFirms firms = targets_->inspected_firms();
  const double consolidation = schedule_.intensity(Measure::consolidated_enforcement,
                                                   context.calendar.reported_day(context.step));
  for (std::size_t d = 0; d < department_detection_.size(); ++d)
    department_detection_[d] =
        std::min(1.0, settings_.department_detection_probability * department_productivity_[d]);
  const InspectionDay day = inspection_day(context, consolidation);
  today_ = inspection_sums_.reduce(
      firms.size(), EnforcementTally{},
      [&](std::size_t firm, std::size_t) { return inspect_firm(firms, firm, context, day); },
      [&](EnforcementTally& tally, const FirmInspections& inspections, std::size_t firm) {
        tally.firms += 1;
        // Most firms see no inspector on a given day; then every count and the days are 0, and
        // adding 0 to these non-negative sums would leave their bits as they are.
        if (inspections.inspections > 0) {
          tally.inspections += inspections.inspections;
          tally.bureau_inspections += inspections.bureau_inspections;
          tally.duplicate_inspections += inspections.duplicate_inspections;
          tally.violations_detected += inspections.violations_detected;
          tally.compliance_days += inspections.compliance_days;
        }
        tally.firms_in_violation += firms.violation_remit[firm] != no_violation;
        tally.compliance_burden += firms.compliance_burden[firm];
      },
      add, inspection_schedule_);
  totals_ = add(totals_, today_);
}

EnforcementSystem::InspectionDay EnforcementSystem::inspection_day(const StepContext& context,
                                                                   double consolidation) const {
  const auto& s = settings_;
  const double days = static_cast<double>(s.days_per_year);
  InspectionDay day;
  day.today = static_cast<std::int32_t>(context.calendar.reported_day(context.step));
  day.self_correction = 1 - std::exp(-s.self_correction_per_year / days);
  day.department_rate = (1 - consolidation) * s.inspections_per_department_year *
                        static_cast<double>(s.departments_before) / days;
  day.bureau_rate = consolidation * s.bureau_inspections_per_firm_year / days;
  day.bureau_detection = std::min(1.0, s.bureau_detection_probability * staff_productivity_);
  return day;
}

// One firm-day: its violation begins or ends, then Poisson inspections, each by a department
// (own field only) or by the bureau (every field, never twice within the coordination window).
// The counts are whole numbers, so adding a firm's count at once gives the same sum as adding
// one per inspection.
inline EnforcementSystem::FirmInspections EnforcementSystem::inspect_firm(
    const InspectedFirms& firms, std::size_t i, const StepContext& context,
    const InspectionDay& day) const {
  const auto& s = settings_;
  const double days = static_cast<double>(s.days_per_year);
  auto random =
      context.random(enforcement_firm_stream, enforcement_draw_inspection_day, firms.firm_id[i]);
  std::uint8_t& remit = firms.violation_remit[i];
  const double change = random.uniform();
  if (remit == no_violation) {
    double& onset = firms.violation_onset[i];
    if (std::isnan(onset)) onset = 1 - std::exp(-firms.violation_propensity[i] / days);
    if (change < onset)
      remit = static_cast<std::uint8_t>(
          random.uniform_index(static_cast<std::uint64_t>(s.departments_before)));
  } else if (change < day.self_correction) {
    remit = no_violation;
  }
  const double department_rate = day.department_rate;
  const double bureau_rate =
      day.bureau_rate * ((1 - s.risk_targeting) + s.risk_targeting * firms.violation_propensity[i] /
                                                      s.violation_propensity_mean);
  const double rate = department_rate + bureau_rate;
  if (!(firms.inspection_rate[i] == rate))  // a new firm, or the day's rates changed
    firms.inspection_rate[i] = rate, firms.no_inspection[i] = std::exp(-rate);
  const std::uint64_t visits = random.poisson(rate, firms.no_inspection[i]);
  FirmInspections inspections;
  for (std::uint64_t visit = 0; visit < visits; ++visit) {
    const bool bureau = random.uniform() * (department_rate + bureau_rate) < bureau_rate;
    const bool recent =
        static_cast<double>(day.today) - static_cast<double>(firms.last_inspection_day[i]) <
        s.coordination_window_days;
    if (bureau && recent) continue;  // the coordinated plan does not return so soon
    const auto department = static_cast<std::uint8_t>(
        random.uniform_index(static_cast<std::uint64_t>(s.departments_before)));
    const bool sees = bureau || department == remit;
    const double detection = random.uniform();
    inspections.inspections += 1;
    inspections.bureau_inspections += bureau;
    inspections.duplicate_inspections += recent;
    inspections.compliance_days += bureau ? s.bureau_inspection_days : s.department_inspection_days;
    if (remit != no_violation && sees &&
        detection < (bureau ? day.bureau_detection : department_detection_[department])) {
      inspections.violations_detected += 1;
      remit = no_violation;  // corrected under the penalty
    }
    firms.last_inspection_day[i] = day.today;
  }
  double& burden = firms.compliance_burden[i];
  const double lost_share = inspections.compliance_days / std::max(firms.employment[i], 1.0);
  burden =
      std::min(max_compliance_burden, burden + (lost_share - burden) / s.burden_smoothing_days);
  return inspections;
}

void EnforcementSystem::record(const StepContext&, MetricRow& row) const {
  const double days = static_cast<double>(settings_.days_per_year);
  const double firms = today_.firms;
  row.set(metrics_.inspections, today_.inspections);
  row.set(metrics_.inspections_per_firm, firms > 0 ? today_.inspections * days / firms : NAN);
  row.set(metrics_.duplicate_inspections, today_.duplicate_inspections);
  row.set(metrics_.compliance_cost, today_.compliance_days);
  row.set(metrics_.compliance_cost_per_firm,
          firms > 0 ? today_.compliance_days * days / firms : NAN);
  row.set(metrics_.violations_detected, today_.violations_detected);
  row.set(metrics_.firms_in_violation, firms > 0 ? today_.firms_in_violation / firms : NAN);
  row.set(metrics_.compliance_burden, firms > 0 ? today_.compliance_burden / firms : NAN);
  row.set(metrics_.staff_productivity, staff_productivity_);
  for (std::size_t d = 0; d < department_productivity_.size(); ++d)
    row.set(metrics_.department_productivity, d, department_productivity_[d]);
}

void EnforcementSystem::summarise(MetricRow& row) const {
  row.set(metrics_.inspections_total, totals_.inspections);
  row.set(metrics_.violations_detected_total, totals_.violations_detected);
  row.set(metrics_.compliance_cost_total, totals_.compliance_days);
}

}  // namespace reformsim::models
