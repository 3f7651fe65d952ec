// enforcement_parameters.cpp - the enforcement.* parameters and the enforcement metrics, declared
// once with unit and source; README.md in this folder explains every default.
#include "models/enforcement/enforcement_system.h"

#include <stdexcept>

#include "sim/config/config_error.h"

namespace reformsim::models {
namespace {
const std::string assumption = "assumption";
}

void EnforcementSystem::declare_parameters(ParameterRegistry& registry) {
  registry.add(reform_input(
      integer_parameter("enforcement.departments_before", 34, 1, 254, "departments",
                        "departments holding penalty powers before consolidation",
                        "seed section 2.3 (1826 powers of 34 departments in 29 fields)")));
  registry.add(real_parameter("enforcement.inspections_per_department_year", 0.5, 0, 365,
                              "per firm-year", "inspections of one firm by one department",
                              "assumption: 17 a firm-year from 34 departments ('multiple, "
                              "repeated and cross enforcement', seed section 2.3)"));
  registry.add(real_parameter("enforcement.department_detection_probability", 0.5, 0, 1, "fraction",
                              "chance a department's inspection finds an open violation in its "
                              "own field (it never sees other fields)",
                              assumption));
  registry.add(real_parameter("enforcement.department_inspection_days", 1.0, 0, 1e3, "person-days",
                              "firm's time spent on one department inspection", assumption));
  registry.add(real_parameter("enforcement.bureau_inspections_per_firm_year", 1.5, 0, 365,
                              "per firm-year",
                              "comprehensive inspections of a firm of mean propensity by the "
                              "consolidated bureau",
                              assumption));
  registry.add(real_parameter("enforcement.bureau_detection_probability", 0.35, 0, 1, "fraction",
                              "chance a comprehensive inspection finds an open violation in any "
                              "field",
                              assumption));
  registry.add(real_parameter("enforcement.bureau_inspection_days", 2.0, 0, 1e3, "person-days",
                              "firm's time spent on one comprehensive inspection", assumption));
  registry.add(real_parameter("enforcement.risk_targeting", 0.5, 0, 1, "fraction",
                              "share of bureau inspections allocated in proportion to violation "
                              "propensity (the rest uniformly)",
                              assumption));
  registry.add(real_parameter("enforcement.coordination_window_days", 20, 0, 1e4, "working days",
                              "an inspection within this many days of the last is a duplicate; "
                              "the bureau's plan makes none",
                              assumption));
  registry.add(real_parameter("enforcement.violation_propensity_mean", 0.3, 0, 365, "per year",
                              "mean rate at which a compliant firm begins a violation",
                              assumption));
  registry.add(real_parameter("enforcement.violation_propensity_log_sd", 1.0, 0, 10, "log points",
                              "spread of the latent propensity across firms", assumption));
  registry.add(real_parameter("enforcement.self_correction_per_year", 0.5, 0, 365, "per year",
                              "rate at which a firm ends an undetected violation itself",
                              assumption));
  registry.add(real_parameter("enforcement.burden_smoothing_days", 60, 1, 1e5, "working days",
                              "time constant of the compliance burden the firm feels", assumption));
  registry.add(real_parameter("enforcement.staff_productivity", 1.0, 0, 10, "1",
                              "detection factor when no staff model sets it (1 = fully "
                              "competent inspectors at full effort)",
                              assumption));
}

EnforcementSettings EnforcementSettings::from(const ParameterSet& p) {
  auto real = [&](const char* name) { return p.real(std::string("enforcement.") + name); };
  EnforcementSettings s;
  s.departments_before = p.integer("enforcement.departments_before");
  s.inspections_per_department_year = real("inspections_per_department_year");
  s.department_detection_probability = real("department_detection_probability");
  s.department_inspection_days = real("department_inspection_days");
  s.bureau_inspections_per_firm_year = real("bureau_inspections_per_firm_year");
  s.bureau_detection_probability = real("bureau_detection_probability");
  s.bureau_inspection_days = real("bureau_inspection_days");
  s.risk_targeting = real("risk_targeting");
  s.coordination_window_days = real("coordination_window_days");
  s.violation_propensity_mean = real("violation_propensity_mean");
  s.violation_propensity_log_sd = real("violation_propensity_log_sd");
  s.self_correction_per_year = real("self_correction_per_year");
  s.burden_smoothing_days = real("burden_smoothing_days");
  s.staff_productivity = real("staff_productivity");
  s.days_per_year = p.integer("calendar.days_per_year");
  return s;
}

void EnforcementSystem::validate(const ParameterSet& p) {
  // A window of a year or more would let the bureau inspect nobody twice in a run: the
  // coordinated rate would silently drop below the configured one.
  const std::string key = "enforcement.coordination_window_days";
  const double days_per_year = static_cast<double>(p.integer("calendar.days_per_year"));
  const double rate = p.real("enforcement.bureau_inspections_per_firm_year");
  if (rate > 0 && p.real(key) >= days_per_year / rate)
    throw ConfigError(p.origin(key), key, format_parameter_value(p.value(key)),
                      "must be shorter than the bureau's mean interval between inspections "
                      "(calendar.days_per_year / enforcement.bureau_inspections_per_firm_year)");
}

void EnforcementSystem::declare_metrics(const ParameterSet& parameters, MetricCatalogue& metrics,
                                        std::vector<std::string> department_labels) {
  const std::int64_t departments = parameters.integer("enforcement.departments_before");
  if (department_labels.empty())
    for (std::int64_t d = 0; d < departments; ++d)
      department_labels.push_back("department_" + std::to_string(d + 1));
  if (static_cast<std::int64_t>(department_labels.size()) != departments)
    throw std::invalid_argument(
        "enforcement department labels do not match "
        "enforcement.departments_before");
  metrics.add_dimension({"enforcement_department",
                         "department inspecting its own field before consolidated_enforcement",
                         std::move(department_labels)});
  metrics.add_series("inspections", "inspections of firms during the day", "inspections");
  metrics.add_series("inspections_per_firm", "inspections per firm, annualised from the day",
                     "inspections per firm-year");
  metrics.add_series("duplicate_inspections",
                     "inspections of a firm already inspected within the coordination window",
                     "inspections");
  metrics.add_series("compliance_cost", "firms' time spent on inspections during the day",
                     "person-days");
  metrics.add_series("compliance_cost_per_firm", "compliance time per firm, annualised",
                     "person-days per firm-year");
  metrics.add_series("violations_detected", "violations found by inspections during the day",
                     "violations");
  metrics.add_series("firms_in_violation", "share of firms with an open violation", "1");
  metrics.add_series("compliance_burden", "mean share of working time firms lose to inspections",
                     "1");
  metrics.add_series("enforcement_staff_productivity",
                     "inspectors' competence x effort (detection factor) of the bureau", "1");
  metrics.add_series("enforcement_department_staff_productivity",
                     "detection factor of each department's inspectors at the end of the day", "1",
                     "enforcement_department");
  metrics.add_summary("inspections_total", "inspections over the whole run", "inspections");
  metrics.add_summary("violations_detected_total", "violations detected over the whole run",
                      "violations");
  metrics.add_summary("compliance_cost_total", "compliance time over the whole run", "person-days");
}

}  // namespace reformsim::models
