#include "sim/sensitivity/sensitivity_analysis.h"

#include <cmath>
#include <cstdio>

#include "sim/config/config_error.h"
#include "sim/output/labelled_arrays.h"
#include "sim/output/labelled_dimension.h"
#include "sim/output/run_file.h"
#include "sim/version.h"

namespace reformsim::sensitivity {
namespace {

using Matrix = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

// One (statistic x parameter) array from a per-statistic vector.
template <typename Item, typename Get>
Matrix stack(const std::vector<Item>& items, std::size_t parameters, Get get) {
  Matrix values(static_cast<Eigen::Index>(items.size()), static_cast<Eigen::Index>(parameters));
  for (std::size_t s = 0; s < items.size(); ++s)
    values.row(static_cast<Eigen::Index>(s)) = get(items[s]).transpose();
  return values;
}

void add_array(const LabelledArrayFile& file, const std::string& name, const Matrix& values,
               const std::string& long_name) {
  file.add_variable(file.root(), name, {"statistic", "parameter"},
                    std::span<const double>(values.data(), static_cast<std::size_t>(values.size())),
                    {long_name, "1", "statistic_label parameter_label"});
}

void write_sobol_arrays(const LabelledArrayFile& file, const SensitivityResult& result) {
  const std::size_t k = result.parameters.size();
  const auto& s = result.sobol;
  add_array(file, "first_order",
            stack(s, k, [](const SobolIndices& i) { return i.first_order.estimate; }),
            "first-order Sobol index (Saltelli et al. 2010 estimator)");
  add_array(file, "first_order_lower",
            stack(s, k, [](const SobolIndices& i) { return i.first_order.lower; }),
            "first-order index, lower bootstrap bound");
  add_array(file, "first_order_upper",
            stack(s, k, [](const SobolIndices& i) { return i.first_order.upper; }),
            "first-order index, upper bootstrap bound");
  add_array(file, "total_order",
            stack(s, k, [](const SobolIndices& i) { return i.total_order.estimate; }),
            "total-order Sobol index (Jansen 1999 estimator)");
  add_array(file, "total_order_lower",
            stack(s, k, [](const SobolIndices& i) { return i.total_order.lower; }),
            "total-order index, lower bootstrap bound");
  add_array(file, "total_order_upper",
            stack(s, k, [](const SobolIndices& i) { return i.total_order.upper; }),
            "total-order index, upper bootstrap bound");
  std::vector<double> variance;
  for (const auto& indices : s)
    variance.push_back(indices.variance);
  file.add_variable(
      file.root(), "output_variance", {"statistic"}, variance,
      {"variance of the statistic over the design (A and B pooled)", "", "statistic_label"});
}

void write_morris_arrays(const LabelledArrayFile& file, const SensitivityResult& result) {
  const std::size_t k = result.parameters.size();
  const auto& m = result.morris;
  add_array(file, "mu", stack(m, k, [](const MorrisEffects& e) { return e.mu; }),
            "mean elementary effect");
  add_array(file, "mu_star", stack(m, k, [](const MorrisEffects& e) { return e.mu_star; }),
            "mean absolute elementary effect (Campolongo et al. 2007)");
  add_array(file, "mu_star_lower",
            stack(m, k, [](const MorrisEffects& e) { return e.mu_star_lower; }),
            "mu*, lower bootstrap bound");
  add_array(file, "mu_star_upper",
            stack(m, k, [](const MorrisEffects& e) { return e.mu_star_upper; }),
            "mu*, upper bootstrap bound");
  add_array(file, "sigma", stack(m, k, [](const MorrisEffects& e) { return e.sigma; }),
            "standard deviation of the elementary effects");
}

}  // namespace

SensitivityResult analyse_sweep(const sweep::SweepSource& source,
                                const std::vector<StatisticSpec>& statistics,
                                const BootstrapSettings& bootstrap) {
  const auto& layout = source.layout();
  if (layout.kind != design::DesignKind::saltelli && layout.kind != design::DesignKind::morris)
    throw ConfigError(source.files().front().string(), "design",
                      design::design_kind_name(layout.kind),
                      "sensitivity indices need a saltelli (Sobol indices) or morris design");
  SensitivityResult result{layout.kind, layout.parameters, {}, {}, {}, bootstrap};
  for (const auto& statistic : statistics) {
    result.statistics.push_back(statistic.label());
    const Eigen::VectorXd y = statistic_values(source, statistic);
    if (layout.kind == design::DesignKind::saltelli)
      result.sobol.push_back(sobol_indices(
          split_saltelli_outputs(y, layout.samples, layout.parameters.size()), bootstrap));
    else
      result.morris.push_back(morris_effects(layout.unit, y, layout.samples, bootstrap));
  }
  return result;
}

void write_sensitivity_file(const std::filesystem::path& path, const SensitivityResult& result,
                            const SensitivityFileInfo& info) {
  auto file = LabelledArrayFile::create(path);
  const hid_t root = file.root();
  const bool sobol = result.method == design::DesignKind::saltelli;
  LabelledArrayFile::set_attribute(root, "title", "reformsim sensitivity analysis");
  LabelledArrayFile::set_attribute(root, "kind", "sensitivity");
  LabelledArrayFile::set_attribute(root, "method", sobol ? "sobol" : "morris");
  LabelledArrayFile::set_attribute(root, "source", info.source);
  LabelledArrayFile::set_attribute(root, "command_line", info.command_line);
  LabelledArrayFile::set_attribute(root, "reformsim_version", std::string(version));
  LabelledArrayFile::set_attribute(root, "git_commit", std::string(git_commit));
  LabelledArrayFile::set_attribute(root, "bootstrap_resamples",
                                   static_cast<std::int64_t>(result.bootstrap.resamples));
  LabelledArrayFile::set_attribute(root, "confidence", result.bootstrap.confidence);
  LabelledArrayFile::set_attribute(root, "bootstrap_seed", std::to_string(result.bootstrap.seed));
  add_labelled_dimension(file, root, "statistic",
                         "output statistic (metric:rule, mean over replications)",
                         result.statistics);
  add_labelled_dimension(file, root, "parameter", "swept parameter", result.parameters);
  if (sobol)
    write_sobol_arrays(file, result);
  else
    write_morris_arrays(file, result);
  file.flush();
  LabelledArrayFile::set_attribute(root, "complete", std::int64_t{1});
  file.flush();
  file.close();
}

std::string format_sensitivity_table(const SensitivityResult& result) {
  const bool sobol = result.method == design::DesignKind::saltelli;
  const int percent = static_cast<int>(std::lround(result.bootstrap.confidence * 100));
  std::string text;
  char line[320];
  std::snprintf(line, sizeof line,
                sobol ? "%-34s %-32s %8s %19s %8s %19s\n" : "%-34s %-32s %10s %10s %23s %10s\n",
                "statistic", "parameter", sobol ? "S1" : "mu",
                sobol ? (std::to_string(percent) + "% CI").c_str() : "mu*",
                sobol ? "ST" : (std::to_string(percent) + "% CI of mu*").c_str(),
                sobol ? (std::to_string(percent) + "% CI").c_str() : "sigma");
  text += line;
  for (std::size_t s = 0; s < result.statistics.size(); ++s)
    for (std::size_t f = 0; f < result.parameters.size(); ++f) {
      const auto i = static_cast<Eigen::Index>(f);
      if (sobol) {
        const auto& x = result.sobol[s];
        std::snprintf(line, sizeof line, "%-34s %-32s %8.4f [%8.4f,%8.4f] %8.4f [%8.4f,%8.4f]\n",
                      result.statistics[s].c_str(), result.parameters[f].c_str(),
                      x.first_order.estimate(i), x.first_order.lower(i), x.first_order.upper(i),
                      x.total_order.estimate(i), x.total_order.lower(i), x.total_order.upper(i));
      } else {
        const auto& x = result.morris[s];
        std::snprintf(line, sizeof line, "%-34s %-32s %10.4g %10.4g [%10.4g,%10.4g] %10.4g\n",
                      result.statistics[s].c_str(), result.parameters[f].c_str(), x.mu(i),
                      x.mu_star(i), x.mu_star_lower(i), x.mu_star_upper(i), x.sigma(i));
      }
      text += line;
    }
  return text;
}

}  // namespace reformsim::sensitivity
