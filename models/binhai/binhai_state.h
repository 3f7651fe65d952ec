// binhai_state.h - one replication of the Binhai model: the four mechanisms and the links
// between them (the approval units are the organisation's: approval_unit_staff.h), stepped in
// this order each working day:
//   staff phases -> service capacity (staff to approvals and enforcement) -> enforcement
//   inspections -> firm production, exits, applications -> approval queues -> firm outcomes.
#pragma once

#include <memory>

#include "models/approvals/approval_network.h"
#include "models/binhai/approval_unit_staff.h"
#include "models/binhai/penalty_department_staff.h"
#include "models/binhai/service_capacity_link.h"
#include "models/enforcement/enforcement_system.h"
#include "models/firms/firm_system.h"
#include "models/staff/staff_system.h"

namespace reformsim::models {

struct BinhaiLinkMetrics {
  MetricId approval_service_factor, enforcement_service_factor;
};

class BinhaiState : public ModelState {
 public:
  BinhaiState(const ReplicationSetup& setup, const MetricCatalogue& metrics);
  std::vector<Phase> phases() override;
  void record(const StepContext& context, MetricRow& row) const override;
  void summarise(MetricRow& row) const override;

  const StaffSystem& staff() const { return staff_; }
  const ApprovalNetwork& approvals() const { return approvals_; }
  const EnforcementSystem& enforcement() const { return enforcement_; }
  const FirmSystem& firms() const { return *firms_; }

 private:
  void link_service_capacity(const StepContext& context);

  ReformSchedule schedule_;
  StaffSystem staff_;
  ApprovalUnitStaff approval_unit_staff_;  // the approval units on the staff's merge plan
  ApprovalNetwork approvals_;
  PenaltyDepartmentStaff penalty_department_staff_;  // enforcement's departments on that plan
  EnforcementSystem enforcement_;
  std::unique_ptr<FirmSystem> firms_;  // neither copied nor moved: it registers with enforcement
  ServiceCapacityLink approval_link_, enforcement_link_;
  BinhaiLinkMetrics ids_;
  double approval_factor_ = 1, enforcement_factor_ = 1;
  double configured_city_productivity_ = 1;
  std::vector<UnitServiceCapacity> capacity_;    // the staff model's, by unit, today
  std::vector<double> unit_productivity_;        // of the approval units' staff today
  std::vector<double> department_productivity_;  // of the enforcement departments' staff
};

}  // namespace reformsim::models
