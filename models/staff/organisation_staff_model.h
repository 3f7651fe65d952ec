// organisation_staff_model.h - the organisation and staff mechanism on its own (model name in
// configs: organisation_staff): departments, layers, posts and staff through the 2018 reform of
// organisation and staff (seed section 1.1-1.3), without approvals, firms or enforcement.
#pragma once

#include "models/staff/staff_system.h"
#include "sim/model/model.h"

namespace reformsim::models {

class OrganisationStaffModel : public Model {
 public:
  std::string name() const override { return "organisation_staff"; }
  std::string description() const override;
  void declare_parameters(ParameterRegistry& registry) const override;
  void validate(const ParameterSet& parameters) const override;
  MetricCatalogue metrics(const ParameterSet& parameters) const override;
  std::unique_ptr<ModelState> create_state(const ReplicationSetup& setup,
                                           const MetricCatalogue& metrics) const override;
};

class OrganisationStaffState : public ModelState {
 public:
  OrganisationStaffState(const ReplicationSetup& setup, const MetricCatalogue& metrics)
      : staff_(setup, ReformSchedule(setup.parameters), metrics) {}
  std::vector<Phase> phases() override { return staff_.phases(); }
  void record(const StepContext& context, MetricRow& row) const override {
    staff_.record(context, row);
  }
  void summarise(MetricRow& row) const override { staff_.summarise(row); }
  const StaffSystem& staff() const { return staff_; }
  StaffSystem& staff() { return staff_; }

 private:
  StaffSystem staff_;
};

}  // namespace reformsim::models
