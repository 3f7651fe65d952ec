#include "models/common/reform_measures.h"

#include <algorithm>
#include <stdexcept>

namespace reformsim::models {
namespace {

const std::array<std::string, measure_count>& names() {
  static const std::array<std::string, measure_count> table{
      "merge_departments", "flatten_layers",       "competitive_rehiring",
      "performance_pay",   "remove_identity_wall", "one_window_bureau",
      "step_reduction",    "parallel_approval",    "tolerant_acceptance",
      "pre_review",        "delegation",           "consolidated_enforcement"};
  return table;
}

const std::array<std::string, measure_count>& descriptions() {
  static const std::array<std::string, measure_count> table{
      "merge 60 departments into 23 (and 9 park bodies into 6) by the merge plan",
      "cut the management layers from 4 to 3",
      "vacate every post and re-fill all by competitive scoring on the measure's day",
      "pay by KPI: performance-pay sensitivity from its 'before' to its 'after' value",
      "let staff of every identity (civil servant, public-institution, contract) compete for "
      "every post",
      "move the approval items of 26 departments into one approval bureau with one window",
      "cut investment-project steps from 185 to 75",
      "run independent approval steps in parallel (fork-join)",
      "accept applications despite missing non-essential documents",
      "pre-review applications before formal submission",
      "handle the 214 city-level items locally",
      "move 1826 penalty powers of 34 departments into one enforcement bureau"};
  return table;
}

}  // namespace

const std::string& measure_name(Measure measure) {
  return names()[static_cast<std::size_t>(measure)];
}

Measure measure_from_name(const std::string& name) {
  for (std::size_t i = 0; i < measure_count; ++i)
    if (names()[i] == name) return static_cast<Measure>(i);
  throw std::invalid_argument("'" + name + "' is not a reform measure");
}

const std::array<Measure, measure_count>& all_measures() {
  static const std::array<Measure, measure_count> measures = [] {
    std::array<Measure, measure_count> list{};
    for (std::size_t i = 0; i < measure_count; ++i)
      list[i] = static_cast<Measure>(i);
    return list;
  }();
  return measures;
}

void declare_reform_parameters(ParameterRegistry& registry) {
  const std::string source = "seed sections 1-2 (the 2018 reform); switch-on day: assumption";
  for (std::size_t i = 0; i < measure_count; ++i) {
    const std::string& name = names()[i];
    registry.add(boolean_parameter("reform." + name, true, descriptions()[i], source));
    registry.add(
        reform_input(integer_parameter("reform." + name + "_day", 250, -1e6, 1e6, "working days",
                                       "reported day " + name +
                                           " starts (0 = first day of "
                                           "calendar.first_year)",
                                       "assumption: the first working day of 2018")));
    registry.add(integer_parameter("reform." + name + "_phase_in_days", 0, 0, 1e6, "working days",
                                   "days over which " + name + " rises linearly to full effect",
                                   "assumption"));
  }
}

ReformSchedule::ReformSchedule(const ParameterSet& parameters) {
  for (std::size_t i = 0; i < measure_count; ++i) {
    const std::string key = "reform." + names()[i];
    entries_[i] = {parameters.boolean(key), parameters.integer(key + "_day"),
                   parameters.integer(key + "_phase_in_days")};
  }
}

double ReformSchedule::intensity(Measure measure, std::int64_t day) const {
  const Entry& entry = entries_[index(measure)];
  if (!entry.enabled || day < entry.start_day) return 0.0;
  if (entry.phase_in_days == 0) return 1.0;
  // Day start_day already counts: a 10-day phase-in reaches 1 on its tenth day.
  return std::min(1.0, static_cast<double>(day - entry.start_day + 1) /
                           static_cast<double>(entry.phase_in_days));
}

bool ReformSchedule::starts_on(Measure measure, std::int64_t day) const {
  const Entry& entry = entries_[index(measure)];
  return entry.enabled && day == entry.start_day;
}

}  // namespace reformsim::models
