#include "sim/calibration/calibrated_config.h"

#include <cmath>
#include <cstdio>
#include <map>
#include <sstream>

namespace reformsim::calibration {
namespace {

std::string line(const char* format, auto... values) {
  char buffer[512];
  std::snprintf(buffer, sizeof buffer, format, values...);
  return buffer;
}

std::string commented(const std::string& text) {
  std::istringstream lines(text);
  std::string out, row;
  while (std::getline(lines, row))
    out += row.empty() ? "#\n" : "# " + row + "\n";
  return out;
}

std::string include_path(const std::filesystem::path& scenario,
                         const std::filesystem::path& destination) {
  namespace fs = std::filesystem;
  const fs::path target = fs::weakly_canonical(fs::absolute(scenario));
  const fs::path directory = fs::weakly_canonical(fs::absolute(destination)).parent_path();
  const fs::path relative = target.lexically_relative(directory);
  return relative.empty() ? target.generic_string() : relative.generic_string();
}

}  // namespace

std::filesystem::path default_calibrated_config_path(const std::filesystem::path& output_file) {
  return output_file.parent_path() / (output_file.stem().string() + "_calibrated.ini");
}

std::string posterior_table_text(const CalibrationConfig& config, const PosteriorSummary& summary) {
  std::string text = line("%-36s %-28s %10s %10s %10s %10s %10s\n", "parameter", "prior", "mean",
                          "sd", "5%", "50%", "95%");
  for (std::size_t k = 0; k < config.space.size(); ++k) {
    const auto& parameter = config.space.parameters()[k];
    const auto i = static_cast<Eigen::Index>(k);
    text += line("%-36.36s %-28.28s %10.4g %10.4g %10.4g %10.4g %10.4g\n", parameter.key.c_str(),
                 parameter.prior.text().c_str(), summary.mean[i], summary.standard_deviation[i],
                 summary.low[i], summary.median[i], summary.high[i]);
  }
  return text;
}

std::string fit_table_text(const CalibrationConfig& config, const PredictiveSummary& fit,
                           const std::string& what) {
  std::string text = line("%-36s %-8s %12s %12s %12s %12s   (%s)\n", "target", "use", "reported",
                          "mean", "5%", "95%", what.c_str());
  for (std::size_t t = 0; t < config.targets.size(); ++t)
    text += line("%-36.36s %-8s %12.5g %12.5g %12.5g %12.5g\n", config.targets[t].key.c_str(),
                 config.targets[t].fit ? "fit" : "held out", config.targets[t].reported,
                 fit.mean[t], fit.low[t], fit.high[t]);
  return text;
}

std::vector<std::string> posterior_median_values(const CalibrationConfig& config,
                                                 const PosteriorSummary& summary) {
  std::vector<std::string> values;
  for (std::size_t k = 0; k < config.space.size(); ++k) {
    const double median = summary.median[static_cast<Eigen::Index>(k)];
    values.push_back(config.space.parameters()[k].integer
                         ? format_parameter_value(
                               ParameterValue{static_cast<std::int64_t>(std::llround(median))})
                         : format_parameter_value(ParameterValue{median}));
  }
  return values;
}

std::string calibrated_config_text(const CalibrationConfig& config, const Generation& last,
                                   std::size_t generation_index,
                                   const std::filesystem::path& destination,
                                   const std::string& description) {
  const auto summary = summarise_posterior(last.particles, last.weights);
  const auto fit = summarise_predictive(last.statistics, last.weights);
  std::string text =
      "# " + destination.filename().string() +
      " - written by `reformsim calibrate` (ABC-SMC): the scenario " + config.scenario.config_path +
      "\n# with each free parameter at its posterior median (weighted; generation " +
      std::to_string(generation_index) + ", " + std::to_string(last.particles.rows()) +
      " particles, ESS " + line("%.1f", last.effective_sample_size) + ").\n";
  text +=
      "# A median is one point of a posterior, not the true value of a parameter; a parameter\n"
      "# whose posterior is about as wide as its prior is not identified by the fit targets.\n"
      "# Judge it by the held-out targets below (docs/calibration.md, MODEL.md section 9).\n";
  text += commented(description) + "#\n";
  text += commented(posterior_table_text(config, summary)) + "#\n";
  text += commented(fit_table_text(config, fit, "posterior predictive")) + "#\n";
  if (!config.scenario_overrides.empty()) {
    text +=
        "# The posterior holds under these overrides of the scenario, which are NOT applied "
        "here\n# (add them to reproduce the calibration's conditions):\n";
    for (const auto& entry : config.scenario_overrides)
      text += "#   " + entry.key + " = " + entry.value + "   (" + entry.origin + ")\n";
    text += "#\n";
  }
  text += "include = " + include_path(config.scenario.config_path, destination) + "\n";
  // Free keys grouped by section, sections in the order of their first free key.
  std::vector<std::string> sections;
  std::map<std::string, std::vector<std::pair<std::string, std::string>>> keys;
  const auto values = posterior_median_values(config, summary);
  for (std::size_t k = 0; k < config.space.size(); ++k) {
    const std::string& key = config.space.parameters()[k].key;
    const auto dot = key.find('.');
    const std::string section = key.substr(0, dot);
    if (!keys.count(section)) sections.push_back(section);
    keys[section].push_back({key.substr(dot + 1), values[k]});
  }
  for (const auto& section : sections) {
    text += "\n[" + section + "]\n";
    for (const auto& [name, value] : keys[section])
      text += name + " = " + value + "\n";
  }
  return text;
}

}  // namespace reformsim::calibration
