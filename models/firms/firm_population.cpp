#include "models/firms/firm_population.h"

#include <algorithm>
#include <limits>

namespace reformsim::models {
namespace {

// Stable in-place removal of the flagged entries of one array.
template <typename T>
void keep_unflagged(std::vector<T>& values, const std::vector<std::uint8_t>& flagged) {
  std::size_t kept = 0;
  for (std::size_t i = 0; i < values.size(); ++i)
    if (!flagged[i]) values[kept++] = values[i];
  values.resize(kept);
}

}  // namespace

void FirmPopulation::reserve(std::size_t firms) {
  id.reserve(firms);
  for (auto* bytes : {&sector, &foreign_invested, &exporting, &exiting, &violation_remit})
    bytes->reserve(firms);
  for (auto* reals : {&log_productivity, &capital, &employment, &margin, &violation_propensity,
                      &compliance_burden})
    reals->reserve(firms);
  last_inspection_day.reserve(firms);
}

void FirmPopulation::add(const FirmRecord& firm) {
  id.push_back(firm.id);
  sector.push_back(firm.sector);
  foreign_invested.push_back(firm.foreign_invested);
  exporting.push_back(firm.exporting);
  exiting.push_back(0);
  log_productivity.push_back(firm.log_productivity);
  capital.push_back(firm.capital);
  employment.push_back(firm.employment);
  margin.push_back(firm.margin);
  violation_propensity.push_back(firm.violation_propensity);
  compliance_burden.push_back(0.0);
  violation_remit.push_back(firm.violation_remit);
  last_inspection_day.push_back(std::numeric_limits<std::int32_t>::min());
}

std::size_t FirmPopulation::remove_exiting() {
  const auto leaving = static_cast<std::size_t>(std::count(exiting.begin(), exiting.end(), 1));
  if (leaving == 0) return 0;
  keep_unflagged(id, exiting);
  keep_unflagged(sector, exiting);
  keep_unflagged(foreign_invested, exiting);
  keep_unflagged(exporting, exiting);
  keep_unflagged(log_productivity, exiting);
  keep_unflagged(capital, exiting);
  keep_unflagged(employment, exiting);
  keep_unflagged(margin, exiting);
  keep_unflagged(violation_propensity, exiting);
  keep_unflagged(compliance_burden, exiting);
  keep_unflagged(violation_remit, exiting);
  keep_unflagged(last_inspection_day, exiting);
  exiting.assign(id.size(), 0);
  return leaving;
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
          compliance_burden};
}

}  // namespace reformsim::models
