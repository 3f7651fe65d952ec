// No allocation inside a step. Every shipped model (demo_market, organisation_staff, approvals,
// firms_enforcement, binhai_2018, each from its config in configs/) is stepped exactly as the
// engine steps it (every phase, then record into a preallocated row) on 1 and 2 threads, with
// the global operator new of this test executable replaced by one that counts and keeps the
// call stack of every allocation made after the warm-up steps.
//
// A steady-state step allocates nothing. The allocations that remain are legitimate, each
// attributed to its site by the call stack and bounded per site (bench/README.md, "No
// allocation inside a step"):
//   - reform events, once per run: merging departments, flattening layers and the competitive
//     re-hiring build the new post table, the re-hiring's candidates and its matching;
//   - a workflow plan built the first time a regime of measures is used (once per regime);
//   - growth of buffers that follow the size of the simulated world, by doubling (so O(log n)
//     allocations per buffer over a run, never one per step): the approval network's
//     per-application records (append-only: an application's id is its random-stream key),
//     its event heap and unit queues; the firms' projects, launches and firm arrays (with the
//     exits' scratch, which follows their capacity) beyond 1.25 times the initial population;
//     the demo market's firm arrays when entry outgrows exits.
// Any allocation from another site fails and prints its stack; a site over its bound fails. A
// bound is a few times the count measured on the shipped configs and far below the number of
// counted steps, so an allocation that recurs every step cannot hide under it.
#include <cxxabi.h>
#include <dlfcn.h>
#include <execinfo.h>
#include <gtest/gtest.h>
#include <tbb/global_control.h>
#include <tbb/task_arena.h>

#include <array>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <map>
#include <new>
#include <string>
#include <vector>

#include "models/model_catalogue.h"
#include "sim/run/scenario.h"

namespace {

// Allocations are recorded into a fixed array: operator new must not allocate to record itself.
constexpr std::size_t max_frames = 40, max_records = 1 << 14;
struct AllocationRecord {
  std::array<void*, max_frames> frames;
  int depth;
  std::size_t size;
};
AllocationRecord records[max_records];
std::atomic<bool> counting{false};
std::atomic<std::size_t> record_count{0};

void note_allocation(std::size_t size) {
  if (!counting.load(std::memory_order_relaxed)) return;
  const std::size_t slot = record_count.fetch_add(1, std::memory_order_relaxed);
  if (slot >= max_records) return;  // counted (record_count), stack not kept
  records[slot].size = size;
  records[slot].depth = backtrace(records[slot].frames.data(), static_cast<int>(max_frames));
}

void* allocate(std::size_t size) {
  note_allocation(size);
  if (void* p = std::malloc(size == 0 ? 1 : size)) return p;
  throw std::bad_alloc();
}

void* allocate_aligned(std::size_t size, std::align_val_t alignment) {
  note_allocation(size);
  const auto align = static_cast<std::size_t>(alignment);
  const std::size_t rounded = (std::max<std::size_t>(size, 1) + align - 1) / align * align;
  if (void* p = std::aligned_alloc(align, rounded)) return p;
  throw std::bad_alloc();
}

}  // namespace

// The replaceable allocation functions, replaced in this executable only.
void* operator new(std::size_t size) {
  return allocate(size);
}
void* operator new[](std::size_t size) {
  return allocate(size);
}
void* operator new(std::size_t size, const std::nothrow_t&) noexcept {
  try {
    return allocate(size);
  } catch (...) {
    return nullptr;
  }
}
void* operator new[](std::size_t size, const std::nothrow_t& tag) noexcept {
  return operator new(size, tag);
}
void* operator new(std::size_t size, std::align_val_t alignment) {
  return allocate_aligned(size, alignment);
}
void* operator new[](std::size_t size, std::align_val_t alignment) {
  return allocate_aligned(size, alignment);
}
void operator delete(void* p) noexcept {
  std::free(p);
}
void operator delete[](void* p) noexcept {
  std::free(p);
}
void operator delete(void* p, std::size_t) noexcept {
  std::free(p);
}
void operator delete[](void* p, std::size_t) noexcept {
  std::free(p);
}
void operator delete(void* p, std::align_val_t) noexcept {
  std::free(p);
}
void operator delete[](void* p, std::align_val_t) noexcept {
  std::free(p);
}
void operator delete(void* p, std::size_t, std::align_val_t) noexcept {
  std::free(p);
}
void operator delete[](void* p, std::size_t, std::align_val_t) noexcept {
  std::free(p);
}

