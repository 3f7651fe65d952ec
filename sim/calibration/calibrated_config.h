// calibrated_config.h - what an ABC-SMC calibration hands on: a scenario config that includes
// the calibrated scenario and sets each free parameter to its posterior median (integers
// rounded as the model sees them), with the posterior summary, the fit table and the overrides
// the posterior is conditional on written above it as comments:
//
//   # demo_market_calibrated.ini - written by `reformsim calibrate` (ABC-SMC) ...
//   # parameter   prior   mean   sd   5%   50%   95%          (the posterior summary)
//   # target      use     reported   mean   5%   95%          (the fit table)
//   include = ../demo_market.ini
//   [market]
//   entry_value_days = 53.53
//
// The include is relative to the written file, so the pair can be moved together (or the
// scenario given by absolute path when no relative path exists).
#pragma once

#include <filesystem>
#include <string>

#include "sim/calibration/calibration_config.h"
#include "sim/calibration/posterior_summary.h"

namespace reformsim::calibration {

// The default place of the calibrated config of an output file: beside it, "<stem>_calibrated.ini"
// (abc.h5 -> abc_calibrated.ini).
std::filesystem::path default_calibrated_config_path(const std::filesystem::path& output_file);

// The posterior table: parameter, prior, weighted mean, sd, 5%, 50%, 95%.
std::string posterior_table_text(const CalibrationConfig& config, const PosteriorSummary& summary);

// The fit table: target, use (fit or held out), reported, mean and 5-95% of `what` (the
// posterior predictive or the replications at the MSM point).
std::string fit_table_text(const CalibrationConfig& config, const PredictiveSummary& fit,
                           const std::string& what);

// The text of the calibrated config for the last generation of a finished ABC-SMC run,
// destined for `destination` (the include path is made relative to it). description names
// the run (command line, output file, stop reason) in the header comment.
std::string calibrated_config_text(const CalibrationConfig& config, const Generation& last,
                                   std::size_t generation_index,
                                   const std::filesystem::path& destination,
                                   const std::string& description);

// The posterior medians as the model sees them: integers rounded to the nearest whole number.
std::vector<std::string> posterior_median_values(const CalibrationConfig& config,
                                                 const PosteriorSummary& summary);

}  // namespace reformsim::calibration
