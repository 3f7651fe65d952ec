// approvals_model.h - the approval network on its own: Poisson arrivals of both application
// types (rates from config) feed an ApprovalNetwork through the reform, so the queueing side can
// be run, calibrated and tested without firms. Model name in configs: approvals.
#pragma once

#include <memory>

#include "models/approvals/approval_network.h"
#include "sim/model/model.h"

namespace reformsim::models {

class ApprovalsModel : public Model {
 public:
  std::string name() const override { return "approvals"; }
  std::string description() const override;
  void declare_parameters(ParameterRegistry& registry) const override;
  void validate(const ParameterSet& parameters) const override;
  MetricCatalogue metrics(const ParameterSet& parameters) const override;
  std::unique_ptr<ModelState> create_state(const ReplicationSetup& setup,
                                           const MetricCatalogue& metrics) const override;
};

// One replication: the day's arrivals are drawn and submitted in time order, then the network
// runs to the end of the day.
class ApprovalsState : public ModelState {
 public:
  ApprovalsState(const ReplicationSetup& setup, const MetricCatalogue& metrics);
  std::vector<Phase> phases() override;
  void record(const StepContext& context, MetricRow& row) const override;
  void summarise(MetricRow& row) const override;

  ApprovalNetwork& network() { return network_; }
  // Submits the day's Poisson arrivals of every type at uniform times within the day.
  void submit_arrivals(const StepContext& context);

 private:
  struct Arrival {
    double day;
    ApplicationType type;
  };
  std::array<double, application_type_count> arrivals_per_day_{};
  ApprovalNetwork network_;
  std::vector<Arrival> arrivals_;  // today's, reused
  std::uint64_t next_applicant_ = 0;
};

}  // namespace reformsim::models
