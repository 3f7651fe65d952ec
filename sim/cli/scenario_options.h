// scenario_options.h - what compare and decompose share: loading several scenarios with the
// same command-line overrides, the replication count and master seed they all use, and a
// check that their targets agree.
#pragma once

#include <boost/program_options.hpp>
#include <string>
#include <vector>

#include "sim/cli/command.h"
#include "sim/run/scenario.h"

namespace reformsim {

// --replications, --seed, --out, --overwrite, --targets (plus the common options).
void add_comparison_options(boost::program_options::options_description& options);

// Loads each config with the overrides; --targets FILE replaces every scenario's targets.
// ConfigError if no config, names repeat, or targets/calendars differ between scenarios.
std::vector<Scenario> load_scenarios(const ModelCatalogue& models,
                                     const std::vector<std::string>& configs,
                                     const std::vector<ConfigEntry>& overrides,
                                     const boost::program_options::variables_map& values);

// --seed and --replications, else the first scenario's run.seed and run.replications.
std::uint64_t master_seed_of(const Scenario& first,
                             const boost::program_options::variables_map& values);
std::size_t replications_of(const Scenario& first,
                            const boost::program_options::variables_map& values);

}  // namespace reformsim
