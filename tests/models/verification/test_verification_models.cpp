// The verification models as the engine sees them: registered, described as verification
// functions, declaring the published defaults, recording y = the function at the parameters
// whatever the seed, and their shipped configs running through `reformsim run`.
#include <gtest/gtest.h>

#include <array>
#include <numbers>
#include <regex>

#include "models/model_catalogue.h"
#include "models/verification/verification_functions.h"
#include "models/verification/verification_models.h"
#include "sim/run/ensemble.h"
#include "sim/run/scenario.h"
#include "tests/support/test_support.h"

namespace reformsim::models {
namespace {

struct VerificationRun {
  ModelCatalogue catalogue = all_models();
  const Model& model;
  ParameterSet parameters;

  explicit VerificationRun(const std::string& name)
      : model(*catalogue.find(name)), parameters(build_registry(model, catalogue)) {}
  void set(const std::string& key, double value) { parameters.set_value(key, value, "test"); }
  // y of one replication run as the engine runs it.
  double y(std::uint64_t seed) const {
    const auto metrics = model.metrics(parameters);
    const auto result = run_replication(model, parameters, metrics, seed, 0, nullptr);
    return result.summary.at(metrics.id("y").offset);
  }
};

TEST(VerificationModels, AreRegisteredAndDescribedAsVerificationFunctions) {
  const auto catalogue = all_models();
  for (const std::string name : {"ishigami", "sobol_g", "linear_test"}) {
    const Model* model = catalogue.find(name);
    ASSERT_NE(model, nullptr) << name;
    EXPECT_NE(model->description().find("verification function with known"), std::string::npos);
    EXPECT_NE(model->description().find("for checking a sweep pipeline"), std::string::npos);
    const auto metrics = model->metrics(ParameterSet(build_registry(*model, catalogue)));
    EXPECT_TRUE(metrics.series().empty()) << name;
    ASSERT_EQ(metrics.summaries().size(), 1u) << name;
    EXPECT_EQ(metrics.summaries()[0].name, "y");
  }
}

TEST(IshigamiModel, DeclaresThePublishedCoefficientsAndInputsOnMinusPiToPi) {
  const VerificationRun run("ishigami");
  EXPECT_EQ(run.parameters.real("ishigami.a"), 7);
  EXPECT_EQ(run.parameters.real("ishigami.b"), 0.1);
  for (const std::string key : {"ishigami.x1", "ishigami.x2", "ishigami.x3"}) {
    const auto& spec = run.parameters.registry().at(key);
    EXPECT_EQ(spec.minimum, -std::numbers::pi) << key;
    EXPECT_EQ(spec.maximum, std::numbers::pi) << key;
  }
}

TEST(IshigamiModel, RecordsTheFunctionAtItsParametersWhateverTheSeed) {
  VerificationRun run("ishigami");
  run.set("ishigami.x1", 0.3);
  run.set("ishigami.x2", -2.0);
  run.set("ishigami.x3", 3.0);
  run.set("ishigami.b", 0.2);
  const double expected = ishigami(0.3, -2.0, 3.0, 7, 0.2);
  EXPECT_EQ(run.y(1), expected);
  EXPECT_EQ(run.y(987654321), expected);
}

TEST(SobolGModel, DeclaresTheClassicCoefficientsAndRecordsTheFunction) {
  VerificationRun run("sobol_g");
  const std::array<double, 8> a{0, 1, 4.5, 9, 99, 99, 99, 99};
  std::array<double, 8> x;
  for (std::size_t i = 0; i < 8; ++i) {
    const std::string n = std::to_string(i + 1);
    EXPECT_EQ(run.parameters.real("sobol_g.a" + n), a[i]) << n;
    EXPECT_EQ(run.parameters.registry().at("sobol_g.x" + n).maximum, 1) << n;
    x[i] = 0.1 * static_cast<double>(i) + 0.05;  // a different value for every input
    run.set("sobol_g.x" + n, x[i]);
  }
  EXPECT_EQ(run.y(1), sobol_g(x, a));
  EXPECT_EQ(run.y(2), sobol_g(x, a));
}

TEST(LinearTestModel, RecordsTheLinearTermsAndTheInteraction) {
  VerificationRun run("linear_test");
  const LinearTestPoint x{0.5, -2, 0.25, 4};
  for (std::size_t i = 0; i < 4; ++i)
    run.set("linear_test.x" + std::to_string(i + 1), x[i]);
  EXPECT_EQ(run.y(3), linear_test(x, {{2, -5, 0, 1}, 3}));
  run.set("linear_test.c3", 10);
  run.set("linear_test.interaction", -1);
  EXPECT_EQ(run.y(3), linear_test(x, {{2, -5, 10, 1}, -1}));
}

// The shipped configs run as a user runs them and record the value their comments give.
TEST(VerificationConfigs, RunThroughTheCommandAndRecordTheValueTheyState) {
  testing::TemporaryDirectory dir;
  const std::vector<std::pair<std::string, double>> configs{
      {"ishigami", 5.882132011203685}, {"sobol_g", 1.0}, {"linear_test", 1.0}};
  for (const auto& [name, y] : configs) {
    const auto out = (dir / (name + ".h5")).string();
    const auto result = testing::run_reformsim(
        {"run", "--config", "configs/verification/" + name + ".ini", "--out", out, "--quiet"});
    ASSERT_EQ(result.exit_status, 0) << name << "\n" << result.err;
    const auto values = testing::read_hdf5_doubles(out, "y");
    ASSERT_EQ(values.size(), 1u) << name;  // one replication
    EXPECT_NEAR(values[0], y, 1e-12) << name;
  }
}

// A model that records only summaries shows them in the table `run` prints: it is its result.
TEST(VerificationConfigs, RunPrintsTheSummaryValue) {
  testing::TemporaryDirectory dir;
  const auto result = testing::run_reformsim(
      {"run", "--config", "configs/verification/ishigami.ini", "--out", (dir / "y.h5").string()});
  ASSERT_EQ(result.exit_status, 0) << result.err;
  EXPECT_NE(result.out.find("summary (mean)"), std::string::npos) << result.out;
  EXPECT_EQ(result.out.find("metric (last step, mean)"), std::string::npos)  // no series: no table
      << result.out;
  EXPECT_TRUE(std::regex_search(result.out, std::regex("\ny +5\\.88213 ")))  // 6 digits
      << result.out;
}

}  // namespace
}  // namespace reformsim::models
