// staff_settings.h - the staff.* parameters: initial distributions (identity, ability, age,
// experience), competence, pay and effort, KPI, careers (retirement, exit, hiring, promotion
// rule) and competitive re-hiring (scoring weights, noise, which levels a candidate applies
// for). README.md gives the equations they enter.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "models/organisation/organisation_settings.h"
#include "sim/config/parameter_registry.h"
#include "sim/config/parameter_set.h"

namespace reformsim::models {

// The 'identity wall' of seed section 1.2: administrative, public-institution and contract staff.
enum class Identity : std::uint8_t { civil_servant = 0, public_institution = 1, contract = 2 };
inline constexpr std::size_t identity_count = 3;
const std::string& identity_name(Identity identity);

enum class PromotionRule : std::uint8_t { merit = 0, seniority = 1, random = 2, worst = 3 };
inline constexpr std::size_t promotion_rule_count = 4;

// The hierarchy may have any number of levels up to this (fixed-size reductions in record()).
inline constexpr std::size_t max_levels = 16;

struct BoundedNormal {
  double mean = 0, standard_deviation = 0, minimum = 0, maximum = 0;
};

// Weights of a candidate's score: ability, experience (saturating), KPI, plus assessment noise.
struct ScoreWeights {
  double ability = 0, experience = 0, kpi = 0, noise = 0;
};

struct StaffSettings {
  double initial_occupancy = 0;
  std::array<double, identity_count> identity_shares{}, new_hire_identity_shares{};
  std::array<std::int32_t, identity_count> identity_wall_highest_level{};
  BoundedNormal ability, age, career_start_age, entrant_age;
  double retirement_age = 0;
  double level_aptitude_spread = 0, competence_correlation_across_levels = 0;
  double fit_outside_home_unit = 0;
  std::vector<double> base_pay_by_level;
  double bonus_share = 0, additional_pay_share = 0;
  double sensitivity_before = 0, sensitivity_after = 0;
  double effort_floor = 0, effort_half_sensitivity = 0, effort_adjustment_rate = 0;
  double effort_motivation_spread = 0;
  double kpi_smoothing = 0, kpi_measurement_noise = 0;
  double exit_competence_threshold = 0, exit_pay_threshold = 0, exit_hazard_per_day = 0;
  double hiring_probability_per_day = 0, promotion_probability_per_day = 0;
  std::array<double, promotion_rule_count> promotion_mix{};  // probability of each rule
  ScoreWeights initial_appointment, rehiring;
  double experience_saturation_years = 0;
  std::int32_t rehiring_levels_above = 0, rehiring_levels_below = 0;

  static void declare_parameters(ParameterRegistry& registry);
  static StaffSettings from(const ParameterSet& parameters,
                            const OrganisationSettings& organisation);
  // Refuses lists of the wrong length, unknown level names, shares that do not sum to 1, and
  // bounds that contradict their means: ConfigError naming key, value and origin.
  static void validate(const ParameterSet& parameters, const OrganisationSettings& organisation);
};

}  // namespace reformsim::models
