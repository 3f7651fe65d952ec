// comparison_file.h - the file `reformsim compare` writes (root attribute kind = "compare"):
//   dimensions  scenario, replication, target, pair, step (each labelled; step with year,
//               day_of_year and burn_in coordinates)
//   variables   target_value(scenario, replication, target), reported_value(target),
//               target_fit(target) (1 fitted, 0 held out), difference_mean/low/high(pair,
//               target) for second - first of each pair with a 95% Student-t interval over the
//               paired replications, pair_first(pair), pair_second(pair), seed(replication),
//               and every scalar series metric over (scenario, replication, step)
//   group       configs: one attribute per scenario with its effective config
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "sim/output/labelled_arrays.h"
#include "sim/run/scenario.h"
#include "sim/scenarios/scenario_outcomes.h"

namespace reformsim {

struct Provenance {
  std::string kind;  // "compare", "decompose", ...
  std::string command_line;
  std::uint64_t master_seed = 0;
  std::int64_t threads = 0;
  std::string start_time, end_time;
};

// Root attributes every non-run file carries: kind, version, git commit, command line, seed,
// threads, start and end time (complete is written by the caller, last).
void write_provenance(const LabelledArrayFile& file, const Provenance& provenance);

// The target dimension and what describes each target: reported_value, target_uncertainty,
// target_unit, target_fit (1 fitted, 0 held out).
void write_target_table(const LabelledArrayFile& file, const std::vector<ResolvedTarget>& targets);

// All i < j pairs of n scenarios, in order (0,1), (0,2), ..., (1,2), ...
std::vector<std::pair<std::size_t, std::size_t>> scenario_pairs(std::size_t scenarios);

void write_comparison_file(const std::filesystem::path& path, const Provenance& provenance,
                           const std::vector<Scenario>& scenarios,
                           const std::vector<ScenarioOutcomes>& outcomes,
                           const std::vector<std::uint64_t>& seeds);

}  // namespace reformsim
