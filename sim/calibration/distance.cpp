#include "sim/calibration/distance.h"

#include <cmath>
#include <limits>
#include <stdexcept>

#include "sim/calibration/weighted_sample.h"

namespace reformsim::calibration {

DistanceKind distance_kind_from_name(const std::string& name) {
  if (name == "targets") return DistanceKind::targets;
  if (name == "adaptive") return DistanceKind::adaptive;
  throw std::invalid_argument("unknown distance '" + name + "': accepted targets, adaptive");
}

std::string distance_kind_name(DistanceKind kind) {
  return kind == DistanceKind::targets ? "targets" : "adaptive";
}

Distance::Distance(std::vector<TargetSpec> targets, std::vector<double> scales)
    : targets_(std::move(targets)), scales_(std::move(scales)) {
  if (scales_.size() != targets_.size())
    throw std::logic_error("Distance: one scale per target is required");
}

std::vector<double> Distance::uncertainty_scales(const std::vector<TargetSpec>& targets) {
  std::vector<double> scales;
  for (const auto& target : targets)
    scales.push_back(target.uncertainty);
  return scales;
}

std::vector<double> Distance::adaptive_scales(const std::vector<TargetSpec>& targets,
                                              const std::vector<std::vector<double>>& statistics) {
  std::vector<double> scales = uncertainty_scales(targets);
  for (std::size_t k = 0; k < targets.size(); ++k) {
    std::vector<double> column;
    for (const auto& row : statistics)
      column.push_back(row[k]);
    const double spread = median_absolute_deviation(std::move(column));
    if (spread > 0 && std::isfinite(spread)) scales[k] = spread;
  }
  return scales;
}

std::vector<double> Distance::scaled_deviations(const std::vector<double>& statistics) const {
  std::vector<double> deviations;
  for (std::size_t k = 0; k < targets_.size(); ++k)
    if (targets_[k].fit) deviations.push_back((statistics[k] - targets_[k].reported) / scales_[k]);
  return deviations;
}

double Distance::operator()(const std::vector<double>& statistics) const {
  double sum = 0;
  for (std::size_t k = 0; k < targets_.size(); ++k) {
    if (!targets_[k].fit || targets_[k].weight == 0) continue;
    if (!std::isfinite(statistics[k])) return std::numeric_limits<double>::infinity();
    const double deviation = (statistics[k] - targets_[k].reported) / scales_[k];
    sum += targets_[k].weight * deviation * deviation;
  }
  return std::sqrt(sum);
}

}  // namespace reformsim::calibration
