// fixed_delay_approvals.h - the simplest ApprovalService: every application of a type takes a
// fixed number of working days and trips (from config), the shorter "after" values from the day
// the approval measures switch on, so firms run and are tested without the queueing network.
// The delay and trips are fixed at submission (grandfathering, as in the network). During a
// phase-in the delay is interpolated by the largest intensity among the six approval measures.
#pragma once

#include <array>
#include <queue>
#include <vector>

#include "models/common/approval_service.h"
#include "models/common/reform_measures.h"

namespace reformsim::models {

struct FixedDelaySettings {
  std::array<double, application_type_count> days_before{}, days_after{};
  std::array<double, application_type_count> trips_before{}, trips_after{};
  bool reform_shortening = true;

  static FixedDelaySettings from(const ParameterSet& parameters);
};

class FixedDelayApprovals : public ApprovalService {
 public:
  static void declare_parameters(ParameterRegistry& registry);  // fixed_approvals.* only

  FixedDelayApprovals(FixedDelaySettings settings, const ReformSchedule& schedule);

  std::uint64_t submit(const ApplicationRequest& request) override;
  void withdraw(std::uint64_t application) override;
  void advance(const StepContext& context) override;
  const std::vector<ApplicationOutcome>& outcomes_today() const override { return outcomes_; }
  double expected_wait_days(ApplicationType type) const override;
  double expected_trips(ApplicationType type) const override;

  // The delay and trips in force on reported day `day`.
  double delay_on(ApplicationType type, double day) const;
  double trips_on(ApplicationType type, double day) const;
  // Counts by type, for conservation: submitted = completed + withdrawn + in progress.
  std::uint64_t submitted(ApplicationType type) const { return submitted_[index(type)]; }
  std::uint64_t completed(ApplicationType type) const { return completed_[index(type)]; }
  std::uint64_t withdrawn(ApplicationType type) const { return withdrawn_[index(type)]; }
  std::uint64_t in_progress(ApplicationType type) const;

 private:
  static std::size_t index(ApplicationType type) { return static_cast<std::size_t>(type); }
  enum class Status : std::uint8_t { waiting, completed, withdrawn };
  struct Due {
    double day;
    std::uint64_t application;
    bool operator>(const Due& other) const {
      return day != other.day ? day > other.day : application > other.application;
    }
  };

  FixedDelaySettings settings_;
  ReformSchedule schedule_;
  // Reported day of the last advance: submissions are never dated before it, and the wait
  // estimates refer to it (before any advance: a day before every reform, the before values).
  double today_ = -1e9;
  std::vector<ApplicationOutcome> applications_;  // by id; completed_day = due day
  std::vector<Status> status_;
  std::priority_queue<Due, std::vector<Due>, std::greater<Due>> due_;
  std::vector<std::uint64_t> withdrawals_;  // since the last advance, in call order
  std::vector<ApplicationOutcome> outcomes_;
  std::array<std::uint64_t, application_type_count> submitted_{}, completed_{}, withdrawn_{};
};

}  // namespace reformsim::models
