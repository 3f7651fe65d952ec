// calendar.h - simulated time. One step is one working day. A run is a burn-in (simulated but
// flagged, so analyses can drop it) followed by whole reported years of days_per_year steps;
// the first reported year is first_year.
#pragma once

#include <cstdint>

#include "sim/config/parameter_registry.h"
#include "sim/config/parameter_set.h"

namespace reformsim {

class Calendar {
 public:
  Calendar(std::int64_t days_per_year, std::int64_t burn_in_days, std::int64_t first_year,
           std::int64_t years);
  static Calendar from(const ParameterSet& parameters);
  static void declare_parameters(ParameterRegistry& registry);

  std::int64_t total_steps() const { return burn_in_days_ + years_ * days_per_year_; }
  std::int64_t days_per_year() const { return days_per_year_; }
  std::int64_t burn_in_days() const { return burn_in_days_; }
  std::int64_t first_year() const { return first_year_; }
  std::int64_t years() const { return years_; }

  bool is_burn_in(std::int64_t step) const { return step < burn_in_days_; }
  // Burn-in steps belong to the years before first_year (2016 for a one-year burn-in).
  std::int64_t year(std::int64_t step) const;
  std::int64_t day_of_year(std::int64_t step) const;  // 0 .. days_per_year - 1
  // The step of day `day` (0-based) of calendar year `year`.
  std::int64_t step_of(std::int64_t year, std::int64_t day) const;
  // Days since the start of the first reported year (negative during burn-in): the clock that
  // reform switch-on days are written in.
  std::int64_t reported_day(std::int64_t step) const { return step - burn_in_days_; }

 private:
  std::int64_t days_per_year_, burn_in_days_, first_year_, years_;
};

}  // namespace reformsim
