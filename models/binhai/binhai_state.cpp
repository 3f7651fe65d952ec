#include "models/binhai/binhai_state.h"

namespace reformsim::models {
namespace {

ServiceCapacityLink make_link(const ParameterSet& parameters, const ReformSchedule& schedule,
                              const std::string& configured_key,
                              std::initializer_list<Measure> reorganising) {
  bool any = false;
  const std::int64_t day = first_start_day(schedule, reorganising, any);
  return ServiceCapacityLink(ServiceCapacityLinkSettings::from(parameters),
                             parameters.real(configured_key), day, any);
}

// The approvals.* settings on the organisation's units and with its layer counts: the staff
// model sets the sign-offs per item from its own hierarchy, so the workflows built before the
// first step (approval_network.h) are those of the organisation's layers before and after.
ApprovalSettings approval_settings_of(const ParameterSet& parameters, const StaffSystem& staff,
                                      ApprovalUnitLayout layout) {
  ApprovalSettings settings = approval_settings_with(parameters, std::move(layout));
  settings.management_layers_before = staff.organisation_settings().management_layers_before;
  settings.management_layers_after = staff.organisation_settings().management_layers_after;
  return settings;
}

}  // namespace

BinhaiState::BinhaiState(const ReplicationSetup& setup, const MetricCatalogue& metrics)
    : schedule_(setup.parameters),
      staff_(setup, schedule_, metrics),
      approval_unit_staff_(approval_units_of(staff_.merge_plan()), staff_.merge_plan()),
      approvals_(setup, schedule_, metrics,
                 approval_settings_of(setup.parameters, staff_, approval_unit_staff_.layout())),
      penalty_department_staff_(staff_.merge_plan()),
      enforcement_(setup, schedule_, metrics),
      firms_(std::make_unique<FirmSystem>(setup, schedule_, metrics, approvals_, enforcement_)),
      approval_link_(make_link(setup.parameters, schedule_, "approvals.staff_productivity",
                               {Measure::merge_departments, Measure::one_window_bureau})),
      enforcement_link_(make_link(setup.parameters, schedule_, "enforcement.staff_productivity",
                                  {Measure::merge_departments, Measure::consolidated_enforcement})),
      ids_{metrics.id("approval_service_factor"), metrics.id("enforcement_service_factor")},
      configured_city_productivity_(setup.parameters.real("approvals.staff_productivity")) {}

std::vector<Phase> BinhaiState::phases() {
  std::vector<Phase> day = staff_.phases();
  day.push_back({"service_capacity", [this](const StepContext& c) { link_service_capacity(c); }});
  for (Phase& phase : enforcement_.phases())
    day.push_back(std::move(phase));
  for (Phase& phase : firms_->phases()) {
    // The approval queues run between the firms' applications and their outcomes.
    if (phase.name == "firm_approval_outcomes")
      day.push_back({"approval_queues", [this](const StepContext& c) { approvals_.advance(c); }});
    day.push_back(std::move(phase));
  }
  return day;
}

void BinhaiState::link_service_capacity(const StepContext& context) {
  const std::int64_t day = context.calendar.reported_day(context.step);
  approval_factor_ = approval_link_.factor(day, staff_.approval_staff_productivity());
  enforcement_factor_ = enforcement_link_.factor(day, staff_.enforcement_staff_productivity());
  approvals_.set_staff_productivity(approval_factor_);
  // Each unit at its own staff's rate; the city's staff are not the zone's.
  staff_.service_capacity_by_unit(capacity_);
  approval_unit_staff_.productivity(capacity_, staff_.merged(), unit_productivity_);
  const ApprovalUnitLayout& layout = approval_unit_staff_.layout();
  for (std::int32_t unit = 0; unit < layout.unit_count(); ++unit)
    approvals_.set_unit_staff_productivity(
        static_cast<std::size_t>(unit),
        unit == layout.city()
            ? configured_city_productivity_
            : approval_link_.unit_factor(day, unit_productivity_[static_cast<std::size_t>(unit)]));
  // Every management layer signs off every approval item: the organisation's count today.
  approvals_.set_management_layers(staff_.management_layers());
  enforcement_.set_staff_productivity(enforcement_factor_);
  // Each department's inspectors at their own staff's rate (the bureau: the zone's).
  penalty_department_staff_.productivity(capacity_, staff_.merged(),
                                         staff_.enforcement_staff_productivity(),
                                         department_productivity_);
  for (std::size_t d = 0; d < department_productivity_.size(); ++d)
    enforcement_.set_department_staff_productivity(
        d, enforcement_link_.unit_factor(day, department_productivity_[d]));
}

void BinhaiState::record(const StepContext& context, MetricRow& row) const {
  staff_.record(context, row);
  approvals_.record(context, row);
  enforcement_.record(context, row);
  firms_->record(context, row);
  row.set(ids_.approval_service_factor, approval_factor_);
  row.set(ids_.enforcement_service_factor, enforcement_factor_);
}

void BinhaiState::summarise(MetricRow& row) const {
  staff_.summarise(row);
  approvals_.summarise(row);
  enforcement_.summarise(row);
  firms_->summarise(row);
}

}  // namespace reformsim::models
