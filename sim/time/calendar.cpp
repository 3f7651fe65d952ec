#include "sim/time/calendar.h"

#include <stdexcept>

namespace reformsim {
namespace {

std::int64_t floor_div(std::int64_t numerator, std::int64_t denominator) {
  const std::int64_t quotient = numerator / denominator;
  return (numerator % denominator != 0 && (numerator < 0) != (denominator < 0)) ? quotient - 1
                                                                                : quotient;
}

}  // namespace

Calendar::Calendar(std::int64_t days_per_year, std::int64_t burn_in_days, std::int64_t first_year,
                   std::int64_t years)
    : days_per_year_(days_per_year),
      burn_in_days_(burn_in_days),
      first_year_(first_year),
      years_(years) {
  if (days_per_year <= 0 || burn_in_days < 0 || years <= 0)
    throw std::invalid_argument("calendar needs days_per_year > 0, burn_in_days >= 0, years > 0");
}

Calendar Calendar::from(const ParameterSet& parameters) {
  return Calendar(parameters.integer("calendar.days_per_year"),
                  parameters.integer("calendar.burn_in_days"),
                  parameters.integer("calendar.first_year"), parameters.integer("calendar.years"));
}

void Calendar::declare_parameters(ParameterRegistry& registry) {
  registry.add(integer_parameter("calendar.days_per_year", 250, 20, 366, "working days",
                                 "working days in a year; one step is one working day",
                                 "MODEL.md section 1"));
  registry.add(integer_parameter("calendar.burn_in_days", 250, 0, 100000, "working days",
                                 "days simulated before the first reported year and flagged "
                                 "burn_in in the output, so the initial state settles",
                                 "assumption"));
  registry.add(integer_parameter("calendar.first_year", 2017, 1900, 2200, "year",
                                 "calendar year of the first reported (post burn-in) day",
                                 "MODEL.md section 1: the pre-reform year 2017"));
  registry.add(integer_parameter("calendar.years", 2, 1, 200, "years",
                                 "reported years simulated after the burn-in",
                                 "MODEL.md section 1: 2017 and the reform year 2018"));
}

std::int64_t Calendar::year(std::int64_t step) const {
  return first_year_ + floor_div(step - burn_in_days_, days_per_year_);
}

std::int64_t Calendar::day_of_year(std::int64_t step) const {
  const std::int64_t day = step - burn_in_days_;
  return day - floor_div(day, days_per_year_) * days_per_year_;
}

std::int64_t Calendar::step_of(std::int64_t year, std::int64_t day) const {
  return burn_in_days_ + (year - first_year_) * days_per_year_ + day;
}

}  // namespace reformsim
