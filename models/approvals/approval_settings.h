// approval_settings.h - the approvals' parameters (section approvals.*), read once into plain
// values with the layout of the approval units (approval_unit_layout.h), and the rules that
// build a workflow plan from them.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "models/approvals/approval_unit_layout.h"
#include "models/approvals/queueing_network.h"
#include "models/common/reform_measures.h"
#include "sim/config/parameter_registry.h"
#include "sim/config/parameter_set.h"

namespace reformsim::models {

// An approval item declared in approvals.workflow_file (workflow_file.h) rather than generated
// from the counts.
struct DeclaredItem {
  std::string name;
  std::int32_t department = 0;  // 0-based approval department owning the item
  std::int64_t steps_before = 0, steps_after = 0;
  bool city = false;  // handled by the city until delegation
  // Earlier items (indices into the type's declared items, as named) that must finish before
  // this one starts under parallel_approval; empty: it starts at submission.
  std::vector<std::uint32_t> after;
};

struct WorkflowSettings {
  std::int64_t steps_before = 0;    // steps with step_reduction off
  std::int64_t steps_after = 0;     // steps with step_reduction on
  std::int64_t items = 0;           // approval items the steps belong to
  std::int64_t stages = 0;          // groups of items that may run in parallel
  std::int64_t city_items = 0;      // items held by the city before delegation
  double published_limit_days = 0;  // expected wait before any application completed
  double pre_review_days = 0;       // pre-review before formal submission (pre_review)
  // The items as declared in approvals.workflow_file, in file order; empty: the workflow is
  // generated from the counts. When declared, the counts above are the file's (stages 0: the
  // items' `after` lists take their place), so item_department keeps dealing the other type.
  std::vector<DeclaredItem> declared_items;
  bool declared() const { return !declared_items.empty(); }
};

struct ApprovalSettings {
  // From approvals.departments and approvals.merged_departments (ApprovalUnitLayout::even);
  // a composite model with an organisation replaces it with the merge plan's.
  ApprovalUnitLayout layout;
  std::int64_t servers_per_department = 0, city_servers = 0;
  double step_service_days = 0;
  ServiceTimeModel service;
  double transfer_between_departments_days = 0, transfer_within_department_days = 0;
  double city_transfer_days = 0;
  double missing_document_probability = 0, essential_document_share = 0, rework_days = 0;
  double pre_review_catch_share = 0;
  // Sign-offs (MODEL.md section 2: every management layer adds a sign-off): after an item's
  // last step the file is signed off once per management layer, each a delay of sign_off_days.
  double sign_off_days = 0;
  std::int64_t management_layers_before = 0;  // without flatten_layers (no staff model)
  std::int64_t management_layers_after = 0;   // with flatten_layers (no staff model)
  double staff_productivity = 1;
  std::int64_t statistics_window_days = 1;
  std::array<WorkflowSettings, application_type_count> workflows{};

  // Reads approvals.workflow_file too (workflow_file.h): a ConfigError for a bad file, or for a
  // count of a type it declares that is set anywhere but by its default.
  static ApprovalSettings from(const ParameterSet& parameters);
  static void declare_parameters(ParameterRegistry& registry);
  // Refuses combinations a single range cannot catch (fewer steps than items, ...).
  static void validate(const ParameterSet& parameters);
};

const std::string& application_type_name(ApplicationType type);

// The approval measures an application was submitted under, one bit per measure.
class MeasureSet {
 public:
  void set(Measure measure) { bits_ |= 1u << static_cast<std::uint32_t>(measure); }
  bool has(Measure measure) const { return bits_ >> static_cast<std::uint32_t>(measure) & 1u; }
  std::uint32_t bits() const { return bits_; }

 private:
  std::uint32_t bits_ = 0;
};

// The measures the approval side responds to, in a fixed order.
inline constexpr std::array<Measure, 7> approval_measures{
    Measure::merge_departments, Measure::one_window_bureau,   Measure::step_reduction,
    Measure::parallel_approval, Measure::tolerant_acceptance, Measure::pre_review,
    Measure::delegation};
// ... and the organisational measure that reaches the workflows through the sign-offs: an
// application is submitted under flatten_layers like under any approval measure (the layer
// count of approvals.management_layers_after), unless a staff model sets the count.
inline constexpr std::array<Measure, 8> workflow_measures{
    Measure::merge_departments, Measure::one_window_bureau,   Measure::step_reduction,
    Measure::parallel_approval, Measure::tolerant_acceptance, Measure::pre_review,
    Measure::delegation,        Measure::flatten_layers};

// Sign-offs per item: `management_layers` when positive (a staff model's count), else the
// settings' count before or after flatten_layers as `measures` say.
std::int64_t sign_offs_per_item(const ApprovalSettings& settings, MeasureSet measures,
                                std::int64_t management_layers = 0);

// The approval department that owns item `item` of an application type (README.md): the local
// (not city-level) items of all types, registration first, are dealt evenly over the
// departments; a city item is owned by the department of the local item before it (after it,
// for a leading city item), which handles it once it is delegated. A declared item's
// department is the file's.
std::int32_t item_department(const ApprovalSettings& settings, ApplicationType type,
                             std::int64_t item);

// The workflow of one application type under a set of measures (see README.md), with
// sign_offs_per_item(settings, measures, management_layers) sign-offs after every item.
WorkflowPlan build_workflow_plan(const ApprovalSettings& settings, ApplicationType type,
                                 MeasureSet measures, std::int64_t management_layers = 0);

}  // namespace reformsim::models
