#include "models/firms/fixed_delay_approvals.h"

#include <algorithm>
#include <cmath>

namespace reformsim::models {
namespace {

constexpr std::array<Measure, 6> approval_measures{
    Measure::one_window_bureau,   Measure::step_reduction, Measure::parallel_approval,
    Measure::tolerant_acceptance, Measure::pre_review,     Measure::delegation};

const std::array<std::string, application_type_count> type_keys{"business_registration",
                                                                "investment_project"};

}  // namespace

void FixedDelayApprovals::declare_parameters(ParameterRegistry& registry) {
  struct Defaults {
    double days_before, days_after, trips_before, trips_after;
    std::string days_source, trips_source;
  };
  const std::array<Defaults, application_type_count> defaults{
      Defaults{10, 3, 4, 1,
               "before: the approvals model's published limit (assumption); after: "
               "assumption",
               "assumption: one trip per item before; one after ('get it done in "
               "one go', seed section 2)"},
      Defaults{54, 8, 29, 1, "seed section 3.2 (54 working days before, 8 after)",
               "assumption: about one trip per office before (approvals model: 26 items + "
               "2.6 expected returns = 28.6); one "
               "after (one window, seed section 2.1)"}};
  for (std::size_t t = 0; t < application_type_count; ++t) {
    const std::string prefix = "fixed_approvals." + type_keys[t] + "_";
    const Defaults& d = defaults[t];
    registry.add(
        reform_input(real_parameter(prefix + "days_before", d.days_before, 0, 1e4, "working days",
                                    "time to permit before the approval measures", d.days_source)));
    registry.add(reform_input(
        real_parameter(prefix + "days_after", d.days_after, 0, 1e4, "working days",
                       "time to permit once the approval measures are on", d.days_source)));
    registry.add(reform_input(
        real_parameter(prefix + "trips_before", d.trips_before, 0, 1e3, "trips",
                       "visits to offices before the approval measures", d.trips_source)));
    registry.add(reform_input(real_parameter(prefix + "trips_after", d.trips_after, 0, 1e3, "trips",
                                             "visits to offices once the approval measures are on",
                                             d.trips_source)));
  }
  registry.add(boolean_parameter("fixed_approvals.reform_shortening", true,
                                 "the after values apply from the approval measures' days "
                                 "(false: the before values throughout)",
                                 "scenario choice"));
}

FixedDelaySettings FixedDelaySettings::from(const ParameterSet& p) {
  FixedDelaySettings settings;
  for (std::size_t t = 0; t < application_type_count; ++t) {
    const std::string prefix = "fixed_approvals." + type_keys[t] + "_";
    settings.days_before[t] = p.real(prefix + "days_before");
    settings.days_after[t] = p.real(prefix + "days_after");
    settings.trips_before[t] = p.real(prefix + "trips_before");
    settings.trips_after[t] = p.real(prefix + "trips_after");
  }
  settings.reform_shortening = p.boolean("fixed_approvals.reform_shortening");
  return settings;
}

FixedDelayApprovals::FixedDelayApprovals(FixedDelaySettings settings,
                                         const ReformSchedule& schedule)
    : settings_(settings), schedule_(schedule) {}

namespace {

double reformed_share(const ReformSchedule& schedule, bool shortening, double day) {
  if (!shortening) return 0.0;
  double share = 0;
  for (Measure measure : approval_measures)
    share =
        std::max(share, schedule.intensity(measure, static_cast<std::int64_t>(std::floor(day))));
  return share;
}

}  // namespace

double FixedDelayApprovals::delay_on(ApplicationType type, double day) const {
  const double q = reformed_share(schedule_, settings_.reform_shortening, day);
  return settings_.days_before[index(type)] +
         q * (settings_.days_after[index(type)] - settings_.days_before[index(type)]);
}

double FixedDelayApprovals::trips_on(ApplicationType type, double day) const {
  const double q = reformed_share(schedule_, settings_.reform_shortening, day);
  return settings_.trips_before[index(type)] +
         q * (settings_.trips_after[index(type)] - settings_.trips_before[index(type)]);
}

std::uint64_t FixedDelayApprovals::submit(const ApplicationRequest& request) {
  const std::uint64_t id = applications_.size();
  const double day = std::max(request.submitted_day, today_);
  ApplicationOutcome application{
      id,
      request.type,
      request.applicant,
      day,
      day + delay_on(request.type, day),
      static_cast<std::int32_t>(std::lround(trips_on(request.type, day))),
      false};
  applications_.push_back(application);
  status_.push_back(Status::waiting);
  due_.push({application.completed_day, id});
  ++submitted_[index(request.type)];
  return id;
}

void FixedDelayApprovals::withdraw(std::uint64_t application) {
  if (application >= status_.size() || status_[application] != Status::waiting) return;
  status_[application] = Status::withdrawn;
  withdrawals_.push_back(application);
}

void FixedDelayApprovals::advance(const StepContext& context) {
  today_ = static_cast<double>(context.calendar.reported_day(context.step));
  const double day_end = today_ + 1;
  outcomes_.clear();
  // Withdrawals are registered first, on the day they are made.
  for (std::uint64_t id : withdrawals_) {
    ApplicationOutcome outcome = applications_[id];
    outcome.completed_day = std::max(today_, outcome.submitted_day);
    outcome.withdrawn = true;
    outcomes_.push_back(outcome);
    ++withdrawn_[index(outcome.type)];
  }
  withdrawals_.clear();
  while (!due_.empty() && due_.top().day < day_end) {
    const std::uint64_t id = due_.top().application;
    due_.pop();
    if (status_[id] != Status::waiting) continue;
    status_[id] = Status::completed;
    outcomes_.push_back(applications_[id]);
    ++completed_[index(applications_[id].type)];
  }
}

double FixedDelayApprovals::expected_wait_days(ApplicationType type) const {
  return delay_on(type, today_);
}

double FixedDelayApprovals::expected_trips(ApplicationType type) const {
  return trips_on(type, today_);
}

std::uint64_t FixedDelayApprovals::in_progress(ApplicationType type) const {
  return submitted_[index(type)] - completed_[index(type)] - withdrawn_[index(type)];
}

}  // namespace reformsim::models
