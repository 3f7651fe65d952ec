// firm_applications.cpp - the firm model's side of the approval workflows: potential entrants who
// apply for registration, project launches submitted in time order, waiting projects that are
// abandoned (or die with their firm), and the outcomes: registrations become market entities,
// permits start construction, finished construction adds capital and workers.
#include <algorithm>
#include <cmath>

#include "models/firms/firm_system.h"

namespace reformsim::models {
namespace {

constexpr auto registration = ApplicationType::business_registration;
constexpr auto investment = ApplicationType::investment_project;

std::size_t draw_sector(RandomStream& random, const SectorValues& shares) {
  const double u = random.uniform();
  double cumulative = 0;
  for (std::size_t s = 0; s + 1 < sector_count; ++s) {
    cumulative += shares[s];
    if (u < cumulative) return s;
  }
  return sector_count - 1;
}

}  // namespace

void FirmSystem::apply_for_approvals(const StepContext& context) {
  const auto day = static_cast<double>(context.calendar.reported_day(context.step));
  submissions_.clear();
  draw_entrants(context);
  // Entrants' projects from yesterday's registrations come first, then today's, in firm order.
  launches_by_tile_.merge_into(launches_);
  for (const ProjectLaunch& launch : launches_)
    if (firms_.index_of(launch.firm))  // a firm that exited today launches nothing
      submissions_.push_back({day + launch.time_of_day, investment, launch.firm, launch});
  launches_.clear();
  submit_in_time_order(context);
  sweep_waiting_projects(context);
}

// Entry rule (README.md): an entrant applies iff its surplus, discounted over the registration
// wait the approval side announces, beats the trips and the fee.
void FirmSystem::draw_entrants(const StepContext& context) {
  const auto& s = settings_;
  const double years = years_since_start(context);
  auto arrivals = context.random(entrant_stream, firm_draw_entrant_arrivals, 0);
  const std::uint64_t candidates =
      arrivals.poisson(s.entrant_arrivals_per_day * std::exp(s.entrant_arrival_growth * years));
  const double wait = approvals_.expected_wait_days(registration);
  const double trips = approvals_.expected_trips(registration);
  const auto day = static_cast<double>(context.calendar.reported_day(context.step));
  today_.potential_entrants = static_cast<double>(candidates);
  if (registered_capital_scale_ <= 0) {
    // Normalised once, on the first day, at the entry threshold then in force.
    const double threshold = (s.entry_rule.cost_per_trip * trips + s.entry_fee) *
                             std::exp(s.entry_rule.discount_per_day * wait);
    const double z = (std::log(std::max(threshold, 1e-300)) - std::log(s.entry_surplus_median)) /
                     s.entry_surplus_log_sd;
    registered_capital_scale_ = s.registered_capital_mean /
                                mean_surplus_power_above(s.registered_capital_surplus_elasticity,
                                                         s.entry_surplus_log_sd, z);
  }
  for (std::uint64_t k = 0; k < candidates; ++k) {
    auto random = context.random(entrant_stream, firm_draw_entrant, k);
    const double surplus =
        random.lognormal(std::log(s.entry_surplus_median), s.entry_surplus_log_sd);
    if (net_value_of_applying(surplus, s.entry_fee, wait, trips, s.entry_rule) < 0) continue;
    const std::size_t sector = draw_sector(random, s.entrant_sector_share);
    const double mean_revenue = s.entrant_size_factor * s.initial_annual_revenue[sector] *
                                std::exp(s.productivity_trend[sector] * years);
    Entrant entrant{draw_firm(random, sector, mean_revenue, common_shock_), 0, false};
    // Registered capital scales with the value of entry (README.md, "Registered capital"): the
    // marginal entrants a lower entry cost lets in are smaller businesses.
    entrant.registered_capital =
        registered_capital_scale_ *
        std::pow(surplus / s.entry_surplus_median, s.registered_capital_surplus_elasticity) *
        random.lognormal(log_mean_for_mean(1.0, s.registered_capital_log_sd),
                         s.registered_capital_log_sd);
    entrant.launches_project = sector != static_cast<std::size_t>(Sector::services) &&
                               random.bernoulli(s.entrant_project_probability);
    submissions_.push_back({day + random.uniform(), registration, entrants_.size(), {}});
    entrants_.push_back(entrant);
    today_.entry_applications += 1;
  }
}

void FirmSystem::submit_in_time_order(const StepContext&) {
  // Stable by day: std::sort on (day, position) gives std::stable_sort's order without the
  // temporary buffer stable_sort allocates on every call.
  for (std::size_t k = 0; k < submissions_.size(); ++k)
    submissions_[k].order = k;
  std::sort(submissions_.begin(), submissions_.end(), [](const Submission& a, const Submission& b) {
    return a.day != b.day ? a.day < b.day : a.order < b.order;
  });
  for (const Submission& submission : submissions_) {
    const std::uint64_t application =
        approvals_.submit({submission.type, submission.applicant, submission.day});
    applications_.submitted[static_cast<std::size_t>(submission.type)] += 1;
    if (submission.type != investment) continue;
    projects_.push_back({application, submission.project.firm, submission.project.capital,
                         submission.day, 0, ProjectStage::waiting,
                         submission.project.foreign_invested});
    today_.projects_launched += 1;
  }
}

// Every waiting project: withdrawn if its firm has exited, else abandoned with the hazard of
// its wait so far. Decisions in parallel, withdrawals in application order.
void FirmSystem::sweep_waiting_projects(const StepContext& context) {
  const auto day = static_cast<double>(context.calendar.reported_day(context.step));
  enum Leave : std::uint8_t { stays = 0, firm_gone = 1, abandoned = 2 };
  // resize + fill rather than assign: assign reallocates to the exact size at every new
  // high-water mark of waiting projects, resize grows geometrically.
  project_leaves_.resize(projects_.size());
  std::fill(project_leaves_.begin(), project_leaves_.end(), std::uint8_t{stays});
  for_each_block(projects_.size(), [&](const Block& block) {
    for (std::size_t j = block.begin; j < block.end; ++j) {
      const Project& project = projects_[j];
      if (project.stage != ProjectStage::waiting) continue;
      if (!firms_.index_of(project.firm)) {
        project_leaves_[j] = firm_gone;
        continue;
      }
      auto random = context.random(project_stream, firm_draw_abandonment, project.application);
      if (random.uniform() < abandonment_probability(settings_, day - project.submitted_day))
        project_leaves_[j] = abandoned;
    }
  });
  for (std::size_t j = 0; j < projects_.size(); ++j) {
    if (project_leaves_[j] == stays) continue;
    approvals_.withdraw(projects_[j].application);
    projects_[j].stage = ProjectStage::withdrawing;
    today_.projects_abandoned += project_leaves_[j] == abandoned;
  }
}

void FirmSystem::take_approval_outcomes(const StepContext& context) {
  for (const ApplicationOutcome& outcome : approvals_.outcomes_today()) {
    auto& count = outcome.withdrawn ? applications_.withdrawn : applications_.completed;
    count[static_cast<std::size_t>(outcome.type)] += 1;
    if (outcome.type == registration) {
      if (!outcome.withdrawn) register_entrant(outcome, context);
    } else {
      take_permit(outcome);
    }
  }
  install_finished_projects(static_cast<double>(context.calendar.reported_day(context.step) + 1));
  std::erase_if(projects_, [](const Project& p) { return p.stage == ProjectStage::finished; });
  totals_.potential_entrants += today_.potential_entrants;
  totals_.entry_applications += today_.entry_applications;
  totals_.entries += today_.entries;
  totals_.exits += today_.exits;
  totals_.registered_capital += today_.registered_capital;
  totals_.foreign_capital += today_.foreign_capital;
  totals_.projects_launched += today_.projects_launched;
  totals_.permits += today_.permits;
  totals_.projects_abandoned += today_.projects_abandoned;
  totals_.capital_installed += today_.capital_installed;
}

// A registration makes the entrant a market entity with the next id (ids only grow, so the
// firm arrays stay sorted); its registered capital and any foreign paid-in capital are counted.
void FirmSystem::register_entrant(const ApplicationOutcome& outcome, const StepContext& context) {
  if (outcome.applicant >= entrants_.size()) return;  // not one of ours
  const Entrant& entrant = entrants_[outcome.applicant];
  FirmRecord firm = entrant.firm;
  firm.id = next_firm_id_++;
  firm.violation_propensity = enforcement_.violation_propensity(firm.id);
  firms_.add(firm);
  today_.entries += 1;
  today_.registered_capital += entrant.registered_capital;
  if (firm.foreign_invested)
    today_.foreign_capital +=
        entrant.registered_capital * settings_.paid_in_fraction * settings_.foreign_capital_share;
  if (!entrant.launches_project) return;
  // The plant it entered for: applied for tomorrow, without a second go-ahead test.
  auto random = context.random(entrant_stream, firm_draw_entrant_project, firm.id);
  const double size = random.lognormal(
      log_mean_for_mean(settings_.project_size_mean, settings_.project_size_log_sd),
      settings_.project_size_log_sd);
  launches_.push_back({firm.id, firm.capital * size, random.uniform(), firm.foreign_invested});
}

FirmSystem::Project* FirmSystem::find_project(std::uint64_t application) {
  const auto found = std::lower_bound(
      projects_.begin(), projects_.end(), application,
      [](const Project& project, std::uint64_t id) { return project.application < id; });
  return found != projects_.end() && found->application == application ? &*found : nullptr;
}

// A permit starts construction (and brings in the foreign share of a foreign-invested firm's
// project); a withdrawal, a permit for an abandoned project or for a firm that has exited ends
// the project.
void FirmSystem::take_permit(const ApplicationOutcome& outcome) {
  Project* project = find_project(outcome.application);
  if (project == nullptr) return;
  if (outcome.withdrawn || project->stage != ProjectStage::waiting ||
      !firms_.index_of(project->firm)) {
    project->stage = ProjectStage::finished;
    return;
  }
  project->stage = ProjectStage::construction;
  project->ready_day = outcome.completed_day + settings_.construction_days;
  today_.permits += 1;
  // Its foreign financing is part of the firm's foreign-capital flow (firm_system.cpp), paid in
  // with the firm's foreign-owned capital rather than as one sum on the permit day.
}

// A finished plant is a proportional expansion: capital and workers grow by the same factor.
void FirmSystem::install_finished_projects(double day_end) {
  for (Project& project : projects_) {
    if (project.stage != ProjectStage::construction || project.ready_day >= day_end) continue;
    project.stage = ProjectStage::finished;
    const auto firm = firms_.index_of(project.firm);
    if (!firm) continue;
    firms_.employment[*firm] *= 1 + project.capital / firms_.capital[*firm];
    firms_.add_capital(*firm, project.capital);
    today_.capital_installed += project.capital;
  }
}

std::size_t FirmSystem::projects_waiting() const {
  return static_cast<std::size_t>(std::count_if(projects_.begin(), projects_.end(), [](auto& p) {
    return p.stage == ProjectStage::waiting || p.stage == ProjectStage::withdrawing;
  }));
}

}  // namespace reformsim::models
