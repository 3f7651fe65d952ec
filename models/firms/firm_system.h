// firm_system.h - the market entities (MODEL.md section 4) as a reusable mechanism: existing
// firms by sector producing from productivity, capital and labour less the compliance burden;
// revenue, taxes, trade and foreign capital; exit with a hazard that rises as margins fall;
// potential entrants who apply for business registration when the value of entry beats the wait,
// trips and fees; investment projects that wait for a construction permit and may be abandoned.
// The reform reaches firms only through the ApprovalService (waits, trips) and the
// EnforcementSystem (compliance burden); the trend and common shock are the world without it.
//
// Phases, in order: firm_production, firm_exits, firm_applications, firm_approval_outcomes.
// The approval side's advance() must run after firm_applications and before
// firm_approval_outcomes (the standalone model does exactly that), and enforcement's
// inspections before firm_production.
#pragma once

#include <vector>

#include "models/common/approval_service.h"
#include "models/common/reform_measures.h"
#include "models/enforcement/enforcement_system.h"
#include "models/firms/exit_decision.h"
#include "models/firms/firm_equations.h"
#include "models/firms/firm_population.h"
#include "sim/model/model.h"
#include "sim/parallel/blocks.h"
#include "sim/parallel/tiled_reduction.h"

namespace reformsim::models {

// Random families and decisions of the firm model: fixed forever; 51-53 are its streams.
enum FirmStream : std::uint32_t {
  firm_stream = 51,
  entrant_stream = 52,
  project_stream = 53,
};
enum FirmPurpose : std::uint32_t {
  firm_draw_initial_firm = 1,
  firm_draw_productivity_shock = 2,
  firm_draw_exit = 3,
  firm_draw_project_opportunity = 4,
  firm_draw_entrant_arrivals = 5,
  firm_draw_entrant = 6,
  firm_draw_abandonment = 7,
  firm_draw_common_shock = 8,
  firm_draw_entrant_project = 9,
};

// Sums over firms of one day's production, by sector where the metrics need it.
struct FirmTotals {
  SectorValues firms{}, revenue{}, capital{}, employment{};
  double inputs = 0, wages = 0, capital_cost = 0, revenue_tax = 0, profit_tax = 0, profit = 0;
  double exports = 0, imports = 0, exits = 0;
  double foreign_owned_capital = 0;  // foreign share of the capital of foreign-invested firms
};

struct FirmMetricIds {
  MetricId market_entities, market_entities_by_sector, new_market_entities, potential_entrants;
  MetricId entry_applications, new_registered_capital, firm_exits, industrial_output;
  MetricId main_business_revenue, main_business_revenue_by_sector, public_budget_revenue;
  MetricId firm_profits, foreign_capital_inflow, exports, imports, trade_volume, capital_stock;
  MetricId employment, projects_launched, permits_granted, projects_abandoned, projects_waiting;
  MetricId new_capital_installed, registration_wait, investment_wait, common_shock;
  MetricId new_market_entities_total, firm_exits_total, projects_abandoned_total;
  MetricId applications_submitted_total, applications_completed_total;
  MetricId applications_withdrawn_total;
};

// One day's events (and, summed, the run's).
struct FirmDay {
  double potential_entrants = 0, entry_applications = 0, entries = 0, exits = 0;
  double registered_capital = 0, foreign_capital = 0;
  double projects_launched = 0, permits = 0, projects_abandoned = 0, capital_installed = 0;
};

// The firm's view of its applications, by type: submitted = completed + withdrawn + waiting.
struct ApplicationCounts {
  std::array<double, application_type_count> submitted{}, completed{}, withdrawn{};
};

class FirmSystem : public InspectionTargets {
 public:
  static void declare_parameters(ParameterRegistry& registry);  // firms.* only
  static void validate(const ParameterSet& parameters);
  static void declare_metrics(const ParameterSet& parameters, MetricCatalogue& metrics);

  // Attaches itself to `enforcement` as its inspection targets; both must outlive each other's
  // use, so FirmSystem is neither copied nor moved.
  FirmSystem(const ReplicationSetup& setup, const ReformSchedule& schedule,
             const MetricCatalogue& metrics, ApprovalService& approvals,
             EnforcementSystem& enforcement);
  FirmSystem(const FirmSystem&) = delete;
  FirmSystem& operator=(const FirmSystem&) = delete;

  std::vector<Phase> phases();
  void record(const StepContext& context, MetricRow& row) const;
  void summarise(MetricRow& row) const;
  InspectedFirms inspected_firms() override { return firms_.inspected(); }

