#include "models/binhai/service_capacity_link.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace reformsim::models {

void ServiceCapacityLinkSettings::declare_parameters(ParameterRegistry& registry) {
  registry.add(boolean_parameter("binhai.link_staff_productivity", true,
                                 "let the staff model's competence x effort move the approval "
                                 "and enforcement service rates (false: the rates in "
                                 "approvals.* and enforcement.* stay fixed)",
                                 "MODEL.md section 5: staff competence and effort set the "
                                 "service rate"));
  registry.add(real_parameter("binhai.reorganisation_dip", 0.15, 0, 0.9, "fraction",
                              "productivity lost on the day a unit is reorganised (merged "
                              "departments, the approval or enforcement bureau); 0 = no dip",
                              "MODEL.md section 2 (learning curve); size: assumption"));
  registry.add(real_parameter("binhai.reorganisation_recovery_days", 40, 1, 2500, "working days",
                              "e-folding time of the recovery from the reorganisation dip",
                              "assumption: about two months of working days"));
}

ServiceCapacityLinkSettings ServiceCapacityLinkSettings::from(const ParameterSet& parameters) {
  return {parameters.boolean("binhai.link_staff_productivity"),
          parameters.real("binhai.reorganisation_dip"),
          parameters.real("binhai.reorganisation_recovery_days")};
}

ServiceCapacityLink::ServiceCapacityLink(ServiceCapacityLinkSettings settings,
                                         double configured_productivity,
                                         std::int64_t reorganisation_day, bool reorganised)
    : settings_(settings),
      configured_(configured_productivity),
      reorganisation_day_(reorganisation_day),
      reorganised_(reorganised) {}

double ServiceCapacityLink::learning_dip(std::int64_t day) const {
  if (!reorganised_ || day < reorganisation_day_) return 1.0;
  const double elapsed = static_cast<double>(day - reorganisation_day_);
  return 1.0 - settings_.reorganisation_dip * std::exp(-elapsed / settings_.recovery_days);
}

double ServiceCapacityLink::factor(std::int64_t day, double staff_productivity) {
  if (settings_.link_staff && day >= 0 && reference_ <= 0)
    reference_ = staff_productivity;  // the first reported day
  return unit_factor(day, staff_productivity);
}

double ServiceCapacityLink::unit_factor(std::int64_t day, double unit_productivity) const {
  double factor = configured_;
  if (settings_.link_staff && day >= 0 && reference_ > 0) factor *= unit_productivity / reference_;
  return std::max(1e-3, factor * learning_dip(day));
}

std::int64_t first_start_day(const ReformSchedule& schedule,
                             std::initializer_list<Measure> measures, bool& any) {
  any = false;
  std::int64_t first = std::numeric_limits<std::int64_t>::max();
  for (Measure measure : measures)
    if (schedule.enabled(measure)) {
      any = true;
      first = std::min(first, schedule.start_day(measure));
    }
  return first;
}

}  // namespace reformsim::models
