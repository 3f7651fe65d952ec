// verification_models.h - models whose output is a test function of sensitivity analysis with
// a known answer (verification_functions.h), for checking a sweep and sensitivity pipeline
// end to end: `ishigami` and `sobol_g` (known Sobol indices), `linear_test` (known Morris
// elementary effects). Configs: configs/verification/; how to use them: docs/sweeps.md.
#pragma once

#include "models/verification/function_model.h"

namespace reformsim::models {

// Parameters ishigami.x1 .. x3 (on [-pi, pi]), ishigami.a (7), ishigami.b (0.1).
class IshigamiModel : public FunctionModel {
 public:
  std::string name() const override { return "ishigami"; }
  std::string description() const override;
  void declare_parameters(ParameterRegistry& registry) const override;
  double evaluate(const ParameterSet& parameters) const override;
};

// Parameters sobol_g.x1 .. x8 (on [0, 1]) and sobol_g.a1 .. a8 (0, 1, 4.5, 9, 99, 99, 99, 99).
class SobolGModel : public FunctionModel {
 public:
  static constexpr std::size_t inputs = 8;
  std::string name() const override { return "sobol_g"; }
  std::string description() const override;
  void declare_parameters(ParameterRegistry& registry) const override;
  double evaluate(const ParameterSet& parameters) const override;
};

// Parameters linear_test.x1 .. x4, linear_test.c1 .. c4 (2, -5, 0, 1) and
// linear_test.interaction (3, on x3 x4).
class LinearTestModel : public FunctionModel {
 public:
  std::string name() const override { return "linear_test"; }
  std::string description() const override;
  void declare_parameters(ParameterRegistry& registry) const override;
  double evaluate(const ParameterSet& parameters) const override;
};

}  // namespace reformsim::models
