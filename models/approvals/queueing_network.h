// queueing_network.h - the queueing core: a continuous-time discrete-event simulation of
// applications flowing through workflow plans over approval units. Each unit has c servers (the
// staff assigned to approvals) and one FIFO queue; service times come from a distribution whose
// mean is the step's staff time divided by the staff productivity in force when service starts.
//
// Determinism: every draw comes from a RandomStream keyed by (application id, node, purpose),
// never from a shared stream, and events are ordered by the stable key (time, application,
// node, kind), a total order, so a run depends only on the seed and the submissions, not on
// scheduling or on how the pending events are stored. The order of events at each unit is the
// semantics of its queue; across units, events meet only through hand-offs that take time, so
// the units advance as logical processes in windows of that time, side by side on as many
// threads as there are (plan_routing.h), and the results are bit-identical to the serial
// loop's.
#pragma once

#include <array>
#include <cstdint>
#include <limits>
#include <vector>

#include "models/approvals/event_queue.h"
#include "models/approvals/plan_routing.h"
#include "models/approvals/workflow_plan.h"
#include "models/common/approval_service.h"

namespace reformsim::models {

enum class ServiceDistribution { exponential, lognormal, deterministic };

struct ServiceTimeModel {
  ServiceDistribution distribution = ServiceDistribution::exponential;
  double coefficient_of_variation = 1.0;  // lognormal only: standard deviation / mean
  // A service time with the given mean, in working days.
  double draw(RandomStream& random, double mean_days) const;
};

// The random families and decisions of the approvals: fixed forever.
enum ApprovalStream : std::uint32_t {
  approval_application_stream = 41,
  approval_arrival_stream = 42
};
enum ApprovalPurpose : std::uint32_t {
  approval_service_time = 1,
  approval_missing_document = 2,
  approval_measure_adoption = 3,
  approval_arrival_count = 4,
  approval_arrival_time = 5,
};

class QueueingNetwork {
 public:
  // The clock starts at start_day (the first simulated reported day, negative in a burn-in).
  QueueingNetwork(std::vector<std::int32_t> servers_per_unit, ServiceTimeModel service,
                  std::uint64_t seed, double start_day = 0);

  std::uint32_t add_plan(WorkflowPlan plan);
  const WorkflowPlan& plan(std::uint32_t index) const { return plans_[index]; }
  std::size_t plan_count() const { return plans_.size(); }
  // Starts an application on `plan` at submitted_day (never before the clock); returns its id.
  std::uint64_t submit(std::uint32_t plan, std::uint64_t applicant, double submitted_day);
  // Ends an application in progress now; its outcome is reported with withdrawn = true.
  void withdraw(std::uint64_t application);
  // Processes every event before day_end and moves the clock there.
  void run_until(double day_end);
  // How run_until processes events: automatic = in windows when there is more than one unit
  // and the plans' lookahead allows it, else serially; windowed = the same, but the units of
  // a window on threads however few their events (min_parallel_events). The results are the
  // same either way; tests and benchmarks force one.
  enum class Execution { automatic, serial, windowed };
  void set_execution(Execution execution) { execution_ = execution; }
  // The windows' length in working days: the shortest hand-off between units' processes over
  // the plans added so far (+infinity if none crosses; below min_window the loop is serial).
  double lookahead() const { return lookahead_; }
  static constexpr double min_window = 0.01;
  // Below this many events a window's units (or its hand-offs) run one after another on the
  // calling thread: a fork and join costs more than they do, and fine-grained forks inside
  // replications that already fill the cores only add waiting when the machine is shared.
  static constexpr std::uint64_t min_parallel_events = 2048;
  // Windows run so far (0 while the loop has been serial).
  std::uint64_t windows() const { return windows_; }
  // Service rate multiplier for services starting from now on (1 = competent staff, full
  // effort), at every unit or at one; throws std::invalid_argument unless positive and finite.
  void set_productivity(double productivity);
  void set_unit_productivity(std::size_t unit, double productivity);
  double productivity(std::size_t unit) const { return units_[unit].productivity; }

  // Completions and withdrawals since the last clear_outcomes(), in the order they happened.
  std::vector<ApplicationOutcome>& outcomes() { return outcomes_; }
  void clear_outcomes() { outcomes_.clear(); }

  double now() const { return now_; }
  std::size_t unit_count() const { return units_.size(); }
  std::int32_t servers(std::size_t unit) const { return units_[unit].servers; }
  std::size_t queue_length(std::size_t unit) const;
  // Server-days spent serving up to now (integral of busy servers over time).
  double busy_server_days(std::size_t unit) const;
  // Integral over time of the number of applications in progress (for Little's law).
  double application_days_in_system() const;
  std::uint64_t in_progress(ApplicationType type) const;
  std::uint64_t submitted() const { return application_plan_.size(); }

