#include "models/staff/workforce.h"

#include <cmath>

#include "models/common/stable_removal.h"
#include "sim/parallel/blocks.h"

namespace reformsim::models {

void Workforce::reserve(std::size_t capacity) {
  for_each_column([&](auto& column) { column.reserve(capacity); });
  leaver_positions.reserve(capacity);
}

void Workforce::resize(std::size_t count) {
  for_each_column([&](auto& column) { column.resize(count); });
}

void Workforce::push_back(const StaffMember& m) {
  resize(size() + 1);
  set(size() - 1, m);
}

void Workforce::set(std::size_t i, const StaffMember& m) {
  id[i] = m.id, unit[i] = m.unit, level[i] = m.level, post[i] = m.post;
  identity[i] = m.identity, leaving[i] = static_cast<std::uint8_t>(Leaving::stays);
  ability[i] = m.ability, aptitude[i] = m.aptitude, fit[i] = m.fit, competence[i] = m.competence;
  experience[i] = m.experience, age[i] = m.age, tenure[i] = m.tenure;
  motivation[i] = m.motivation, effort[i] = m.effort, pay[i] = m.pay, kpi[i] = m.kpi;
  output[i] = m.output;
}

StaffMember Workforce::member(std::size_t i) const {
  return {id[i],         unit[i],   level[i],      post[i],       identity[i], ability[i],
          aptitude[i],   fit[i],    competence[i], experience[i], age[i],      tenure[i],
          motivation[i], effort[i], pay[i],        kpi[i],        output[i]};
}

std::size_t Workforce::remove_leavers() {
  // The leaving column too: what stays of it is all zeros.
  return remove_flagged(*this, leaving, leaver_positions);
}

void Workforce::remove_at(std::span<const std::size_t> positions) {
  remove_from_every_column(*this, positions);
}

double organisational_efficiency(const Workforce& workforce,
                                 std::span<const double> responsibility_weights) {
  BlockPartials<EfficiencySums> partials;
  return organisational_efficiency(workforce, responsibility_weights, partials);
}

double organisational_efficiency(const Workforce& workforce,
                                 std::span<const double> responsibility_weights,
                                 BlockPartials<EfficiencySums>& partials) {
  const EfficiencySums sums = partials.reduce(
      workforce.size(), EfficiencySums{},
      [&](const Block& block) {
        EfficiencySums partial;
        for (std::size_t i = block.begin; i < block.end; ++i)
          partial.add(workforce, responsibility_weights, i);
        return partial;
      },
      [](EfficiencySums a, const EfficiencySums& b) {
        a.merge(b);
        return a;
      });
  return sums.efficiency();
}

}  // namespace reformsim::models
