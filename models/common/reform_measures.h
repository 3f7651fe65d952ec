// reform_measures.h - the reform measures as named switches, each with its own switch-on day
// and optional phase-in, so staggered reforms are a config, not code. Every mechanism asks
// intensity(measure, day): 0 before the measure starts, rising linearly to 1 over its phase-in,
// 1 after. A measure that is off has intensity 0 throughout.
//
// Config keys, for each measure M: reform.M (true/false), reform.M_day (reported working day it
// starts; 0 = first day of calendar.first_year), reform.M_phase_in_days (0 = at once).
#pragma once

#include <array>
#include <cstdint>
#include <string>

#include "sim/config/parameter_registry.h"
#include "sim/config/parameter_set.h"

namespace reformsim::models {

enum class Measure : std::size_t {
  merge_departments,
  flatten_layers,
  competitive_rehiring,
  performance_pay,
  remove_identity_wall,
  one_window_bureau,
  step_reduction,
  parallel_approval,
  tolerant_acceptance,
  pre_review,
  delegation,
  consolidated_enforcement,
};
inline constexpr std::size_t measure_count = 12;

const std::string& measure_name(Measure measure);
// Throws std::invalid_argument for a name that is not a measure.
Measure measure_from_name(const std::string& name);
const std::array<Measure, measure_count>& all_measures();

// Declares reform.M, reform.M_day and reform.M_phase_in_days for every measure. The defaults are
// the full 2018 reform: every measure on from day 250 (the first working day of 2018 with the
// default calendar), at once.
void declare_reform_parameters(ParameterRegistry& registry);

class ReformSchedule {
 public:
  explicit ReformSchedule(const ParameterSet& parameters);
  ReformSchedule() = default;  // no reform at all

  bool enabled(Measure measure) const { return entries_[index(measure)].enabled; }
  std::int64_t start_day(Measure measure) const { return entries_[index(measure)].start_day; }
  // 0 .. 1 on reported day `day` (Calendar::reported_day).
  double intensity(Measure measure, std::int64_t day) const;
  // True from the first day of the measure on (intensity > 0).
  bool active(Measure measure, std::int64_t day) const { return intensity(measure, day) > 0; }
  // True on exactly the measure's start day: for one-off events such as re-hiring.
  bool starts_on(Measure measure, std::int64_t day) const;

 private:
  static std::size_t index(Measure measure) { return static_cast<std::size_t>(measure); }
  struct Entry {
    bool enabled = false;
    std::int64_t start_day = 0;
    std::int64_t phase_in_days = 0;
  };
  std::array<Entry, measure_count> entries_{};
};

}  // namespace reformsim::models
