// approval_service.h - the contract between the firms (who apply) and the approval workflows
// (who decide). Firms submit applications and read outcomes; the approval side runs its queues.
// Two implementations: the queueing network of models/approvals/ (the real one) and a fixed
// delay (models/firms/, so firms can be tested and run without the network).
//
// Time is continuous inside the approval side: days carry fractions (day 12.25 is a quarter
// into working day 12, counted in reported days, Calendar::reported_day).
#pragma once

#include <cstdint>
#include <vector>

#include "sim/model/model.h"

namespace reformsim::models {

enum class ApplicationType : std::uint8_t {
  business_registration = 0,  // registers a new market entity
  investment_project = 1,     // project initiation to construction permit
};
inline constexpr std::size_t application_type_count = 2;

struct ApplicationRequest {
  ApplicationType type = ApplicationType::business_registration;
  std::uint64_t applicant = 0;  // the firm or entrant id, echoed back in the outcome
  double submitted_day = 0;     // continuous reported day
};

struct ApplicationOutcome {
  std::uint64_t application = 0;  // id returned by submit()
  ApplicationType type = ApplicationType::business_registration;
  std::uint64_t applicant = 0;
  double submitted_day = 0;
  double completed_day = 0;  // permit granted (or withdrawal registered)
  std::int32_t trips = 0;    // visits the applicant made to government offices
  bool withdrawn = false;
};

class ApprovalService {
 public:
  virtual ~ApprovalService() = default;
  // Called from a serial part of a phase (after per-block buffers are merged, in block order):
  // returns the application id (0, 1, 2, ... in submission order).
  virtual std::uint64_t submit(const ApplicationRequest& request) = 0;
  // The applicant gives up; its outcome is reported with withdrawn = true.
  virtual void withdraw(std::uint64_t application) = 0;
  // Runs the approval side to the end of context's day; outcomes of that day become available.
  virtual void advance(const StepContext& context) = 0;
  // Applications completed or withdrawn during the last advance(), in completion order.
  virtual const std::vector<ApplicationOutcome>& outcomes_today() const = 0;
  // What an applicant expects to wait now, in working days (for entry and investment
  // decisions): the recent mean time to permit, or the published time limit before any.
  virtual double expected_wait_days(ApplicationType type) const = 0;
  // Expected trips to offices per application of this type (a cost of entry).
  virtual double expected_trips(ApplicationType type) const = 0;
};

}  // namespace reformsim::models
