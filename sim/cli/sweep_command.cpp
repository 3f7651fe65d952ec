// sweep_command.cpp - `reformsim sweep`: a design over declared parameters, written first,
// then simulated chunk by chunk into a directory, resumable, shardable (Slurm job arrays) and
// distributable (MPI, when built with REFORMSIM_MPI).
#include <unistd.h>

#include <cstdlib>
#include <iostream>
#include <set>

#include "sim/cli/command.h"
#include "sim/cli/subcommands.h"
#include "sim/config/config_error.h"
#include "sim/output/run_file.h"
#include "sim/sweep/shard_selection.h"
#include "sim/sweep/sweep_runner.h"
#ifdef REFORMSIM_MPI
#include "sim/sweep/sweep_mpi.h"
#endif

namespace reformsim {

namespace po = boost::program_options;

namespace {

po::options_description sweep_options() {
  po::options_description options(
      "reformsim sweep --config FILE --design KIND --param NAME=LOW:HIGH[:log] ... --samples N "
      "--out DIR [options] [--section.key=value ...]");
  options.add_options()("help", "this help")("config", po::value<std::string>(),
                                             "base scenario config (INI)")(
      "design", po::value<std::string>(), "grid | lhs | sobol | saltelli | morris")(
      "param", po::value<std::vector<std::string>>()->composing(),
      "a swept parameter NAME=LOW:HIGH, or NAME=LOW:HIGH:log for a log-uniform range (repeat)")(
      "samples", po::value<std::string>(),
      "grid: levels per parameter; lhs, sobol: points; saltelli: base N (a power of two, N (k + 2) "
      "points); morris: trajectories (r (k + 1) points)")(
      "levels", po::value<std::string>()->default_value("4"), "morris: grid levels p (even)")(
      "replications", po::value<std::string>(), "replications per point (sets run.replications)")(
      "seed", po::value<std::string>(), "master seed (sets run.seed)")(
      "out", po::value<std::string>(), "sweep directory (created if needed)")(
      "shard", po::value<std::string>(),
      "I/N: run only shard I of N (default: SLURM_ARRAY_TASK_ID/SLURM_ARRAY_TASK_COUNT if set)")(
      "chunk-points", po::value<std::string>(),
      "design points per chunk file (default: points / 512, at least 1)")(
      "overwrite", po::bool_switch(), "discard the sweep files already in --out and start again");
  add_common_options(options);
  return options;
}

std::size_t positive_count(const po::variables_map& values, const std::string& option) {
  const std::string text = values[option].as<std::string>();
  if (text.empty() || text.size() > 9 ||
      text.find_first_not_of("0123456789") != std::string::npos || std::stoull(text) == 0)
    throw ConfigError("command line", "--" + option, text, "expected a whole number >= 1");
  return static_cast<std::size_t>(std::stoull(text));
}

std::string required(const po::variables_map& values, const std::string& option,
                     const std::string& why) {
  if (!values.count(option))
    throw ConfigError("command line", "--" + option, "", "missing: " + why);
  return values[option].as<std::string>();
}

sweep::SweepDefinition read_definition(const po::variables_map& values, const Scenario& scenario) {
  sweep::SweepDefinition definition;
  definition.model = scenario.model->name();
  const std::string kind = required(values, "design", "give grid, lhs, sobol, saltelli or morris");
  const auto parsed = design::parse_design_kind(kind);
  if (!parsed)
    throw ConfigError("command line", "--design", kind,
                      "accepted grid, lhs, sobol, saltelli, morris");
  definition.size.kind = *parsed;
  required(values, "samples", "the design's size");
  definition.size.samples = positive_count(values, "samples");
  definition.size.morris_levels = positive_count(values, "levels");
  if (!values.count("param"))
    throw ConfigError("command line", "--param", "", "missing: give at least one NAME=LOW:HIGH");
  std::set<std::string> seen;
  for (const auto& text : values["param"].as<std::vector<std::string>>()) {
    definition.factors.push_back(sweep::parse_parameter_range(text, scenario.parameters));
    if (!seen.insert(definition.factors.back().name).second)
      throw ConfigError("command line", "--param", text, "parameter given twice");
  }
  definition.size.factors = definition.factors.size();
  definition.replications =
      static_cast<std::size_t>(scenario.parameters.integer("run.replications"));
  definition.master_seed = static_cast<std::uint64_t>(scenario.parameters.integer("run.seed"));
  definition.config = scenario.parameters.to_ini();
  definition.chunk_points = values.count("chunk-points")
                                ? positive_count(values, "chunk-points")
                                : sweep::default_chunk_points(definition.points());
  return definition;
}

sweep::ShardSpec read_shard(const po::variables_map& values) {
  if (values.count("shard")) return sweep::parse_shard(values["shard"].as<std::string>());
  return sweep::shard_from_environment(std::getenv).value_or(sweep::ShardSpec{});
}

std::string host_name() {
  char name[256] = {0};
  return gethostname(name, sizeof name - 1) == 0 ? name : "";
}

void print_outcome(const sweep::SweepRun& run, const sweep::ShardSpec& shard, std::size_t computed,
                   std::size_t skipped) {
  const auto& definition = run.design.definition;
  const std::size_t missing =
      sweep::missing_chunks(run.directory, definition, {0, definition.chunks()}).size();
  std::cout << "sweep " << run.directory.string() << ": " << definition.points() << " points x "
            << definition.replications << " replications in " << definition.chunks() << " chunks\n"
            << "this run (shard " << shard.index << "/" << shard.count << "): computed " << computed
            << " chunk(s), " << skipped << " already complete\n"
            << (missing == 0 ? std::string("the sweep is complete: reformsim merge ") +
                                   run.directory.string() + " --out FILE"
                             : std::to_string(missing) +
                                   " chunk(s) of the sweep still missing (other shards)")
            << "\n";
}

}  // namespace

int sweep_command(const CommandLine& line, const ModelCatalogue& models) {
  const auto options = sweep_options();
  std::vector<ConfigEntry> overrides;
  const auto values = parse_command(line, options, {}, overrides);
  if (values.count("help")) {
    std::cout << options << "\nSee docs/sweeps.md for designs, Slurm arrays, MPI and resuming.\n";
    return exit_success;
  }
#ifndef REFORMSIM_MPI
  // Under mpirun without MPI compiled in, every rank would run the whole sweep as shard 0/1.
  sweep::refuse_launch_over_ranks(std::getenv,
                                  "this reformsim was built without MPI (-DREFORMSIM_MPI=ON), so "
                                  "every rank would compute every point: run one process, give "
                                  "each process --shard I/N, or rebuild with MPI");
#endif
  const std::string config = required(values, "config", "sweep needs a base scenario config");
  const std::string out = required(values, "out", "sweep needs an output directory");
  if (values.count("replications"))
    overrides.push_back({"run.replications", values["replications"].as<std::string>(),
                         "command line (--replications)"});
  if (values.count("seed"))
    overrides.push_back({"run.seed", values["seed"].as<std::string>(), "command line (--seed)"});
  const Scenario scenario = load_scenario(models, config, overrides);
  const sweep::SweepDesign design = sweep::build_design(read_definition(values, scenario));
  sweep::validate_design_points(scenario, design);
  const sweep::ShardSpec shard = read_shard(values);
  ThreadPoolLimit pool(values["threads"].as<int>());
  const bool whole = shard.count == 1;
  sweep::SweepRun run{scenario,
                      design,
                      out,
                      {line.joined(), host_name(), -1,
                       whole ? "" : std::to_string(shard.index) + "/" + std::to_string(shard.count),
                       pool.threads(), utc_timestamp(), ""}};
  const auto range = sweep::shard_chunks(shard, design.definition.chunks());
  const bool quiet = values["quiet"].as<bool>();
#ifdef REFORMSIM_MPI
  if (sweep::MpiSession::launched_by_mpirun()) {
    sweep::MpiSession session;
    run.writer.mpi_rank = session.rank();
    const auto chunks =
        sweep::prepare_on_rank_zero(run, values["overwrite"].as<bool>(), range, session);
    std::size_t done = 0;
    pool.run([&] { done = sweep::run_chunks_over_ranks(run, chunks, session, nullptr); });
    sweep::barrier(session);
    if (session.rank() == 0 && whole) sweep::write_sweep_index(run);
    if (session.rank() == 0 && !quiet)
      print_outcome(run, shard, chunks.size(), (range.end - range.first) - chunks.size());
    if (!quiet) std::cerr << "rank " << session.rank() << " computed " << done << " chunk(s)\n";
    return exit_success;
  }
#endif
  sweep::prepare_sweep_directory(run, values["overwrite"].as<bool>());
  const auto chunks = sweep::missing_chunks(run.directory, design.definition, range);
  std::uint64_t steps = 0;
  for (auto chunk : chunks)
    steps += sweep::chunk_points(chunk, design.definition.chunk_points, design.definition.points())
                 .count;
  steps *= design.definition.replications *
           static_cast<std::uint64_t>(Calendar::from(scenario.parameters).total_steps());
  {
    ProgressReporter progress("sweep " + scenario.name, steps,
                              ProgressReporter::style_for_stderr(quiet));
    pool.run([&] { sweep::run_chunks(run, chunks, &progress.counter()); });
  }
  if (whole) sweep::write_sweep_index(run);
  if (!quiet) print_outcome(run, shard, chunks.size(), (range.end - range.first) - chunks.size());
  return exit_success;
}

}  // namespace reformsim