  // The parts of a day, public for tests and benchmarks; phases() runs them in this order.
  void produce(const StepContext& context);
  void remove_exits(const StepContext& context);
  void apply_for_approvals(const StepContext& context);
  void take_approval_outcomes(const StepContext& context);
  // How produce() spreads the firms over the threads (tiled_reduction.h): any schedule gives
  // the same bits; tests and benchmarks set one, the default picks by size and threads.
  void set_production_schedule(TiledSchedule schedule) { production_schedule_ = schedule; }

  const FirmPopulation& firms() const { return firms_; }
  const FirmSettings& settings() const { return settings_; }
  const FirmTotals& production_today() const { return production_; }
  const FirmDay& today() const { return today_; }
  const FirmDay& run_totals() const { return totals_; }
  const ApplicationCounts& applications() const { return applications_; }
  std::size_t projects_waiting() const;
  double common_shock() const { return common_shock_; }

 private:
  struct Entrant {  // drawn when it applies, a firm when registered
    FirmRecord firm;
    double registered_capital = 0;
    bool launches_project = false;
  };
  enum class ProjectStage : std::uint8_t { waiting, withdrawing, construction, finished };
  struct Project {
    std::uint64_t application = 0, firm = 0;
    double capital = 0, submitted_day = 0, ready_day = 0;
    ProjectStage stage = ProjectStage::waiting;
    bool foreign_invested = false;
  };
  struct ProjectLaunch {
    std::uint64_t firm = 0;
    double capital = 0, time_of_day = 0;
    bool foreign_invested = false;
  };
  struct Submission {
    double day = 0;
    ApplicationType type = ApplicationType::business_registration;
    std::uint64_t applicant = 0;
    ProjectLaunch project;
    std::size_t order = 0;  // position before sorting: the tie-break that keeps the sort stable
  };

  void bind_metrics(const MetricCatalogue& metrics);
  void create_initial_population(const ReplicationSetup& setup);
  void consider_project(std::size_t firm, std::size_t tile, const StepContext& context, double wait,
                        double trips);
  FirmRecord draw_firm(RandomStream& random, std::size_t sector, double mean_revenue,
                       double productivity_level) const;
  // What every firm's production day shares: its shocks' daily sd, the expected wait for and
  // trips to an investment permit.
  struct ProductionDay {
    double volatility, wait, trips;
  };
  [[gnu::always_inline]] FirmAccounts produce_firm(std::size_t firm, std::size_t tile,
                                                   const StepContext& context,
                                                   const ProductionDay& day);
  [[gnu::always_inline]] void add_firm_day(FirmTotals& totals, const FirmAccounts& accounts,
                                           std::size_t firm) const;
  void draw_entrants(const StepContext& context);
  void submit_in_time_order(const StepContext& context);
  void sweep_waiting_projects(const StepContext& context);
  void register_entrant(const ApplicationOutcome& outcome, const StepContext& context);
  void take_permit(const ApplicationOutcome& outcome);
  void install_finished_projects(double day_end);
  Project* find_project(std::uint64_t application);
  double years_since_start(const StepContext& context) const;

  FirmSettings settings_;
  // Daily probability of a project opportunity by sector, 1 - exp(-rate / days): constant, so
  // computed once rather than once per firm-day (bench/README.md, optimisations).
  SectorValues project_opportunity_probability_{};
  ExitDecision exit_decision_;  // the exit hazard's exp only on the days it can decide
  FirmMetricIds metrics_;
  ApprovalService& approvals_;
  EnforcementSystem& enforcement_;
  FirmPopulation firms_;
  std::uint64_t next_firm_id_ = 0;
  double common_shock_ = 0;  // AR(1) log productivity shared by every firm
  // Registered capital of the median-surplus entrant, set on the first day from the entry rule
  // then in force so that entrants' mean registered capital is registered_capital_mean.
  double registered_capital_scale_ = 0;
  FirmTotals production_;
  FirmDay today_, totals_;
  ApplicationCounts applications_;
  std::vector<Entrant> entrants_;  // by entrant (applicant) id, in order of application
  std::vector<Project> projects_;  // by application id, ascending
  // Reused buffers: the production sums, project launches by tile, today's submissions, flags.
  TiledReduction<FirmTotals, FirmAccounts> production_sums_;
  TiledSchedule production_schedule_ = TiledSchedule::automatic;
  BlockBuffers<ProjectLaunch> launches_by_tile_;
  std::vector<ProjectLaunch> launches_;
  std::vector<Submission> submissions_;
  std::vector<std::uint8_t> project_leaves_;
};

}  // namespace reformsim::models
