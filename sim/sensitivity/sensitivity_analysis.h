// sensitivity_analysis.h - a sweep's sensitivity indices for each output statistic: Sobol
// first-order and total indices for a Saltelli design, Morris mu, mu* and sigma for a Morris
// design; written as labelled arrays over (statistic, parameter) and printed as a table.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "sim/sensitivity/morris_effects.h"
#include "sim/sensitivity/output_statistic.h"
#include "sim/sensitivity/sobol_indices.h"

namespace reformsim::sensitivity {

struct SensitivityResult {
  design::DesignKind method = design::DesignKind::saltelli;  // saltelli or morris
  std::vector<std::string> parameters;
  std::vector<std::string> statistics;
  std::vector<SobolIndices> sobol;    // one per statistic (Saltelli designs)
  std::vector<MorrisEffects> morris;  // one per statistic (Morris designs)
  BootstrapSettings bootstrap;
};

// Throws ConfigError (naming the source) when the design is neither saltelli nor morris.
SensitivityResult analyse_sweep(const sweep::SweepSource& source,
                                const std::vector<StatisticSpec>& statistics,
                                const BootstrapSettings& bootstrap);

struct SensitivityFileInfo {
  std::string source;
  std::string command_line;
};

// Dimensions statistic and parameter (labelled); Sobol: first_order, first_order_lower,
// first_order_upper, total_order(, _lower, _upper) and output_variance(statistic); Morris:
// mu, mu_star, mu_star_lower, mu_star_upper, sigma. `complete` written last.
void write_sensitivity_file(const std::filesystem::path& path, const SensitivityResult& result,
                            const SensitivityFileInfo& info);

// A fixed-width table, one row per (statistic, parameter).
std::string format_sensitivity_table(const SensitivityResult& result);

}  // namespace reformsim::sensitivity
