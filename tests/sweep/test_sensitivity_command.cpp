// Sobol indices through the user's command path: `reformsim sweep --design saltelli` over a
// verification model, then `reformsim sensitivity DIR --output y`, against the analytic indices
// of the Ishigami function and the Sobol G-function. Each test also recomputes the indices from
// the design's recorded parameter values with the estimator called directly: the command must
// give the same numbers, so a parameter swapped, a column read in the wrong order or a
// mis-written design fails here even where the analytic tolerance would hide it.
#include <gtest/gtest.h>

#include <algorithm>
#include <numbers>
#include <optional>

#include "models/verification/verification_functions.h"
#include "sim/output/file_description.h"
#include "sim/sensitivity/sobol_indices.h"
#include "tests/sweep/verification_sweep.h"

namespace reformsim {
namespace {

using models::AnalyticSobolIndices;
using testing::SweptParameter;
using testing::TemporaryDirectory;

constexpr double pi = std::numbers::pi;
const std::string bootstrap_resamples = "300";
const std::string bootstrap_seed = "5";

// The analytic values must lie within 3 bootstrap standard errors of the estimates: 1.5 times
// the half-width of the 95% interval (1.96 standard errors), plus 0.002 for indices whose
// interval is almost nil (the G-function's unimportant inputs, ST ~ 1e-4). The errors scale as
// 1 / sqrt(N); at these N the half-widths are 0.02-0.04 for the Ishigami indices and up to 0.09
// for the G-function's S1 (docs/sweeps.md gives the figures), so swapping two important inputs
// (indices differing by 0.12 or more), S with ST, or a missing 1/2 in ST fails. A bootstrap
// gone wrong cannot widen the tolerance unnoticed: the intervals are also checked against the
// estimator called directly, and their half-widths against max_half_width.
constexpr std::size_t ishigami_base_samples = 4096;
constexpr double ishigami_max_half_width = 0.06;
constexpr std::size_t sobol_g_base_samples = 2048;
constexpr double sobol_g_max_half_width = 0.12;
// The output variance, from the 2N points of A and B (a scrambled Sobol sequence): within 0.05%
// of the analytic variance at these N; 2% still fails a range mapped wrongly.
constexpr double variance_tolerance = 0.02;
// Chunks of 2048 points (10 files) instead of the default 512 files: the bookkeeping of a chunk
// file (~5 ms) would be most of the test's time, and the sharded test reads 7 chunks anyway.
const std::vector<std::string> large_chunks{"--chunk-points", "2048"};

struct PipelineResult {
  Eigen::VectorXd first, first_lower, first_upper, total, total_lower, total_upper;
  double variance = 0;
};

PipelineResult read_result(const std::string& file) {
  return {testing::read_vector(file, "first_order"),
          testing::read_vector(file, "first_order_lower"),
          testing::read_vector(file, "first_order_upper"),
          testing::read_vector(file, "total_order"),
          testing::read_vector(file, "total_order_lower"),
          testing::read_vector(file, "total_order_upper"),
          testing::read_vector(file, "output_variance")(0)};
}

// Sweeps `model` over `parameters`, runs the sensitivity command on the sweep, and checks the
// file and the printed table against the estimator applied directly to `function` evaluated
// at the design's parameter values. Returns the indices the command wrote, nothing if a
// command failed.
template <typename Function>
std::optional<PipelineResult> run_sobol_pipeline(const TemporaryDirectory& dir,
                                                 const std::string& model,
                                                 const std::vector<SweptParameter>& parameters,
                                                 std::size_t base_samples, Function function) {
  const auto out = (dir / model).string();
  const auto sweep = testing::run_verification_sweep(
      model, "saltelli", parameters, std::to_string(base_samples), out, large_chunks);
  EXPECT_EQ(sweep.exit_status, 0) << sweep.err;
  const auto printed = testing::run_reformsim({"sensitivity", out, "--output", "y", "--bootstrap",
                                               bootstrap_resamples, "--seed", bootstrap_seed});
  EXPECT_EQ(printed.exit_status, 0) << printed.err;
  const auto file = out + "/sensitivity.h5";
  if (sweep.exit_status != 0 || !is_complete_output(file)) return std::nullopt;
  const auto keys = testing::keys_of(parameters);
  EXPECT_EQ(testing::read_labels(file, "parameter_label"), keys);
  EXPECT_EQ(testing::read_labels(file, "statistic_label"), std::vector<std::string>{"y"});
  const PipelineResult result = read_result(file);

  const Eigen::MatrixXd values = testing::design_values(out, keys);
  EXPECT_EQ(static_cast<std::size_t>(values.rows()), base_samples * (keys.size() + 2));
  Eigen::VectorXd y(values.rows());
  for (Eigen::Index p = 0; p < values.rows(); ++p)
    y(p) = function(values.row(p));
  const auto direct = sensitivity::sobol_indices(
      sensitivity::split_saltelli_outputs(y, base_samples, keys.size()),
      {std::stoul(bootstrap_resamples), 0.95, std::stoul(bootstrap_seed)});
  // The same arithmetic on the same numbers: equal but for rounding.
  constexpr double same = 1e-12;
  EXPECT_NEAR(result.variance, direct.variance, same * direct.variance);
  for (Eigen::Index f = 0; f < static_cast<Eigen::Index>(keys.size()); ++f) {
    EXPECT_NEAR(result.first(f), direct.first_order.estimate(f), same) << keys[f];
    EXPECT_NEAR(result.first_lower(f), direct.first_order.lower(f), same) << keys[f];
    EXPECT_NEAR(result.first_upper(f), direct.first_order.upper(f), same) << keys[f];
    EXPECT_NEAR(result.total(f), direct.total_order.estimate(f), same) << keys[f];
    EXPECT_NEAR(result.total_lower(f), direct.total_order.lower(f), same) << keys[f];
    EXPECT_NEAR(result.total_upper(f), direct.total_order.upper(f), same) << keys[f];
  }

  // The table names each parameter beside its own indices (printed to 4 decimals).
  const auto rows = testing::parse_table(printed.out);
  EXPECT_EQ(rows.size(), keys.size()) << printed.out;
  for (std::size_t f = 0; f < std::min(rows.size(), keys.size()); ++f) {
    const auto i = static_cast<Eigen::Index>(f);
    EXPECT_EQ(rows[f].statistic, "y");
    EXPECT_EQ(rows[f].parameter, keys[f]);
    EXPECT_NEAR(rows[f].numbers[0], result.first(i), 5e-5) << keys[f];
    EXPECT_NEAR(rows[f].numbers[3], result.total(i), 5e-5) << keys[f];
  }
  return result;
}

void expect_analytic(const PipelineResult& result, const AnalyticSobolIndices& analytic,
                     const std::vector<SweptParameter>& parameters, double max_half_width) {
  auto expect_within = [&](const char* index, double estimate, double lower, double upper,
                           double truth, const std::string& key) {
    EXPECT_LE(lower, estimate) << index << " " << key;
    EXPECT_GE(upper, estimate) << index << " " << key;
    const double half_width = (upper - lower) / 2;
    EXPECT_LT(half_width, max_half_width) << index << " " << key;
    EXPECT_NEAR(estimate, truth, 1.5 * half_width + 0.002)
        << index << " " << key << ", 95% interval [" << lower << ", " << upper << "]";
  };
  for (std::size_t f = 0; f < parameters.size(); ++f) {
    const auto i = static_cast<Eigen::Index>(f);
    expect_within("S", result.first(i), result.first_lower(i), result.first_upper(i),
                  analytic.first_order[f], parameters[f].key);
    expect_within("ST", result.total(i), result.total_lower(i), result.total_upper(i),
                  analytic.total_order[f], parameters[f].key);
  }
}

std::vector<SweptParameter> ishigami_inputs() {
  return {{"ishigami.x1", -pi, pi}, {"ishigami.x2", -pi, pi}, {"ishigami.x3", -pi, pi}};
}

double ishigami_at(const Eigen::RowVectorXd& x) {
  return models::ishigami(x(0), x(1), x(2), 7, 0.1);
}

TEST(SobolPipeline, IshigamiSweepGivesTheAnalyticIndices) {
  TemporaryDirectory dir;
  const auto result =
      run_sobol_pipeline(dir, "ishigami", ishigami_inputs(), ishigami_base_samples, ishigami_at);
  ASSERT_TRUE(result);
  const AnalyticSobolIndices analytic = models::ishigami_indices(7, 0.1);
  expect_analytic(*result, analytic, ishigami_inputs(), ishigami_max_half_width);
  EXPECT_NEAR(result->variance, analytic.variance, variance_tolerance * analytic.variance);
}

TEST(SobolPipeline, GFunctionSweepGivesTheAnalyticIndices) {
  const std::vector<double> a{0, 1, 4.5, 9, 99, 99, 99, 99};
  std::vector<SweptParameter> inputs;
  for (std::size_t i = 1; i <= a.size(); ++i)
    inputs.push_back({"sobol_g.x" + std::to_string(i), 0, 1});
  TemporaryDirectory dir;
  const auto result = run_sobol_pipeline(
      dir, "sobol_g", inputs, sobol_g_base_samples, [&](const Eigen::RowVectorXd& x) {
        return models::sobol_g(std::span<const double>(x.data(), 8), a);
      });
  ASSERT_TRUE(result);
  const AnalyticSobolIndices analytic = models::sobol_g_indices(a);
  expect_analytic(*result, analytic, inputs, sobol_g_max_half_width);
  EXPECT_NEAR(result->variance, analytic.variance, variance_tolerance * analytic.variance);
}

// One process, two shards run in reverse order into one directory, and the merge of the
// sharded directory: the same indices to the bit. The inputs are given out of their declared
// order, so the labels must follow the command line.
TEST(SobolPipeline, ShardedAndMergedSweepsGiveBitIdenticalIndices) {
  TemporaryDirectory dir;
  const std::vector<SweptParameter> inputs{
      {"ishigami.x3", -pi, pi}, {"ishigami.x1", -pi, pi}, {"ishigami.x2", -pi, pi}};
  const std::vector<std::string> chunks{"--chunk-points", "100"};  // 640 points in 7 chunks
  const auto whole = (dir / "whole").string(), sharded = (dir / "sharded").string();
  ASSERT_EQ(testing::run_verification_sweep("ishigami", "saltelli", inputs, "128", whole, chunks)
                .exit_status,
            0);
  for (const std::string shard : {"1/2", "0/2"}) {
    auto arguments = chunks;
    arguments.insert(arguments.end(), {"--shard", shard});
    const auto result =
        testing::run_verification_sweep("ishigami", "saltelli", inputs, "128", sharded, arguments);
    ASSERT_EQ(result.exit_status, 0) << result.err;
  }
  const auto merged = (dir / "merged.h5").string();
  ASSERT_EQ(testing::run_reformsim({"merge", sharded, "--out", merged}).exit_status, 0);
  std::vector<std::vector<std::pair<std::string, std::vector<char>>>> indices;
  for (const auto& source : {whole, sharded, merged}) {
    const auto result = testing::run_reformsim(
        {"sensitivity", source, "--output", "y", "--bootstrap", "100", "--quiet"});
    ASSERT_EQ(result.exit_status, 0) << source << "\n" << result.err;
    indices.push_back(testing::read_all_datasets(
        source == merged ? (dir / "merged_sensitivity.h5").string() : source + "/sensitivity.h5"));
  }
  EXPECT_EQ(indices[1], indices[0]) << "sharded directory";
  EXPECT_EQ(indices[2], indices[0]) << "merged file";
  EXPECT_EQ(testing::read_labels(whole + "/sensitivity.h5", "parameter_label"),
            testing::keys_of(inputs));
}

}  // namespace
}  // namespace reformsim
