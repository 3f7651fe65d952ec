// inspected_firms.h - what the enforcement mechanism sees of the firms and writes back: a view
// of the firm arrays for one phase (taken afresh each day, since entries and exits move them).
// The firm model owns the arrays; enforcement owns what they mean.
#pragma once

#include <cstdint>
#include <span>

namespace reformsim::models {

// violation_remit value of a firm with no open violation.
inline constexpr std::uint8_t no_violation = 255;

struct InspectedFirms {
  std::span<const std::uint64_t> firm_id;        // stable ids: keys of the random streams
  std::span<const double> employment;            // workers: compliance time is shared by them
  std::span<const double> violation_propensity;  // latent: violations begun per year
  std::span<std::uint8_t> violation_remit;       // department whose field an open violation is in
  std::span<std::int32_t> last_inspection_day;   // reported day, -2^31 if never
  std::span<double> compliance_burden;           // fraction of working time lost (smoothed)
  // Enforcement's own per-firm values, kept so that a firm-day needs no exp: the daily
  // probability that a violation begins (NaN until first computed; the propensity is fixed),
  // and the last inspection rate with exp(-rate) (NaN at entry; reused while the rate is equal).
  std::span<double> violation_onset, inspection_rate, no_inspection;
  std::size_t size() const { return firm_id.size(); }
};

// Implemented by whoever holds the firms (FirmSystem); EnforcementSystem inspects through it.
class InspectionTargets {
 public:
  virtual ~InspectionTargets() = default;
  virtual InspectedFirms inspected_firms() = 0;
};

}  // namespace reformsim::models
