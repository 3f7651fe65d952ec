#include "models/staff/workforce.h"

#include <cmath>

#include "sim/parallel/blocks.h"

namespace reformsim::models {

void Workforce::reserve(std::size_t capacity) {
  for_each_column([&](auto& column) { column.reserve(capacity); });
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
  const std::size_t before = size();
  std::size_t kept = 0;
  for (std::uint8_t flag : leaving)
    kept += flag == 0;
  if (kept == before) return 0;
  // Every column but the flags themselves, which are compacted last (they are all 0 after).
  for_each_column([&](auto& column) {
    if (static_cast<const void*>(&column) == static_cast<const void*>(&leaving)) return;
    std::size_t next = 0;
    for (std::size_t i = 0; i < before; ++i)
      if (!leaving[i]) column[next++] = column[i];
    column.resize(kept);
  });
  leaving.assign(kept, 0);
  return before - kept;
}

double organisational_efficiency(const Workforce& workforce,
                                 std::span<const double> responsibility_weights) {
  BlockPartials<EfficiencySums> partials;
  return organisational_efficiency(workforce, responsibility_weights, partials);
}

double organisational_efficiency(const Workforce& workforce,
                                 std::span<const double> responsibility_weights,
                                 BlockPartials<EfficiencySums>& partials) {
  using Sums = EfficiencySums;
  const Sums sums = partials.reduce(
      workforce.size(), Sums{},
      [&](const Block& block) {
        Sums partial;
        for (std::size_t i = block.begin; i < block.end; ++i) {
          if (workforce.post[i] < 0) continue;
          const double weight =
              responsibility_weights[static_cast<std::size_t>(workforce.level[i])];
          partial.weighted_competence += weight * workforce.competence[i];
          partial.weight += weight;
        }
        return partial;
      },
      [](Sums a, const Sums& b) {
        a.weighted_competence += b.weighted_competence;
        a.weight += b.weight;
        return a;
      });
  return sums.weight > 0 ? sums.weighted_competence / sums.weight : NAN;
}

}  // namespace reformsim::models
