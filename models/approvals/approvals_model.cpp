#include "models/approvals/approvals_model.h"

#include <algorithm>

namespace reformsim::models {
namespace {

std::string arrival_key(ApplicationType type) {
  return "application_arrivals." + application_type_name(type) + "_per_day";
}

}  // namespace

std::string ApprovalsModel::description() const {
  return "approval workflows as a queueing network over departments, fed by Poisson arrivals "
         "of business registrations and investment projects, through the approval reform";
}

void ApprovalsModel::declare_parameters(ParameterRegistry& registry) const {
  ApprovalNetwork::declare_parameters(registry);
  declare_reform_parameters(registry);
  registry.add(real_parameter(arrival_key(ApplicationType::business_registration), 8, 0, 1e7,
                              "applications per day",
                              "mean of the Poisson stream of business registrations",
                              "seed section 3.3: 1347-1853 new market entities in 187 working "
                              "days of 2017-2018, about 7-10 a day"));
  registry.add(real_parameter(arrival_key(ApplicationType::investment_project), 0.5, 0, 1e7,
                              "applications per day",
                              "mean of the Poisson stream of investment projects",
                              "assumption: about 125 projects a year"));
}

void ApprovalsModel::validate(const ParameterSet& parameters) const {
  ApprovalNetwork::validate(parameters);
}

MetricCatalogue ApprovalsModel::metrics(const ParameterSet& parameters) const {
  MetricCatalogue catalogue;
  ApprovalNetwork::declare_metrics(parameters, catalogue);
  return catalogue;
}

std::unique_ptr<ModelState> ApprovalsModel::create_state(const ReplicationSetup& setup,
                                                         const MetricCatalogue& metrics) const {
  return std::make_unique<ApprovalsState>(setup, metrics);
}

ApprovalsState::ApprovalsState(const ReplicationSetup& setup, const MetricCatalogue& metrics)
    : network_(setup, ReformSchedule(setup.parameters), metrics) {
  for (std::size_t type = 0; type < application_type_count; ++type)
    arrivals_per_day_[type] =
        setup.parameters.real(arrival_key(static_cast<ApplicationType>(type)));
  arrivals_.reserve(64);
}

std::vector<Phase> ApprovalsState::phases() {
  return {{"application_arrivals", [this](const StepContext& c) { submit_arrivals(c); }},
          {"approval_queues", [this](const StepContext& c) { network_.advance(c); }}};
}

void ApprovalsState::submit_arrivals(const StepContext& context) {
  const auto day = static_cast<double>(context.calendar.reported_day(context.step));
  arrivals_.clear();
  for (std::size_t type = 0; type < application_type_count; ++type) {
    auto count = context.random(approval_arrival_stream, approval_arrival_count, type);
    const std::uint64_t arrivals = count.poisson(arrivals_per_day_[type]);
    // A Poisson count with uniform times within the day is a Poisson process in continuous time.
    auto times = context.random(approval_arrival_stream, approval_arrival_time, type);
    for (std::uint64_t k = 0; k < arrivals; ++k)
      arrivals_.push_back({day + times.uniform(), static_cast<ApplicationType>(type)});
  }
  std::sort(arrivals_.begin(), arrivals_.end(), [](const Arrival& a, const Arrival& b) {
    return a.day < b.day || (a.day == b.day && a.type < b.type);
  });
  for (const Arrival& arrival : arrivals_)
    network_.submit({arrival.type, next_applicant_++, arrival.day});
}

void ApprovalsState::record(const StepContext& context, MetricRow& row) const {
  network_.record(context, row);
}

void ApprovalsState::summarise(MetricRow& row) const {
  network_.summarise(row);
}

}  // namespace reformsim::models
