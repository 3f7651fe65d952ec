// workforce.h - the staff agents as a structure of arrays, one entry per staff member, in the
// order they joined (removals keep that order, so every reduction is the same on any thread
// count). A staff member holds at most one post; post = -1 means no post (supernumerary after
// a merge, until a vacancy of their unit and level opens).
#pragma once

#include <cmath>
#include <cstdint>
#include <span>
#include <vector>

#include "models/common/block_partials.h"
#include "models/common/selected_indices.h"

namespace reformsim::models {

// Why a staff member leaves at the end of the day.
enum class Leaving : std::uint8_t { stays = 0, retires = 1, exits = 2 };

struct StaffMember {
  std::uint64_t id = 0;
  std::int32_t unit = 0, level = 0;
  std::int64_t post = -1;
  std::uint8_t identity = 0;
  double ability = 0, aptitude = 0, fit = 1, competence = 0;
  double experience = 0, age = 0, tenure = 0;  // years
  double motivation = 0, effort = 0, pay = 0, kpi = 0, output = 0;
};

struct Workforce {
  std::vector<std::uint64_t> id;
  std::vector<std::int32_t> unit, level;
  std::vector<std::int64_t> post;
  std::vector<std::uint8_t> identity, leaving;
  std::vector<double> ability, aptitude, fit, competence;
  std::vector<double> experience, age, tenure;
  std::vector<double> motivation, effort, pay, kpi, output;
  SelectedIndices leaver_positions;  // scratch of remove_leavers(), kept between days

  static constexpr std::size_t column_count = 18;  // the columns for_each_column visits
  std::size_t size() const { return id.size(); }
  void reserve(std::size_t capacity);
  void resize(std::size_t count);
  void push_back(const StaffMember& member);
  void set(std::size_t index, const StaffMember& member);
  StaffMember member(std::size_t index) const;
  // Removes everyone whose leaving flag is set, keeping the others in order (the columns in
  // parallel); returns how many.
  std::size_t remove_leavers();
  // Removes the staff at `positions` (ascending; the leavers a caller has already found),
  // keeping the others in order.
  void remove_at(std::span<const std::size_t> positions);

  template <typename Visit>
  void for_each_column(Visit&& visit) {
    visit(id), visit(unit), visit(level), visit(post), visit(identity), visit(leaving);
    visit(ability), visit(aptitude), visit(fit), visit(competence);
    visit(experience), visit(age), visit(tenure);
    visit(motivation), visit(effort), visit(pay), visit(kpi), visit(output);
  }
};

// Responsibility-weighted mean competence of the occupied posts, as a fraction of its maximum
// (every occupied post held at competence 1): sum w_l(p) c_p / sum w_l(p) over staff with a
// post. NaN when no post is occupied.
double organisational_efficiency(const Workforce& workforce,
                                 std::span<const double> responsibility_weights);
// Its sums, staff member by staff member, for a pass that adds up other things too (the
// staff model's record): the same additions in the same order as the function's.
struct EfficiencySums {
  double weighted_competence = 0, weight = 0;
  void add(const Workforce& workforce, std::span<const double> responsibility_weights,
           std::size_t i) {
    if (workforce.post[i] < 0) return;
    const double w = responsibility_weights[static_cast<std::size_t>(workforce.level[i])];
    weighted_competence += w * workforce.competence[i];
    weight += w;
  }
  void merge(const EfficiencySums& other) {
    weighted_competence += other.weighted_competence;
    weight += other.weight;
  }
  double efficiency() const { return weight > 0 ? weighted_competence / weight : NAN; }
};
// The same, with the block partials in a buffer the caller keeps (no allocation once grown).
double organisational_efficiency(const Workforce& workforce,
                                 std::span<const double> responsibility_weights,
                                 BlockPartials<EfficiencySums>& partials);

}  // namespace reformsim::models
