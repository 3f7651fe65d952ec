// verification_functions.h - test functions of global sensitivity analysis whose answers are
// known in closed form, and those answers. The verification models (verification_models.h)
// wrap them so that a sweep and its sensitivity analysis can be checked end to end against
// numbers that do not come from the code under test.
#pragma once

#include <array>
#include <cstddef>
#include <span>
#include <vector>

namespace reformsim::models {

// Variance-based (Sobol) indices of a function of independent inputs, one entry per input.
struct AnalyticSobolIndices {
  std::vector<double> first_order, total_order;
  double variance = 0;  // of the output
};

// Ishigami & Homma 1990: y = sin x1 + a sin^2 x2 + b x3^4 sin x1, inputs uniform on [-pi, pi].
double ishigami(double x1, double x2, double x3, double a, double b);
// Its indices, from the partial variances of its ANOVA terms x1, x2 and x1 x3 (a = 7, b = 0.1:
// S = 0.3139, 0.4424, 0 and ST = 0.5576, 0.4424, 0.2437, the published values): x2 acts
// alone, x3 only through its interaction with x1.
AnalyticSobolIndices ishigami_indices(double a, double b);

// The Sobol G-function (Saltelli & Sobol' 1995): y = prod_i (|4 x_i - 2| + a_i) / (1 + a_i),
// inputs uniform on [0, 1]; a small a_i makes input i important. Throws std::invalid_argument
// when x and a differ in length.
double sobol_g(std::span<const double> x, std::span<const double> a);
// Its indices: V_i = 1 / (3 (1 + a_i)^2), V = prod (1 + V_i) - 1, S_i = V_i / V and
// ST_i = V_i prod_{j != i} (1 + V_j) / V.
AnalyticSobolIndices sobol_g_indices(std::span<const double> a);

// A function with known Morris elementary effects: y = sum_i c_i x_i + d x3 x4. It is linear
// in each input separately, so an elementary effect of x_i over any step equals the partial
// derivative at the step's start: c_i for x1 and x2 wherever it is measured (sigma 0),
// c3 + d x4 and c4 + d x3 for the interacting pair (sigma > 0 when d != 0).
inline constexpr std::size_t linear_test_inputs = 4;
using LinearTestPoint = std::array<double, linear_test_inputs>;
struct LinearTestCoefficients {
  LinearTestPoint linear;  // c_1 .. c_4
  double interaction;      // d, on x3 x4
};
double linear_test(const LinearTestPoint& x, const LinearTestCoefficients& c);
// dy / dx_input at x (input from 0); std::out_of_range for an input >= linear_test_inputs.
double linear_test_partial_derivative(std::size_t input, const LinearTestPoint& x,
                                      const LinearTestCoefficients& c);

}  // namespace reformsim::models
