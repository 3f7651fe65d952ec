#include "models/staff/staff_settings.h"

#include <cmath>
#include <numeric>

#include "sim/config/config_error.h"

namespace reformsim::models {
namespace {

const std::string assumption = "assumption";
const std::string reach_reported =
    "assumption, chosen so the reported re-hiring counts (17, 275; "
    "seed section 1.2) are reachable: README.md";

void add_bounded_normal(ParameterRegistry& registry, const std::string& name, BoundedNormal value,
                        const std::string& unit, const std::string& what) {
  const std::string key = "staff." + name;
  registry.add(
      real_parameter(key + "_mean", value.mean, -1e6, 1e6, unit, what + ": mean", assumption));
  registry.add(real_parameter(key + "_sd", value.standard_deviation, 0, 1e6, unit,
                              what + ": standard deviation before truncation", assumption));
  registry.add(real_parameter(key + "_min", value.minimum, -1e6, 1e6, unit, what + ": lower bound",
                              assumption));
  registry.add(real_parameter(key + "_max", value.maximum, -1e6, 1e6, unit, what + ": upper bound",
                              assumption));
}

void declare_population(ParameterRegistry& registry) {
  registry.add(real_parameter("staff.initial_occupancy", 0.97, 0, 1, "fraction",
                              "share of the initial posts that are filled", assumption));
  registry.add(real_list_parameter("staff.identity_shares", {0.35, 0.40, 0.25}, 0, 1, "fraction",
                                   "initial civil servant, public-institution, contract shares",
                                   assumption));
  registry.add(real_list_parameter("staff.new_hire_identity_shares", {0.2, 0.3, 0.5}, 0, 1,
                                   "fraction", "identity shares of new hires", assumption));
  registry.add(text_list_parameter(
      "staff.identity_wall_highest_level", {"principal_head", "unit_head", "staff"},
      "highest level each identity may hold while the identity wall stands (civil servant, "
      "public-institution, contract); remove_identity_wall lifts it",
      "seed section 1.2 (the wall); levels: assumption"));
  add_bounded_normal(registry, "ability", {0.6, 0.15, 0.05, 1.0}, "1", "ability (1 = the best)");
  add_bounded_normal(registry, "age", {41, 8, 22, 59.9}, "years", "initial age");
  add_bounded_normal(registry, "career_start_age", {25, 2.5, 21, 35}, "years",
                     "age at entry into public service (experience = age - this)");
  add_bounded_normal(registry, "entrant_age", {27, 3, 21, 40}, "years", "age of new hires");
  registry.add(real_parameter("staff.retirement_age", 60, 30, 80, "years",
                              "staff retire on reaching this age",
                              "assumption: the statutory age for men in China in 2018"));
}

void declare_competence_and_pay(ParameterRegistry& registry) {
  registry.add(real_parameter("staff.level_aptitude_spread", 0.1, 0, 1, "1",
                              "weight of the level-specific aptitude in competence", assumption));
  registry.add(real_parameter("staff.competence_correlation_across_levels", 0.5, 0, 1, "1",
                              "correlation of level aptitude before and after a move between "
                              "levels: 1 carried over, 0 drawn anew",
                              "seed section 3 of MODEL.md; value: assumption"));
  registry.add(real_parameter("staff.fit_outside_home_unit", 0.85, 0, 1, "1",
                              "fit of a post outside the unit whose functions one knows",
                              assumption));
  registry.add(real_list_parameter("staff.base_pay_by_level", {180, 140, 120, 100, 80}, 0, 1e6,
                                   "thousand CNY per year", "base pay at each level", assumption));
  registry.add(real_parameter("staff.bonus_share", 0.3, 0, 10, "fraction of base pay",
                              "mean performance bonus",
                              "seed section 1.3 (components); value: assumption"));
  registry.add(real_parameter("staff.additional_pay_share", 0.1, 0, 10, "fraction of base pay",
                              "additional pay",
                              "seed section 1.3 (components); value: assumption"));
  registry.add(real_parameter("staff.pay_performance_sensitivity_before", 0.05, 0, 1, "1",
                              "share of the bonus that follows KPI before performance_pay "
                              "('one big pot')",
                              "seed section 1.3; value: assumption"));
  registry.add(real_parameter("staff.pay_performance_sensitivity_after", 0.6, 0, 1, "1",
                              "share of the bonus that follows KPI under performance_pay",
                              "seed section 1.3; value: assumption"));
  registry.add(real_parameter("staff.effort_floor", 0.6, 0, 1, "1",
                              "effort when pay does not follow performance", assumption));
  registry.add(real_parameter("staff.effort_half_sensitivity", 0.2, 1e-6, 10, "1",
                              "sensitivity at which effort closes half the gap to 1", assumption));
  registry.add(real_parameter("staff.effort_adjustment_rate", 0.02, 0, 1, "per working day",
                              "share of the gap to the effort target closed each day", assumption));
  registry.add(real_parameter("staff.effort_motivation_sd", 0.05, 0, 1, "1",
                              "spread of individual intrinsic motivation added to the target",
                              assumption));
  registry.add(real_parameter("staff.kpi_smoothing", 0.02, 0, 1, "per working day",
                              "weight of today's measured output in the KPI score", assumption));
  registry.add(real_parameter("staff.kpi_measurement_noise", 0.2, 0, 10, "1",
                              "relative noise of a day's measured output", assumption));
}

void declare_careers(ParameterRegistry& registry) {
  registry.add(real_parameter("staff.exit_competence_threshold", 0.25, 0, 1, "1",
                              "below this competence a staff member may leave", assumption));
  registry.add(real_parameter("staff.exit_pay_threshold", 0.9, 0, 10, "fraction of flat pay",
                              "below this pay (relative to the level's pay with no performance "
                              "link) a staff member may leave",
                              assumption));
  registry.add(real_parameter("staff.exit_hazard_per_day", 0.004, 0, 1, "per working day",
                              "daily probability of leaving while below a threshold", assumption));
  registry.add(real_parameter("staff.hiring_probability_per_day", 0.01, 0, 1, "per working day",
                              "daily probability that a vacant entry-level post is filled",
                              assumption));
  registry.add(real_parameter("staff.promotion_probability_per_day", 0.02, 0, 1, "per working day",
                              "daily probability that a vacant post above entry level is filled "
                              "by promotion",
                              assumption));
  registry.add(choice_parameter("staff.promotion_rule", "mix",
                                {"merit", "seniority", "random", "worst", "mix"},
                                "who is promoted into a vacancy from the level below",
                                "MODEL.md section 3; choice: assumption"));
  registry.add(real_list_parameter("staff.promotion_mix", {0.3, 0.6, 0.1, 0.0}, 0, 1, "probability",
                                   "with rule mix: probability of merit, seniority, random, worst",
                                   "assumption: seniority-heavy pre-reform practice"));
}

void declare_scoring(ParameterRegistry& registry) {
  auto weights = [&](const std::string& prefix, ScoreWeights value, const std::string& source) {
    registry.add(real_parameter(prefix + "_weight_ability", value.ability, 0, 100, "1",
                                "score weight of ability", source));
    registry.add(real_parameter(prefix + "_weight_experience", value.experience, 0, 100, "1",
                                "score weight of experience (saturating)", source));
    registry.add(real_parameter(prefix + "_weight_kpi", value.kpi, 0, 100, "1",
                                "score weight of the KPI score", source));
    registry.add(real_parameter(prefix + "_assessment_noise", value.noise, 0, 100, "1",
                                "standard deviation of the assessment noise", source));
  };
  weights("staff.initial_appointment", {0.5, 0.5, 0.0, 0.1}, reach_reported);
  weights("staff.rehiring", {0.6, 0.3, 0.3, 0.1}, reach_reported);
  registry.add(real_parameter("staff.experience_saturation_years", 20, 0.1, 100, "years",
                              "experience counts in scores up to this many years", assumption));
  registry.add(integer_parameter("staff.rehiring_levels_above", 2, 0, max_levels, "levels",
                                 "a candidate applies for posts up to this many levels above "
                                 "their own",
                                 reach_reported));
  registry.add(integer_parameter("staff.rehiring_levels_below", 2, 0, max_levels, "levels",
                                 "a candidate applies for posts down to this many levels below "
                                 "their own; with none open there they get no post",
                                 reach_reported));
}

}  // namespace

void StaffSettings::declare_parameters(ParameterRegistry& registry) {
  declare_population(registry);
  declare_competence_and_pay(registry);
  declare_careers(registry);
  declare_scoring(registry);
}

}  // namespace reformsim::models
