// staff_metric_ids.h - the columns of the staff and organisation metrics in a metric row.
#pragma once

#include "sim/model/metric_catalogue.h"

namespace reformsim::models {

struct StaffMetricIds {
  // series, every step
  MetricId staff_total, staff_by_level, staff_by_level_and_identity, organisational_efficiency;
  MetricId mean_competence, mean_effort, mean_pay, pay_gini, pay_performance_sensitivity;
  MetricId posts_total, vacant_posts, supernumerary_staff, departments, park_bodies;
  MetricId management_layers, staff_retired, staff_exited, staff_hired, staff_promoted;
  MetricId heads_not_reappointed_today, promoted_to_management_today;
  MetricId approval_unit_productivity, enforcement_unit_productivity, service_capacity;
  // summaries, once per replication
  MetricId former_heads_not_reappointed, staff_promoted_to_management, staff_not_reappointed;
  MetricId competence_before_rehiring, competence_after_rehiring;
  MetricId managers_before_rehiring, managers_after_rehiring;

  static StaffMetricIds from(const MetricCatalogue& metrics);
};

}  // namespace reformsim::models
