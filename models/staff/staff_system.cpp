// staff_system.cpp - parameters, the initial organisation and staff, the phases of a day and
// the accessors the other mechanisms read.
#include "models/staff/staff_system.h"

#include <algorithm>
#include <cmath>

#include "models/staff/staff_equations.h"
#include "sim/parallel/blocks.h"

namespace reformsim::models {
namespace {

// A normal draw kept within [minimum, maximum] by redrawing (a truncated normal); after 64
// misses (a distribution almost entirely outside its bounds) the last draw is clamped.
double bounded_normal(RandomStream& random, const BoundedNormal& d) {
  double value = d.mean;
  for (int attempt = 0; attempt < 64; ++attempt) {
    value = random.normal(d.mean, d.standard_deviation);
    if (value >= d.minimum && value <= d.maximum) return value;
  }
  return std::clamp(value, d.minimum, d.maximum);
}

std::uint8_t draw_identity_of(RandomStream& random,
                              const std::array<double, identity_count>& shares) {
  const double draw = random.uniform();
  double cumulative = 0;
  for (std::size_t i = 0; i + 1 < identity_count; ++i)
    if (draw < (cumulative += shares[i])) return static_cast<std::uint8_t>(i);
  return static_cast<std::uint8_t>(identity_count - 1);
}

}  // namespace

void StaffSystem::declare_parameters(ParameterRegistry& registry) {
  OrganisationSettings::declare_parameters(registry);
  StaffSettings::declare_parameters(registry);
}

void StaffSystem::validate(const ParameterSet& parameters) {
  OrganisationSettings::validate(parameters);
  StaffSettings::validate(parameters, OrganisationSettings::from(parameters));
}

StaffSystem::StaffSystem(const ReplicationSetup& setup, const ReformSchedule& schedule,
                         const MetricCatalogue& metrics)
    : organisation_(OrganisationSettings::from(setup.parameters)),
      settings_(StaffSettings::from(setup.parameters, organisation_)),
      schedule_(schedule),
      metrics_(StaffMetricIds::from(metrics)),
      plan_(organisation_.merge_plan()),
      management_layers_(organisation_.management_layers_before) {
  set_units(false);
  posts_ = PostTable::uniform(plan_.old_units.size(), organisation_.posts_per_unit_before);
  sensitivity_ = settings_.sensitivity_before;
  appoint_initial_staff(setup);
  const std::size_t capacity = posts_.size() + posts_.size() / 8 + 16;
  staff_.reserve(capacity);
  // Promotion candidates come from one level: at most every staff member.
  promotion_candidates_.reserve(capacity);
  promotion_staff_.reserve(capacity);
  cell_members_.reserve(capacity);
  sorted_pay_.reserve(capacity);
  pay_sort_.keys.reserve(capacity), pay_sort_.scratch.reserve(capacity);
  size_career_buffers();
}

// For the current post table and up to the reserved staff, once at the start and once per
// reorganisation (not in a day's step).
void StaffSystem::size_career_buffers() {
  const std::size_t staff = std::max(staff_.id.capacity(), staff_.size());
  leavers_.reserve(staff), supernumeraries_.reserve(staff);
  vacancies_.reserve(posts_.size());
  posts_freed_.reserve(posts_.size()), posts_to_fill_.reserve(posts_.size());
}

std::vector<Phase> StaffSystem::phases() {
  return {{"organisation_restructuring", [this](const StepContext& c) { restructure(c); }},
          {"staff_work", [this](const StepContext& c) { work(c); }},
          {"staff_careers", [this](const StepContext& c) { run_careers(c); }}};
}

StaffMember StaffSystem::draw_member(std::uint64_t seed, std::int64_t step, std::uint64_t id,
                                     bool entrant) const {
  auto random = [&](std::uint32_t purpose) {
    return RandomStream(seed, DrawAddress{staff_member_stream, purpose, id, step});
  };
  StaffMember m;
  m.id = id;
  auto identity = random(draw_identity);
  m.identity = draw_identity_of(
      identity, entrant ? settings_.new_hire_identity_shares : settings_.identity_shares);
  auto ability = random(draw_ability);
  m.ability = bounded_normal(ability, settings_.ability);
  auto age = random(draw_age);
  m.age = bounded_normal(age, entrant ? settings_.entrant_age : settings_.age);
  auto start = random(draw_career_start);
  m.experience =
      entrant ? 0.0 : std::max(0.0, m.age - bounded_normal(start, settings_.career_start_age));
  m.motivation = random(draw_motivation).normal(0, settings_.effort_motivation_spread);
  m.aptitude = random(draw_aptitude).normal();
  m.tenure = entrant ? 0.0 : random(draw_tenure).uniform(0, std::max(m.experience, 1e-9));
  m.effort = effort_target(settings_, sensitivity_, m.motivation);
  return m;
}

void StaffSystem::appoint_initial_staff(const ReplicationSetup& setup) {
  const auto count = static_cast<std::size_t>(
      std::llround(settings_.initial_occupancy * static_cast<double>(posts_.size())));
  staff_.resize(count);
  candidates_.resize(count);
  for_each_block(count, [&](const Block& block) {
    for (std::size_t i = block.begin; i < block.end; ++i) {
      staff_.set(i, draw_member(setup.seed, -1, i, false));
      auto noise = setup.random(staff_member_stream, draw_initial_score, i);
      auto unit = setup.random(staff_member_stream, draw_initial_unit, i);
      const auto& w = settings_.initial_appointment;
      candidates_[i] = {i,
                        merit_score(w, staff_.ability[i], staff_.experience[i], 0.0,
                                    settings_.experience_saturation_years) +
                            w.noise * noise.normal(),
                        settings_.identity_wall_highest_level[staff_.identity[i]],
                        organisation_.entry_level(),
                        static_cast<std::int32_t>(unit.uniform_index(posts_.units()))};
    }
  });
  // The pre-reform organisation is the outcome of past appointments: the same matching rule on
  // a seniority-weighted score (README.md). Anyone left over waits at the entry level.
  const auto posts = match_candidates_to_posts(posts_, candidates_);
  for (std::size_t i = 0; i < count; ++i) {
    const bool seated = posts[i] >= 0;
    staff_.post[i] = posts[i];
    staff_.unit[i] =
        seated ? posts_.unit(static_cast<std::size_t>(posts[i])) : candidates_[i].home_unit;
    staff_.level[i] =
        seated ? posts_.level(static_cast<std::size_t>(posts[i])) : organisation_.entry_level();
    refresh_competence(i);
    staff_.output[i] = staff_.competence[i] * staff_.effort[i];
    staff_.kpi[i] = staff_.output[i];
    staff_.pay[i] =
        flat_pay(settings_.base_pay_by_level[static_cast<std::size_t>(staff_.level[i])], settings_);
  }
  next_staff_id_ = count;
  post_occupied_.assign(posts_.size(), 0);
  for (std::int64_t post : staff_.post)
    if (post >= 0) post_occupied_[static_cast<std::size_t>(post)] = 1;
}

void StaffSystem::set_units(bool merged) {
  const std::size_t units = merged ? plan_.new_units.size() : plan_.old_units.size();
  unit_is_park_.assign(units, 0), unit_approvals_.assign(units, 0),
      unit_penalties_.assign(units, 0);
  for (std::size_t u = 0; u < units; ++u) {
    if (merged) {
      unit_is_park_[u] = plan_.new_unit_kinds[u] == UnitKind::park_body;
      unit_approvals_[u] = plan_.new_unit_holds_approval_items(u);
      unit_penalties_[u] = plan_.new_unit_holds_penalty_powers(u);
    } else {
      unit_is_park_[u] = plan_.old_units[u].kind == UnitKind::park_body;
      unit_approvals_[u] = plan_.old_units[u].approval_items;
      unit_penalties_[u] = plan_.old_units[u].penalty_powers;
    }
  }
}

void StaffSystem::refresh_competence(std::size_t i) {
  staff_.competence[i] = competence(staff_.ability[i], staff_.aptitude[i], staff_.fit[i],
                                    settings_.level_aptitude_spread);
}

double StaffSystem::sensitivity_on(std::int64_t day) const {
  return pay_performance_sensitivity(settings_, schedule_.intensity(Measure::performance_pay, day));
}

std::array<std::int32_t, identity_count> StaffSystem::highest_allowed_levels(
    std::int64_t day) const {
  std::array<std::int32_t, identity_count> levels = settings_.identity_wall_highest_level;
  if (schedule_.active(Measure::remove_identity_wall, day)) levels.fill(0);
  return levels;
}

double StaffSystem::organisational_efficiency() const {
  return models::organisational_efficiency(staff_, organisation_.responsibility_weights,
                                           efficiency_partials_);
}

double StaffSystem::mean_productivity_where(const std::vector<std::uint8_t>& unit_flag) const {
  const ProductivitySums sums = productivity_partials_.reduce(
      staff_.size(), ProductivitySums{},
      [&](const Block& block) {
        ProductivitySums s;
        for (std::size_t i = block.begin; i < block.end; ++i)
          s.add(unit_flag[static_cast<std::size_t>(staff_.unit[i])] != 0, staff_.competence[i],
                staff_.effort[i]);
        return s;
      },
      [](ProductivitySums a, const ProductivitySums& b) {
        a.merge(b);
        return a;
      });
  return sums.mean();
}

double StaffSystem::approval_staff_productivity() const {
  return mean_productivity_where(unit_approvals_);
}

double StaffSystem::enforcement_staff_productivity() const {
  return mean_productivity_where(unit_penalties_);
}

void StaffSystem::service_capacity_by_unit(std::vector<UnitServiceCapacity>& capacity) const {
  capacity.assign(posts_.units(), UnitServiceCapacity{});  // keeps the capacity once sized
  // Serial: a few thousand staff, and a fixed summation order without partials per unit.
  for (std::size_t i = 0; i < staff_.size(); ++i) {
    UnitServiceCapacity& unit = capacity[static_cast<std::size_t>(staff_.unit[i])];
    unit.output += staff_.competence[i] * staff_.effort[i];
    unit.staff += 1;
  }
}

}  // namespace reformsim::models
