#include "models/verification/verification_models.h"

#include <array>
#include <numbers>

#include "models/verification/verification_functions.h"

namespace reformsim::models {
namespace {

std::string numbered(const std::string& prefix, std::size_t i) {
  return prefix + std::to_string(i + 1);
}

const std::string ishigami_source = "Ishigami & Homma 1990 (test function)";
const std::string sobol_g_source = "Saltelli & Sobol' 1995 (test function)";
const std::string linear_test_source = "verification function (models/verification)";

// The classic coefficients: two important inputs, two less so, four that hardly matter.
constexpr std::array<double, SobolGModel::inputs> sobol_g_default_a{0, 1, 4.5, 9, 99, 99, 99, 99};
constexpr LinearTestCoefficients linear_test_defaults{{2, -5, 0, 1}, 3};

}  // namespace

std::string IshigamiModel::description() const {
  return "verification function with known Sobol indices, for checking a sweep pipeline: "
         "Ishigami y = sin x1 + a sin^2 x2 + b x3^4 sin x1 (a = 7, b = 0.1: S = 0.3139, 0.4424, "
         "0; ST = 0.5576, 0.4424, 0.2437); deterministic, one summary y";
}

void IshigamiModel::declare_parameters(ParameterRegistry& registry) const {
  using std::numbers::pi;
  for (std::size_t i = 0; i < 3; ++i)
    registry.add(real_parameter(
        numbered("ishigami.x", i), 0, -pi, pi, "1",
        "input x" + std::to_string(i + 1) + "; the test problem sweeps it uniformly over [-pi, pi]",
        ishigami_source));
  registry.add(real_parameter("ishigami.a", 7, -1e3, 1e3, "1",
                              "coefficient of sin^2 x2 (7 in the published indices)",
                              ishigami_source));
  registry.add(real_parameter("ishigami.b", 0.1, -1e3, 1e3, "1",
                              "coefficient of x3^4 sin x1 (0.1 in the published indices)",
                              ishigami_source));
}

double IshigamiModel::evaluate(const ParameterSet& p) const {
  return ishigami(p.real("ishigami.x1"), p.real("ishigami.x2"), p.real("ishigami.x3"),
                  p.real("ishigami.a"), p.real("ishigami.b"));
}

std::string SobolGModel::description() const {
  return "verification function with known Sobol indices, for checking a sweep pipeline: Sobol "
         "G-function y = prod (|4 x_i - 2| + a_i) / (1 + a_i), 8 inputs on [0, 1] (S_i = V_i / "
         "V, V_i = 1 / (3 (1 + a_i)^2)); deterministic, one summary y";
}

void SobolGModel::declare_parameters(ParameterRegistry& registry) const {
  for (std::size_t i = 0; i < inputs; ++i)
    registry.add(real_parameter(
        numbered("sobol_g.x", i), 0.5, 0, 1, "1",
        "input x" + std::to_string(i + 1) + "; the test problem sweeps it uniformly over [0, 1]",
        sobol_g_source));
  for (std::size_t i = 0; i < inputs; ++i)
    registry.add(real_parameter(numbered("sobol_g.a", i), sobol_g_default_a[i], 0, 1e6, "1",
                                "coefficient a" + std::to_string(i + 1) +
                                    ": the smaller, the more important x" + std::to_string(i + 1),
                                sobol_g_source));
}

double SobolGModel::evaluate(const ParameterSet& p) const {
  std::array<double, inputs> x, a;
  for (std::size_t i = 0; i < inputs; ++i) {
    x[i] = p.real(numbered("sobol_g.x", i));
    a[i] = p.real(numbered("sobol_g.a", i));
  }
  return sobol_g(x, a);
}

std::string LinearTestModel::description() const {
  return "verification function with known Morris elementary effects, for checking a sweep "
         "pipeline: y = c1 x1 + c2 x2 + c3 x3 + c4 x4 + interaction x3 x4 (effects c1, c2 with "
         "sigma 0; c3 + interaction x4, c4 + interaction x3); deterministic, one summary y";
}

void LinearTestModel::declare_parameters(ParameterRegistry& registry) const {
  // Wide ranges, so a test can sweep an input over more than [0, 1] and check that the
  // effects come out in unit-cube units (c_i times the width of the range).
  for (std::size_t i = 0; i < linear_test_inputs; ++i)
    registry.add(real_parameter(numbered("linear_test.x", i), 0, -1e3, 1e3, "1",
                                "input x" + std::to_string(i + 1), linear_test_source));
  for (std::size_t i = 0; i < linear_test_inputs; ++i)
    registry.add(real_parameter(numbered("linear_test.c", i), linear_test_defaults.linear[i], -1e6,
                                1e6, "1", "coefficient of x" + std::to_string(i + 1),
                                linear_test_source));
  registry.add(real_parameter("linear_test.interaction", linear_test_defaults.interaction, -1e6,
                              1e6, "1", "coefficient of x3 x4", linear_test_source));
}

double LinearTestModel::evaluate(const ParameterSet& p) const {
  LinearTestPoint x;
  LinearTestCoefficients c{{}, p.real("linear_test.interaction")};
  for (std::size_t i = 0; i < linear_test_inputs; ++i) {
    x[i] = p.real(numbered("linear_test.x", i));
    c.linear[i] = p.real(numbered("linear_test.c", i));
  }
  return linear_test(x, c);
}

}  // namespace reformsim::models
