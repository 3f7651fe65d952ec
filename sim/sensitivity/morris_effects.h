// morris_effects.h - elementary effects from Morris trajectories (Morris 1991, Technometrics 33,
// 161-174): along each trajectory one factor moves at a time, and its elementary effect is the
// change of the output over the change of the factor (in unit-cube coordinates, as SALib
// reports them). mu is their mean, mu* the mean of their absolute values (Campolongo,
// Cariboni & Saltelli 2007, Environ. Model. Softw. 22, 1509-1518), which does not let effects
// of opposite sign cancel, and sigma their standard deviation (n - 1 denominator): large when
// the effect depends on where it is measured (non-linearity or interactions).
#pragma once

#include <Eigen/Dense>

#include "sim/sensitivity/sobol_indices.h"

namespace reformsim::sensitivity {

struct MorrisEffects {
  Eigen::MatrixXd elementary_effects;  // trajectories x factors
  Eigen::VectorXd mu, mu_star, sigma;
  Eigen::VectorXd mu_star_lower, mu_star_upper;  // bootstrap over trajectories
};

// unit_design: r (k + 1) rows from design::morris_design; y: the output at each row. Throws
// std::invalid_argument when the sizes disagree or a step does not move exactly one factor.
MorrisEffects morris_effects(const Eigen::MatrixXd& unit_design, const Eigen::VectorXd& y,
                             std::size_t trajectories, const BootstrapSettings& bootstrap);

}  // namespace reformsim::sensitivity
