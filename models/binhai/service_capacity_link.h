// service_capacity_link.h - how the staff model moves the service rates of the approval and
// enforcement units, and the temporary productivity dip of a reorganisation.
//
// The approval and enforcement parameters are set for the pre-reform organisation (their own
// staff_productivity, 1 by default). The staff model moves them relative to that: from the first
// reported day on, factor(t) = configured x staff_productivity(t) / staff_productivity(day 0),
// so a staff model whose competence x effort is 0.7 before the reform does not by itself make
// the pre-reform approvals slower than the ones the approval parameters describe. A unit's own
// factor uses its own staff's productivity over the same zone-wide reference: a department with
// weaker staff than the zone's average serves more slowly.
//
// A reorganisation (merge_departments, one_window_bureau, consolidated_enforcement: whichever
// starts first for the unit kind) costs a learning-curve dip (MODEL.md section 2):
// factor x (1 - dip x exp(-(day - start) / recovery_days)) from its start day; dip = 0 removes it.
#pragma once

#include <cstdint>

#include "models/common/reform_measures.h"
#include "sim/config/parameter_registry.h"
#include "sim/config/parameter_set.h"

namespace reformsim::models {

struct ServiceCapacityLinkSettings {
  bool link_staff = true;
  double reorganisation_dip = 0;  // fraction of productivity lost on the reorganisation day
  double recovery_days = 1;       // e-folding time of the recovery, working days
  static void declare_parameters(ParameterRegistry& registry);
  static ServiceCapacityLinkSettings from(const ParameterSet& parameters);
};

class ServiceCapacityLink {
 public:
  ServiceCapacityLink(ServiceCapacityLinkSettings settings, double configured_productivity,
                      std::int64_t reorganisation_day, bool reorganised);

  // The service-rate factor on reported day `day`, given the staff model's productivity today
  // across the zone's units of this kind; the first reported day's value is the reference.
  double factor(std::int64_t day, double staff_productivity);
  // The factor of one unit whose staff's productivity today is unit_productivity, relative to
  // the same zone-wide reference (so the units' factors average to factor()); before the first
  // factor() call of a reported day, the configured factor with the dip.
  double unit_factor(std::int64_t day, double unit_productivity) const;

 private:
  double learning_dip(std::int64_t day) const;

  ServiceCapacityLinkSettings settings_;
  double configured_;
  std::int64_t reorganisation_day_;
  bool reorganised_;
  double reference_ = 0;  // staff productivity on the first reported day
};

// The first day any of the measures that reorganise a unit kind starts; `any` is set false
// when none of them is enabled.
std::int64_t first_start_day(const ReformSchedule& schedule,
                             std::initializer_list<Measure> measures, bool& any);

}  // namespace reformsim::models
