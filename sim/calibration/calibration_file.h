// calibration_file.h - the file `reformsim calibrate` writes (root attribute kind =
// "calibration", method = "abc-smc" or "msm"), rewritten whole after every generation (ABC-SMC)
// or every few evaluations (MSM) as a checkpoint; `complete` = 1 only once finished.
//   dimensions  parameter, parameter_other (labelled, for the correlation), target (labelled),
//               evaluation; ABC-SMC: generation, particle; MSM: replication
//   every file  prior(parameter) text, prior_low/high(parameter); reported_value, uncertainty,
//               target_weight, target_fit(target) (1 fitted, 0 held out to check);
//               evaluation_theta(evaluation, parameter), evaluation_statistic(evaluation,
//               target) (replication mean), evaluation_distance(evaluation) (ABC: d; MSM: J);
//               fit_mean/low/high(target): ABC: posterior predictive mean and 90% interval;
//               MSM: replication mean and 5-95% range at the best point
//   ABC-SMC     evaluation_generation/particle/attempt/accepted(evaluation);
//               tolerance, acceptance_rate, effective_sample_size, generation_simulations
//               (generation); distance_scale(generation, target); particle_theta(generation,
//               particle, parameter), particle_weight, particle_distance(generation, particle),
//               particle_statistic(generation, particle, target); posterior_mean, _sd, _q05,
//               _median, _q95(parameter), posterior_correlation(parameter, parameter_other)
//   MSM         seed(replication), moment_weight(target) (0 for check targets),
//               evaluation_stage(evaluation) (0 start, 1 global, 2 local),
//               evaluation_replicated_statistic(evaluation, replication, target), best_theta
//               (parameter), attributes best_objective, best_evaluation
//   attributes  provenance (write_provenance), method, calibration_inputs (what --resume must
//               match), stop_reason, simulations, complete (last)
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "sim/calibration/abc_smc.h"
#include "sim/calibration/msm.h"
#include "sim/scenarios/comparison_file.h"

namespace reformsim::calibration {

struct CalibrationDescription {
  std::string method;  // "abc-smc" or "msm"
  std::vector<FreeParameter> parameters;
  std::vector<TargetSpec> targets;
  std::string inputs_text;      // calibration_inputs_text
  std::string scenario_config;  // the effective scenario config (INI)
};

void write_abc_file(const std::filesystem::path& path, const Provenance& provenance,
                    const CalibrationDescription& description, const AbcState& state,
                    bool complete);

void write_msm_file(const std::filesystem::path& path, const Provenance& provenance,
                    const CalibrationDescription& description, const MsmResult& result,
                    bool complete);

}  // namespace reformsim::calibration
