// distance.h - how far a simulated set of target statistics is from the reported figures:
//   d(s) = sqrt( sum over fit targets k of weight_k * ((s_k - reported_k) / scale_k)^2 )
// with scale_k the target's uncertainty from the targets file ("targets" distance) or the
// median absolute deviation of the statistic over the last generation's simulations
// ("adaptive", Prangle 2017, "Adapting the ABC distance function", Bayesian Analysis 12(1)),
// which keeps one noisy target from dominating. Held-out (check) targets never enter.
#pragma once

#include <string>
#include <vector>

namespace reformsim::calibration {

// A target as the algorithms see it (the engine's ResolvedTarget reduced to what they need).
struct TargetSpec {
  std::string key;
  double reported = 0;
  double uncertainty = 1;  // > 0
  double weight = 1;       // >= 0
  bool fit = true;         // false: held out, only compared
};

enum class DistanceKind { targets, adaptive };

DistanceKind distance_kind_from_name(const std::string& name);  // std::invalid_argument
std::string distance_kind_name(DistanceKind kind);

class Distance {
 public:
  Distance(std::vector<TargetSpec> targets, std::vector<double> scales);

  // Scale of every target = its uncertainty.
  static std::vector<double> uncertainty_scales(const std::vector<TargetSpec>& targets);
  // Scale of every target = the MAD of its statistic over the simulations (rows: simulations,
  // columns: targets); a target whose MAD is 0 or undefined keeps its uncertainty.
  static std::vector<double> adaptive_scales(const std::vector<TargetSpec>& targets,
                                             const std::vector<std::vector<double>>& statistics);

  // +infinity when a fitted statistic is not finite (the model could not compute it).
  double operator()(const std::vector<double>& statistics) const;
  // The scaled deviations (s_k - reported_k) / scale_k of the fit targets (MSM's g).
  std::vector<double> scaled_deviations(const std::vector<double>& statistics) const;
  const std::vector<double>& scales() const { return scales_; }
  const std::vector<TargetSpec>& targets() const { return targets_; }

 private:
  std::vector<TargetSpec> targets_;
  std::vector<double> scales_;
};

}  // namespace reformsim::calibration
