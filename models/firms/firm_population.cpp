#include "models/firms/firm_population.h"

#include <algorithm>
#include <limits>

#include "models/common/stable_removal.h"

namespace reformsim::models {

void FirmPopulation::reserve(std::size_t firms) {
  for_each_column([&](auto& column) { column.reserve(firms); });
  exit_positions.reserve(firms);
}

void FirmPopulation::add(const FirmRecord& firm) {
  id.push_back(firm.id);
  sector.push_back(firm.sector);
  foreign_invested.push_back(firm.foreign_invested);
  exporting.push_back(firm.exporting);
  exiting.push_back(0);
  log_productivity.push_back(firm.log_productivity);
  capital.push_back(firm.capital);
  log_capital.push_back(std::log(firm.capital));
  employment.push_back(firm.employment);
  margin.push_back(firm.margin);
  violation_propensity.push_back(firm.violation_propensity);
  compliance_burden.push_back(0.0);
  violation_onset.push_back(std::numeric_limits<double>::quiet_NaN());
  inspection_rate.push_back(std::numeric_limits<double>::quiet_NaN());
  no_inspection.push_back(std::numeric_limits<double>::quiet_NaN());
  violation_remit.push_back(firm.violation_remit);
  last_inspection_day.push_back(std::numeric_limits<std::int32_t>::min());
  // The exits' scratch follows the columns' capacity: it grows when they double, here, and
  // never inside remove_exiting().
  exit_positions.reserve(id.capacity());
}

std::size_t FirmPopulation::remove_exiting() {
  // The exiting column too: what stays of it is all zeros.
  return remove_flagged(*this, exiting, exit_positions);
}

std::optional<std::size_t> FirmPopulation::index_of(std::uint64_t firm_id) const {
  const auto found = std::lower_bound(id.begin(), id.end(), firm_id);
  if (found == id.end() || *found != firm_id) return std::nullopt;
  return static_cast<std::size_t>(found - id.begin());
}

InspectedFirms FirmPopulation::inspected() {
  return {id,
          employment,
          violation_propensity,
          violation_remit,
          last_inspection_day,
          compliance_burden,
          violation_onset,
          inspection_rate,
          no_inspection};
}

}  // namespace reformsim::models
