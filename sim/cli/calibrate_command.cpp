// calibrate_command.cpp - `reformsim calibrate`: fit the free parameters a calibration config
// declares to the `fit` targets of its scenario, by ABC-SMC (a posterior) or the method of
// simulated moments (a point), checkpointing into the output file as it goes; --resume
// continues an interrupted file and gives the same numbers as an uninterrupted run. ABC-SMC also
// writes the calibrated config (posterior medians, --write-config). Under mpirun (REFORMSIM_MPI
// builds) rank 0 runs the algorithm and writes; the other ranks serve its evaluation requests.
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>

#include "sim/calibration/calibrated_config.h"
#include "sim/calibration/calibration_config.h"
#include "sim/calibration/calibration_file.h"
#include "sim/calibration/checkpoint.h"
#include "sim/calibration/model_simulator.h"
#include "sim/calibration/posterior_summary.h"
#include "sim/cli/subcommands.h"
#include "sim/config/config_error.h"
#include "sim/output/output_lock.h"
#include "sim/output/output_target.h"
#include "sim/output/run_file.h"
#ifdef REFORMSIM_MPI
#include "sim/calibration/mpi_batch_simulator.h"
#endif
#include "sim/sweep/shard_selection.h"

namespace reformsim {

namespace po = boost::program_options;
using namespace calibration;

namespace {

// MSM checkpoints every this many evaluations (a generation is ABC-SMC's natural unit).
constexpr std::size_t msm_checkpoint_interval = 10;

struct CalibrationRun {
  const CalibrationConfig& config;
  CalibrationDescription description;
  Provenance provenance;
  OutputTarget& target;
  bool quiet = false;
  OutputTarget* calibrated_config = nullptr;  // ABC-SMC: written from the posterior median
  BatchSimulator* simulator = nullptr;        // over MPI ranks; none: this process alone
};

po::options_description calibrate_options() {
  po::options_description options(
      "reformsim calibrate --config FILE --method abc-smc|msm --out FILE [options] "
      "[--section.key=value ...]\n(the calibration.* keys of the config: docs/calibration.md)");
  options.add_options()("help", "this help")("config", po::value<std::string>(),
                                             "calibration config ([calibration] section)")(
      "method", po::value<std::string>(), "abc-smc (posterior) or msm (point estimate)")(
      "out", po::value<std::string>(), "output file (required)")(
      "targets", po::value<std::string>(),
      "targets CSV (default: the scenario's run.targets_file)")(
      "seed", po::value<std::string>(), "master seed (default: the scenario's run.seed)")(
      "resume", po::bool_switch(), "continue the interrupted calibration in --out")(
      "overwrite", po::bool_switch(), "replace an existing output file")(
      "write-config", po::value<std::string>(),
      "ABC-SMC: the calibrated config (posterior medians) to write (default: beside --out, "
      "<out stem>_calibrated.ini; refused if it exists, unless --overwrite)");
  add_common_options(options);
  return options;
}

std::string required(const po::variables_map& values, const std::string& name,
                     const std::string& why) {
  if (!values.count(name)) throw ConfigError("command line", "--" + name, "", "missing: " + why);
  return values[name].as<std::string>();
}

void print_posterior(const CalibrationConfig& config, const Generation& last) {
  const auto summary = summarise_posterior(last.particles, last.weights);
  std::printf("%-36s %-28s %10s %10s %10s %10s %10s\n", "parameter", "prior", "mean", "sd", "5%",
              "50%", "95%");
  for (std::size_t k = 0; k < config.space.size(); ++k) {
    const auto& parameter = config.space.parameters()[k];
    const auto i = static_cast<Eigen::Index>(k);
    std::printf("%-36.36s %-28.28s %10.4g %10.4g %10.4g %10.4g %10.4g\n", parameter.key.c_str(),
                parameter.prior.text().c_str(), summary.mean[i], summary.standard_deviation[i],
                summary.low[i], summary.median[i], summary.high[i]);
  }
}

void print_fit(const CalibrationConfig& config, const PredictiveSummary& fit, const char* what) {
  std::printf("\n%-36s %-5s %12s %12s %12s %12s   (%s)\n", "target", "use", "reported", "mean",
              "5%", "95%", what);
  for (std::size_t t = 0; t < config.targets.size(); ++t)
    std::printf("%-36.36s %-5s %12.5g %12.5g %12.5g %12.5g\n", config.targets[t].key.c_str(),
                config.targets[t].fit ? "fit" : "check", config.targets[t].reported, fit.mean[t],
                fit.low[t], fit.high[t]);
}

void write_abc(CalibrationRun& run, const AbcState& state) {
  run.provenance.end_time = utc_timestamp();
  publish_checkpoint(
      run.target.temporary_path(), run.target.final_path(), [&](const std::filesystem::path& path) {
        write_abc_file(path, run.provenance, run.description, state, !state.stop_reason.empty());
      });
}

void report_generation(const AbcState& state) {
  const Generation& last = state.generations.back();
  std::fprintf(stderr,
               "calibrate: generation %zu: tolerance %.6g, acceptance rate %.4f, ESS %.1f, "
               "%llu simulations%s%s\n",
               state.generations.size() - 1, last.tolerance, last.acceptance_rate,
               last.effective_sample_size, static_cast<unsigned long long>(state.simulations),
               state.stop_reason.empty() ? "" : "; stopped: ", state.stop_reason.c_str());
}

void write_calibrated_config(CalibrationRun& run, const AbcState& state) {
  OutputTarget& target = *run.calibrated_config;
  const std::string description = "command: " + run.provenance.command_line +
                                  "\noutput: " + run.target.final_path().string() +
                                  "\nmaster seed: " + std::to_string(run.provenance.master_seed) +
                                  "; stopped: " + state.stop_reason;
  std::ofstream file(target.temporary_path());
  file << calibrated_config_text(run.config, state.generations.back(), state.generations.size() - 1,
                                 target.final_path(), description);
  file.close();
  if (!file) throw std::runtime_error("cannot write " + target.temporary_path().string());
  target.commit();
}

void calibrate_abc(CalibrationRun& run, AbcState state, ThreadPoolLimit& pool) {
  const CalibrationConfig& config = run.config;
  ModelSimulator local(config.scenario, config.space);
  BatchSimulator& simulator = run.simulator ? *run.simulator : local;
  pool.run([&] {
    run_abc_smc(simulator, config.space, config.targets, config.abc, state,
                [&](const AbcState& progress) {
                  write_abc(run, progress);
                  if (!run.quiet) report_generation(progress);
                });
  });
  if (run.calibrated_config) write_calibrated_config(run, state);
  if (run.quiet) return;
  print_posterior(config, state.generations.back());
  const Generation& last = state.generations.back();
  print_fit(config, summarise_predictive(last.statistics, last.weights), "posterior predictive");
  if (run.calibrated_config)
    std::printf("\ncalibrated config (posterior medians): %s\n",
                run.calibrated_config->final_path().c_str());
}

void write_msm(CalibrationRun& run, const MsmResult& result, bool complete) {
  run.provenance.end_time = utc_timestamp();
  publish_checkpoint(run.target.temporary_path(), run.target.final_path(),
                     [&](const std::filesystem::path& path) {
                       write_msm_file(path, run.provenance, run.description, result, complete);
                     });
}

void calibrate_msm(CalibrationRun& run, const std::vector<MsmEvaluation>& replay,
                   ThreadPoolLimit& pool) {
  const CalibrationConfig& config = run.config;
  ModelSimulator local(config.scenario, config.space);
  BatchSimulator& simulator = run.simulator ? *run.simulator : local;
  MsmResult result;
  pool.run([&] {
    result = run_msm(simulator, config.space, config.targets, config.msm, replay,
                     [&](const MsmResult& progress) {
                       if (progress.evaluations.size() % msm_checkpoint_interval == 0)
                         write_msm(run, progress, false);
                     });
  });
  write_msm(run, result, true);
  if (run.quiet) return;
  const MsmEvaluation& best = result.evaluations[result.best];
  std::printf("%-36s %14s\n", "parameter", "MSM estimate");
  for (std::size_t k = 0; k < config.space.size(); ++k)
    std::printf("%-36.36s %14.6g\n", config.space.parameters()[k].key.c_str(), best.theta[k]);
  std::printf("J = %.6g after %zu evaluations (global: %s; local: %s)\n", best.objective,
              result.evaluations.size(), result.global_status.c_str(), result.local_status.c_str());
  PredictiveSummary fit{replication_means(best.statistics), {}, {}};
  for (const auto& values : best.statistics) {
    const Eigen::VectorXd equal = Eigen::VectorXd::Ones(static_cast<Eigen::Index>(values.size()));
    fit.low.push_back(weighted_quantile(values, equal, interval_low_probability));
    fit.high.push_back(weighted_quantile(values, equal, interval_high_probability));
  }
  print_fit(config, fit, "replications at the MSM point");
}

// --resume: the file must be this calibration's, unfinished; returns false when it is finished.
bool check_resumable(const std::filesystem::path& file, const std::string& method,
                     const std::string& inputs_text) {
  if (!std::filesystem::exists(file))
    throw ConfigError("command line", "--resume", file.string(), "no such file to resume");
  CheckpointHeader header;
  try {
    header = read_checkpoint_header(file);
  } catch (const std::exception& error) {
    throw ConfigError(file.string(), "--resume", file.string(),
                      std::string("not a readable calibration file: ") + error.what());
  }
  if (header.method != method || header.inputs_text != inputs_text)
    throw ConfigError(file.string(), "calibration_inputs", header.method,
                      "written by a different calibration (method, scenario, settings, seed or "
                      "targets differ): --resume needs the same inputs");
  return !header.complete;
}

// The checkpoint to continue: a file that is not one (datasets missing, shapes that do not fit
// the configured parameters and targets or the read cap) is bad input, refused before any work.
template <typename Read>
auto read_resume_state(const std::filesystem::path& file, Read read) {
  try {
    return read();
  } catch (const ConfigError&) {
    throw;
  } catch (const std::exception& error) {
    throw ConfigError(file.string(), "--resume", file.string(),
                      std::string("not a readable calibration checkpoint: ") + error.what());
  }
}

}  // namespace

int calibrate_command(const CommandLine& line, const ModelCatalogue& models) {
  const auto options = calibrate_options();
  std::vector<ConfigEntry> overrides;
  const auto values = parse_command(line, options, {}, overrides);
  if (values.count("help")) {
    std::cout << options;
    return exit_success;
  }
#ifdef REFORMSIM_MPI
  // Under mpirun, rank 0 runs the calibration and the other ranks serve its evaluation requests.
  std::optional<sweep::MpiSession> session;
  if (sweep::MpiSession::launched_by_mpirun()) {
    // The launcher's variables as they were before MPI_Init (a singleton init rewrites them).
    std::map<std::string, std::string> launcher;
    for (const char* name :
         {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "OMPI_COMM_WORLD_RANK", "PMI_RANK", "PMIX_RANK"})
      if (const char* value = std::getenv(name)) launcher[name] = value;
    const auto announced = [launcher](const char* name) -> const char* {
      const auto found = launcher.find(name);
      return found == launcher.end() ? nullptr : found->second.c_str();
    };
    session.emplace();
    // A launcher announcing several ranks to an MPI library that sees one (another MPI's
    // mpirun): every process would run the whole calibration into the same file.
    if (session->size() == 1)
      sweep::refuse_launch_over_ranks(
          announced,
          "MPI_COMM_WORLD has one rank (a launcher of another MPI library?), and reformsim "
          "calibrate does not run over MPI ranks it cannot see: every rank would do the whole "
          "calibration into the same file; run one process or use this MPI's mpirun");
  }
#else
  // Every rank of an mpirun would run the whole calibration into the same file.
  sweep::refuse_launch_over_ranks(std::getenv,
                                  "reformsim calibrate does not run over MPI ranks: every rank "
                                  "would do the whole calibration into the same file; run one "
                                  "process");
#endif
  const std::string config_file = required(values, "config", "name the calibration config");
  const std::string method = required(values, "method", "abc-smc or msm");
  if (method != "abc-smc" && method != "msm")
    throw ConfigError("command line", "--method", method, "accepted abc-smc, msm");
  if (method == "msm" && values.count("write-config"))
    throw ConfigError("command line", "--write-config", values["write-config"].as<std::string>(),
                      "only ABC-SMC writes a calibrated config (from the posterior median); the "
                      "MSM point is printed and stored in --out as best_theta");
  const auto config =
      load_calibration(models, config_file, overrides,
                       values.count("targets") ? values["targets"].as<std::string>() : "",
                       values.count("seed") ? values["seed"].as<std::string>() : "");
#ifdef REFORMSIM_MPI
  std::optional<ModelSimulator> rank_simulator;
  std::optional<MpiBatchSimulator> distributed;  // its destructor releases the other ranks
  if (session) {
    rank_simulator.emplace(config.scenario, config.space);
    if (session->rank() != 0) {
      ThreadPoolLimit pool(values["threads"].as<int>());
      std::size_t served = 0;
      pool.run([&] { served = serve_calibration_requests(*rank_simulator, *session); });
      if (!values["quiet"].as<bool>())
        std::cerr << "rank " << session->rank() << " simulated " << served << " parameter set(s)\n";
      return exit_success;
    }
    distributed.emplace(*rank_simulator, *session);
  }
  BatchSimulator* const simulator = distributed ? &*distributed : nullptr;
#else
  BatchSimulator* const simulator = nullptr;
#endif
  const std::string out = required(values, "out", "calibrate needs an output file");
  const bool resume = values["resume"].as<bool>();
  if (resume && values["overwrite"].as<bool>())
    throw ConfigError("command line", "--resume", out, "contradicts --overwrite: choose one");
  const std::string inputs_text = calibration_inputs_text(config, method);
  // Held until the command ends: checkpoints are published by rename(), so a second writer to
  // the same file (a second calibrate, or a --resume of it) would otherwise both succeed and the
  // last rename would win. Taken before the checks below, so they cannot go stale.
  const OutputLock lock(out);
  const bool complete_already = resume && !check_resumable(out, method, inputs_text);
  OutputTarget target(out, resume || values["overwrite"].as<bool>());
  std::optional<OutputTarget> calibrated_config;
  if (method == "abc-smc")
    calibrated_config.emplace(values.count("write-config")
                                  ? std::filesystem::path(values["write-config"].as<std::string>())
                                  : default_calibrated_config_path(out),
                              resume || values["overwrite"].as<bool>(), "--write-config");
  ThreadPoolLimit pool(values["threads"].as<int>());
  CalibrationRun run{
      config,
      {method, config.space.parameters(), config.targets, inputs_text,
       config.scenario.parameters.to_ini()},
      {"calibration", line.joined(), config.abc.master_seed, pool.threads(), utc_timestamp(), ""},
      target,
      values["quiet"].as<bool>(),
      calibrated_config ? &*calibrated_config : nullptr,
      simulator};
  const auto parameters = config.space.size(), targets = config.targets.size();
  if (complete_already) {
    // A run killed after its output was complete but before its calibrated config was: the
    // config's target above has removed that run's temporary file; write the config now, from
    // the complete output.
    if (calibrated_config && !std::filesystem::exists(calibrated_config->final_path())) {
      AbcState state =
          read_resume_state(out, [&] { return read_abc_checkpoint(out, parameters, targets); });
      state.stop_reason = "complete; config written by --resume";
      write_calibrated_config(run, state);
      std::cout << "calibrated config (posterior medians) written: "
                << calibrated_config->final_path().string() << "\n";
    }
    std::cout << out << " is complete already: nothing to resume\n";
    return exit_success;
  }
  if (method == "abc-smc")
    calibrate_abc(run,
                  resume ? read_resume_state(
                               out, [&] { return read_abc_checkpoint(out, parameters, targets); })
                         : AbcState{},
                  pool);
  else
    calibrate_msm(run,
                  resume ? read_resume_state(
                               out, [&] { return read_msm_checkpoint(out, parameters, targets); })
                         : std::vector<MsmEvaluation>{},
                  pool);
  return exit_success;
}

}  // namespace reformsim
