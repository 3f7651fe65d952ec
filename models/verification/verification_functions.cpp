#include "models/verification/verification_functions.h"

#include <cmath>
#include <numbers>
#include <stdexcept>

namespace reformsim::models {

using std::numbers::pi;

double ishigami(double x1, double x2, double x3, double a, double b) {
  const double sin_x2 = std::sin(x2);
  return std::sin(x1) + a * sin_x2 * sin_x2 + b * std::pow(x3, 4) * std::sin(x1);
}

AnalyticSobolIndices ishigami_indices(double a, double b) {
  // Partial variances of the ANOVA terms x1, x2 and x1 x3 (the only non-zero ones).
  const double v1 = 0.5 * std::pow(1 + b * std::pow(pi, 4) / 5, 2);
  const double v2 = a * a / 8;
  const double v13 = 8 * b * b * std::pow(pi, 8) / 225;
  const double v = v1 + v2 + v13;
  return {{v1 / v, v2 / v, 0.0}, {(v1 + v13) / v, v2 / v, v13 / v}, v};
}

double sobol_g(std::span<const double> x, std::span<const double> a) {
  if (x.size() != a.size())
    throw std::invalid_argument("sobol_g: " + std::to_string(x.size()) + " inputs but " +
                                std::to_string(a.size()) + " coefficients");
  double product = 1;
  for (std::size_t i = 0; i < x.size(); ++i)
    product *= (std::abs(4 * x[i] - 2) + a[i]) / (1 + a[i]);
  return product;
}

AnalyticSobolIndices sobol_g_indices(std::span<const double> a) {
  std::vector<double> partial(a.size());
  double all_terms = 1;  // prod (1 + V_i): one plus the variance, as E[y^2] with E[y] = 1
  for (std::size_t i = 0; i < a.size(); ++i) {
    partial[i] = 1.0 / (3.0 * (1 + a[i]) * (1 + a[i]));
    all_terms *= 1 + partial[i];
  }
  AnalyticSobolIndices indices{{}, {}, all_terms - 1};
  for (double v_i : partial) {
    indices.first_order.push_back(v_i / indices.variance);
    indices.total_order.push_back(v_i * all_terms / (1 + v_i) / indices.variance);
  }
  return indices;
}

double linear_test(const LinearTestPoint& x, const LinearTestCoefficients& c) {
  double y = c.interaction * x[2] * x[3];
  for (std::size_t i = 0; i < linear_test_inputs; ++i)
    y += c.linear[i] * x[i];
  return y;
}

double linear_test_partial_derivative(std::size_t input, const LinearTestPoint& x,
                                      const LinearTestCoefficients& c) {
  if (input >= linear_test_inputs)
    throw std::out_of_range("linear_test has inputs 0.." + std::to_string(linear_test_inputs - 1));
  if (input == 2) return c.linear[2] + c.interaction * x[3];
  if (input == 3) return c.linear[3] + c.interaction * x[2];
  return c.linear[input];
}

}  // namespace reformsim::models
