// staff_settings_read.cpp - the staff.* values read into StaffSettings, and the checks that
// single-parameter ranges cannot make (list lengths, level names, shares summing to 1).
#include <cmath>
#include <numeric>

#include "models/staff/staff_settings.h"
#include "sim/config/config_error.h"

namespace reformsim::models {
namespace {

BoundedNormal bounded_normal(const ParameterSet& p, const std::string& name) {
  const std::string key = "staff." + name;
  return {p.real(key + "_mean"), p.real(key + "_sd"), p.real(key + "_min"), p.real(key + "_max")};
}

ScoreWeights score_weights(const ParameterSet& p, const std::string& prefix) {
  return {p.real(prefix + "_weight_ability"), p.real(prefix + "_weight_experience"),
          p.real(prefix + "_weight_kpi"), p.real(prefix + "_assessment_noise")};
}

std::array<double, identity_count> shares(const ParameterSet& p, const std::string& key) {
  std::array<double, identity_count> values{};
  const auto& list = p.reals(key);
  for (std::size_t i = 0; i < identity_count && i < list.size(); ++i)
    values[i] = list[i];
  return values;
}

std::array<double, promotion_rule_count> read_promotion_mix(const ParameterSet& p) {
  std::array<double, promotion_rule_count> mix{};
  const std::string& rule = p.text("staff.promotion_rule");
  const std::array<std::string, promotion_rule_count> rules{"merit", "seniority", "random",
                                                            "worst"};
  for (std::size_t r = 0; r < promotion_rule_count; ++r) {
    if (rule == "mix" && r < p.reals("staff.promotion_mix").size())
      mix[r] = p.reals("staff.promotion_mix")[r];
    else if (rule == rules[r])
      mix[r] = 1.0;
  }
  return mix;
}

[[noreturn]] void refuse(const ParameterSet& p, const std::string& key,
                         const std::string& problem) {
  throw ConfigError(p.origin(key), key, format_parameter_value(p.value(key)), problem);
}

void check_sums_to_one(const ParameterSet& p, const std::string& key, std::size_t length) {
  const auto& list = p.reals(key);
  if (list.size() != length) refuse(p, key, "needs " + std::to_string(length) + " values");
  const double total = std::accumulate(list.begin(), list.end(), 0.0);
  if (std::abs(total - 1.0) > 1e-9) refuse(p, key, "the values must sum to 1");
}

void check_bounded_normal(const ParameterSet& p, const std::string& name) {
  const BoundedNormal value = bounded_normal(p, name);
  if (!(value.minimum <= value.mean && value.mean <= value.maximum))
    refuse(p, "staff." + name + "_mean", "must lie between staff." + name + "_min and _max");
}

}  // namespace

const std::string& identity_name(Identity identity) {
  static const std::array<std::string, identity_count> names{"civil_servant", "public_institution",
                                                             "contract"};
  return names[static_cast<std::size_t>(identity)];
}

StaffSettings StaffSettings::from(const ParameterSet& p, const OrganisationSettings& organisation) {
  StaffSettings s;
  s.initial_occupancy = p.real("staff.initial_occupancy");
  s.identity_shares = shares(p, "staff.identity_shares");
  s.new_hire_identity_shares = shares(p, "staff.new_hire_identity_shares");
  const auto& wall = p.texts("staff.identity_wall_highest_level");
  for (std::size_t i = 0; i < identity_count && i < wall.size(); ++i)
    s.identity_wall_highest_level[i] = organisation.level_index(wall[i]);
  s.ability = bounded_normal(p, "ability");
  s.age = bounded_normal(p, "age");
  s.career_start_age = bounded_normal(p, "career_start_age");
  s.entrant_age = bounded_normal(p, "entrant_age");
  s.retirement_age = p.real("staff.retirement_age");
  s.level_aptitude_spread = p.real("staff.level_aptitude_spread");
  s.competence_correlation_across_levels = p.real("staff.competence_correlation_across_levels");
  s.fit_outside_home_unit = p.real("staff.fit_outside_home_unit");
  s.base_pay_by_level = p.reals("staff.base_pay_by_level");
  s.bonus_share = p.real("staff.bonus_share");
  s.additional_pay_share = p.real("staff.additional_pay_share");
  s.sensitivity_before = p.real("staff.pay_performance_sensitivity_before");
  s.sensitivity_after = p.real("staff.pay_performance_sensitivity_after");
  s.effort_floor = p.real("staff.effort_floor");
  s.effort_half_sensitivity = p.real("staff.effort_half_sensitivity");
  s.effort_adjustment_rate = p.real("staff.effort_adjustment_rate");
  s.effort_motivation_spread = p.real("staff.effort_motivation_sd");
  s.kpi_smoothing = p.real("staff.kpi_smoothing");
  s.kpi_measurement_noise = p.real("staff.kpi_measurement_noise");
  s.exit_competence_threshold = p.real("staff.exit_competence_threshold");
  s.exit_pay_threshold = p.real("staff.exit_pay_threshold");
  s.exit_hazard_per_day = p.real("staff.exit_hazard_per_day");
  s.hiring_probability_per_day = p.real("staff.hiring_probability_per_day");
  s.promotion_probability_per_day = p.real("staff.promotion_probability_per_day");
  s.promotion_mix = read_promotion_mix(p);
  s.initial_appointment = score_weights(p, "staff.initial_appointment");
  s.rehiring = score_weights(p, "staff.rehiring");
  s.experience_saturation_years = p.real("staff.experience_saturation_years");
  s.rehiring_levels_above = static_cast<std::int32_t>(p.integer("staff.rehiring_levels_above"));
  s.rehiring_levels_below = static_cast<std::int32_t>(p.integer("staff.rehiring_levels_below"));
  return s;
}

void StaffSettings::validate(const ParameterSet& p, const OrganisationSettings& organisation) {
  if (organisation.levels() > max_levels)
    refuse(p, "organisation.level_names", "at most " + std::to_string(max_levels) + " levels");
  check_sums_to_one(p, "staff.identity_shares", identity_count);
  check_sums_to_one(p, "staff.new_hire_identity_shares", identity_count);
  if (p.text("staff.promotion_rule") == "mix")
    check_sums_to_one(p, "staff.promotion_mix", promotion_rule_count);
  const auto& wall = p.texts("staff.identity_wall_highest_level");
  if (wall.size() != identity_count)
    refuse(p, "staff.identity_wall_highest_level", "needs 3 levels");
  for (const auto& level : wall)
    if (organisation.level_index(level) < 0)
      refuse(p, "staff.identity_wall_highest_level", "'" + level + "' is not a level");
  if (p.reals("staff.base_pay_by_level").size() != organisation.levels())
    refuse(p, "staff.base_pay_by_level", "needs one value per level of organisation.level_names");
  for (const char* name : {"ability", "age", "career_start_age", "entrant_age"})
    check_bounded_normal(p, name);
  if (p.real("staff.age_max") >= p.real("staff.retirement_age"))
    refuse(p, "staff.age_max", "must be below staff.retirement_age, or staff retire on day one");
}

}  // namespace reformsim::models