 private:
  // relay: a completion passed to the merge phase for its deferred successors (plan_routing.h).
  enum class EventKind : std::uint8_t { completion = 0, arrival = 1, resubmission = 2, relay = 3 };
  using Event = EventQueue<EventKind>::Event;
  struct QueuedStep {
    std::uint64_t application;
    std::uint32_t node;
  };
  struct Unit {
    std::int32_t servers = 0, busy = 0;
    std::vector<QueuedStep> queue;  // FIFO from queue_head on
    std::size_t queue_head = 0;
    double busy_area = 0, last_change = 0;
    double productivity = 1.0;  // service-rate factor of its staff
  };
  enum class Status : std::uint8_t { in_progress, completed, withdrawn };

  // Where the handlers put what they cause: the serial loop's one queue (queueing_events.h), a
  // unit's process in a window, or the merge phase (queueing_windows.cpp).
  struct SerialRouter;
  struct ProcessRouter;
  struct MergeRouter;
  struct LogicalProcess {
    EventQueue<EventKind> events;
    std::vector<std::vector<Event>> outbox;         // arrivals for other processes, by process
    std::vector<std::uint32_t> destinations;        // processes whose outbox is not empty
    std::uint64_t handled = 0, handled_before = 0;  // events in this window, in the last
    std::vector<Event> relays, sinks;               // for the merge phase and the window's end
  };

  void schedule_pending(const Event& event);
  template <class Router>
  void handle(const Event& event, Router& router);
  template <class Router>
  void arrive(const Event& event, Router& router);
  template <class Router>
  void admit(double time, std::uint64_t application, std::uint32_t node, Router& router);
  template <class Router>
  void start_service(double time, std::uint64_t application, std::uint32_t node, Router& router);
  template <class Router>
  void finish(const Event& event, Router& router);
  template <class Router>
  void pass_on(const Event& completion, std::uint32_t next, Router& router);
  template <class Router>
  void release_server(double time, std::int32_t unit, Router& router);
  void set_busy(Unit& unit, double time, std::int32_t change);
  void account_in_system(double time, std::int64_t change);
  void conclude(std::uint64_t application, double day, bool withdrawn);
  void remove_queued_steps(std::uint64_t application);
  // A sink finished: the application concludes with the last of its sinks.
  void finish_sink(const Event& completion);
  EdgeDelivery edge_delivery(std::uint64_t application, std::uint32_t node,
                             std::size_t successor) const;
  std::uint32_t home(std::uint64_t application, std::uint32_t node) const {
    return routing_[application_plan_[application]].home[node];
  }

  bool use_windows() const;
  void move_pending_events(bool to_windows);
  void run_serially(double day_end);
  void run_windows(double day_end);
  void run_process(std::size_t process, double window_end);
  void deliver(double window_end);
  std::uint64_t run_merge(double window_end);  // returns the events handled
  void conclude_window();

  std::vector<WorkflowPlan> plans_;
  std::vector<Unit> units_;
  ServiceTimeModel service_;
  std::uint64_t seed_;
  double now_ = 0;
  EventQueue<EventKind> events_;  // pending events, earliest (by the stable key) first
  // In windowed execution the pending events are in the processes instead: one per unit, then
  // the merge process (none with a single unit: nothing to run in parallel).
  std::vector<LogicalProcess> processes_;
  std::vector<PlanRouting> routing_;  // by plan
  std::vector<Event> window_sinks_;
  std::vector<std::uint32_t> active_;    // units with events in the current window
  std::vector<std::uint8_t> receiving_;  // processes with arrivals to take at its end
  double lookahead_ = std::numeric_limits<double>::infinity();
  Execution execution_ = Execution::automatic;
  bool windowed_ = false;  // where the pending events are
  std::uint64_t windows_ = 0;

  // Applications by id (structure of arrays); joins_ holds each one's join counters.
  std::vector<std::uint32_t> application_plan_;
  std::vector<std::uint64_t> applicant_;
  std::vector<double> submitted_day_;
  std::vector<std::int32_t> trips_;
  std::vector<std::uint32_t> sinks_remaining_, queued_steps_, join_offset_;
  std::vector<Status> status_;
  std::vector<std::uint16_t> joins_;

  std::array<std::uint64_t, application_type_count> in_progress_{};
  double in_system_area_ = 0, in_system_last_change_ = 0;
  std::uint64_t in_system_ = 0;
  std::vector<ApplicationOutcome> outcomes_;
};

}  // namespace reformsim::models