namespace reformsim {
namespace {

// A legitimate allocation site: any frame of the stack naming one of `functions` (a
// substring of the demangled name, so inlining and tail calls in different builds still
// match one of them), at most `bound` allocations per run after the warm-up.
struct AllowedSite {
  std::string name;
  std::vector<std::string> functions;
  std::size_t bound;
};

struct Policy {
  std::string config;
  std::vector<AllowedSite> sites;
};

const AllowedSite reform_events{
    "reform events (merge, flattening, re-hiring; once per run)",
    {"StaffSystem::rehire", "StaffSystem::merge_units", "StaffSystem::flatten_layers",
     "StaffSystem::reseat_staff", "StaffSystem::remember_levels_before_reform",
     "match_candidates_to_posts", "PostTable::", "MergePlan::"},
    64};
const AllowedSite staff_cells{
    "staff cell table resized after a reorganisation changed the units or levels",
    {"StaffSystem::sort_staff_into_cells"},
    8};
// None: the plans of every regime the schedule reaches are built with the model, before the
// first step (was 264 allocations: each plan and its routing). Listed before approval_growth, whose
// "QueueingNetwork::" also names add_plan, so that a plan built in a step fails here.
const AllowedSite new_regime{"workflow plan built inside a step",
                             {"ApprovalNetwork::plan_for", "build_workflow_plan",
                              "WorkflowPlan::", "QueueingNetwork::add_plan"},
                             0};
// The windowed loop keeps an event queue, outboxes and finished sinks per unit (39 in the
// Binhai layout), each growing by doubling to its own peak: 254 in a Binhai run, was 95 with
// one queue.
const AllowedSite approval_growth{
    "approval records, event queues, outboxes and unit queues growing by doubling",
    {"QueueingNetwork::"},
    400};

std::vector<Policy> policies() {
  return {
      {"demo_market.ini",
       {{"firm arrays growing by doubling when entry outgrows exits",
         {"DemoMarketState::admit_entrants"},
         16}}},
      {"organisation_staff_binhai.ini", {reform_events, staff_cells}},
      {"approvals_binhai.ini", {new_regime, approval_growth}},
      {"firms_enforcement_binhai.ini",
       {{"firm arrays beyond 1.25 x the initial firms, by doubling", {"FirmPopulation::add"}, 32},
        {"projects, launches, submissions and their flags growing by doubling",
         {"FirmSystem::", "BlockBuffers<"},
         64},
        {"fixed-delay approval records growing by doubling", {"FixedDelayApprovals::"}, 64},
        {"enforcement partials and per-firm tallies when the firms outgrow them",
         {"EnforcementSystem::inspect"},
         8}}},
      {"binhai_2018.ini",
       {reform_events,
        staff_cells,
        new_regime,
        approval_growth,
        {"firm arrays beyond 1.25 x the initial firms, by doubling", {"FirmPopulation::add"}, 32},
        {"projects, launches, submissions and their flags growing by doubling",
         {"FirmSystem::", "BlockBuffers<"},
         64},
        {"enforcement partials and per-firm tallies when the firms outgrow them",
         {"EnforcementSystem::inspect"},
         8}}},
  };
}

std::string function_name(void* address) {
  Dl_info info;
  if (dladdr(address, &info) == 0 || info.dli_sname == nullptr) return "?";
  int status = 0;
  char* demangled = abi::__cxa_demangle(info.dli_sname, nullptr, nullptr, &status);
  std::string name = status == 0 && demangled ? demangled : info.dli_sname;
  std::free(demangled);
  return name;
}

struct Unexpected {
  std::int64_t step;
  std::size_t size;
  std::string stack;
};

struct CountedRun {
  std::int64_t steps = 0, counted_steps = 0, allocating_steps = 0;
  std::size_t allocations = 0;
  std::map<std::string, std::size_t> by_site;
  std::vector<Unexpected> unexpected;
};

// The site of the allocation in records[slot]: the first frame, from the innermost, that one
// of the policy's sites names; nullptr if none does.
const AllowedSite* site_of(std::size_t slot, const Policy& policy, std::string& stack) {
  const AllocationRecord& record = records[slot];
  stack.clear();
  for (int f = 1; f < record.depth; ++f) {
    const std::string name = function_name(record.frames[static_cast<std::size_t>(f)]);
    stack += "    " + name + "\n";
    for (const AllowedSite& site : policy.sites)
      for (const std::string& function : site.functions)
        if (name.find(function) != std::string::npos) return &site;
  }
  return nullptr;
}

// Steps one replication as run_replication does (every phase, then record into a
// preallocated row; summarise at the end), attributing every allocation after the warm-up.
CountedRun count_allocations(const Policy& policy, int threads, std::int64_t warm_up) {
  static const ModelCatalogue catalogue = models::all_models();
  const Scenario scenario =
      load_scenario(catalogue, std::string(REFORMSIM_SOURCE_DIR) + "/configs/" + policy.config, {});
  tbb::global_control control(tbb::global_control::max_allowed_parallelism,
                              static_cast<std::size_t>(threads));
  tbb::task_arena arena(threads);
  CountedRun run;
  arena.execute([&] {
    const Calendar calendar = Calendar::from(scenario.parameters);
    const MetricCatalogue metrics = scenario.model->metrics(scenario.parameters);
    const auto seed = static_cast<std::uint64_t>(scenario.parameters.integer("run.seed"));
    auto state = scenario.model->create_state(
        ReplicationSetup{scenario.parameters, calendar, seed, 0}, metrics);
    const std::vector<Phase> phases = state->phases();
    std::vector<double> row_values(metrics.series_width(),
                                   std::numeric_limits<double>::quiet_NaN());
    run.steps = calendar.total_steps();
    std::string stack;
    for (std::int64_t step = 0; step < run.steps; ++step) {
      const StepContext context{step, calendar, seed};
      record_count.store(0);
      counting.store(step >= warm_up);
      for (const Phase& phase : phases)
        phase.run(context);
      MetricRow row(row_values);
      state->record(context, row);
      counting.store(false);
      if (step < warm_up) continue;
      ++run.counted_steps;
      const std::size_t count = record_count.load();
      run.allocations += count;
      run.allocating_steps += count > 0;
      for (std::size_t slot = 0; slot < std::min(count, max_records); ++slot) {
        if (const AllowedSite* site = site_of(slot, policy, stack))
          ++run.by_site[site->name];
        else if (run.unexpected.size() < 5)
          run.unexpected.push_back({step, records[slot].size, stack});
      }
      EXPECT_LE(count, max_records) << "step " << step << ": stacks beyond the first not kept";
    }
    std::vector<double> summary(metrics.summary_width());
    MetricRow summary_row(summary);
    state->summarise(summary_row);
  });
  return run;
}

class NoAllocationInStep : public ::testing::TestWithParam<std::tuple<std::size_t, int>> {
 protected:
  static void SetUpTestSuite() {
    void* frame[1];
    backtrace(frame, 1);  // loads the unwinder now, not inside a counted operator new
  }
};

TEST_P(NoAllocationInStep, OnlyAtTheListedSitesAndWithinTheirBounds) {
  const auto [index, threads] = GetParam();
  const Policy policy = policies()[index];
  constexpr std::int64_t warm_up = 10;
  const CountedRun run = count_allocations(policy, threads, warm_up);
  std::printf("%s, %d threads: %zu allocations in %lld of %lld counted steps\n",
              policy.config.c_str(), threads, run.allocations,
              static_cast<long long>(run.allocating_steps),
              static_cast<long long>(run.counted_steps));
  for (const auto& [site, count] : run.by_site)
    std::printf("  %5zu  %s\n", count, site.c_str());
  for (const Unexpected& u : run.unexpected)
    ADD_FAILURE() << policy.config << ", step " << u.step << ": an allocation of " << u.size
                  << " bytes from no listed site:\n"
                  << u.stack;
  for (const AllowedSite& site : policy.sites) {
    const auto found = run.by_site.find(site.name);
    const std::size_t count = found == run.by_site.end() ? 0 : found->second;
    EXPECT_LE(count, site.bound) << policy.config << ": " << site.name;
    EXPECT_LT(site.bound, static_cast<std::size_t>(run.counted_steps));
  }
}

INSTANTIATE_TEST_SUITE_P(Models, NoAllocationInStep,
                         ::testing::Combine(::testing::Range<std::size_t>(0, 5),
                                            ::testing::Values(1, 2)),
                         [](const auto& test) {
                           std::string name = policies()[std::get<0>(test.param)].config;
                           name = name.substr(0, name.find('.'));
                           return name + "_" + std::to_string(std::get<1>(test.param)) + "_threads";
                         });

}  // namespace
}  // namespace reformsim
