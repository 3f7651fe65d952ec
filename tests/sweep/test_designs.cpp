// Designs: sizes, stratification, the Sobol sequence against published points, the structure
// of Saltelli and Morris designs, and the map from unit coordinates to parameter values.
#include <gtest/gtest.h>

#include <set>

#include "sim/design/design.h"
#include "sim/design/sobol_sequence.h"

namespace reformsim::design {
namespace {

TEST(GridDesign, HasLevelsToThePowerOfFactorsPointsCoveringEveryCombination) {
  const Eigen::MatrixXd grid = grid_design(3, 2);
  ASSERT_EQ(grid.rows(), 9);
  std::set<std::pair<double, double>> combinations;
  for (Eigen::Index p = 0; p < grid.rows(); ++p)
    combinations.insert({grid(p, 0), grid(p, 1)});
  EXPECT_EQ(combinations.size(), 9u);
  EXPECT_EQ(grid(0, 0), 0.0);
  EXPECT_EQ(grid(8, 1), 1.0);
  EXPECT_EQ(grid(1, 1), 0.5);  // the last factor varies fastest
  EXPECT_EQ(design_point_count({DesignKind::grid, 4, 3, 4}), 64u);
  EXPECT_THROW(design_point_count({DesignKind::grid, 100, 9, 4}), std::invalid_argument);
}

TEST(LatinHypercube, PutsExactlyOnePointInEachStratumOfEveryFactor) {
  for (std::size_t samples : {1u, 7u, 64u}) {
    const Eigen::MatrixXd design = latin_hypercube_design(samples, 4, 42);
    for (Eigen::Index f = 0; f < 4; ++f) {
      std::set<long> strata;
      for (Eigen::Index p = 0; p < design.rows(); ++p)
        strata.insert(static_cast<long>(std::floor(design(p, f) * static_cast<double>(samples))));
      EXPECT_EQ(strata.size(), samples) << "factor " << f;
    }
  }
  EXPECT_TRUE(latin_hypercube_design(16, 3, 42).isApprox(latin_hypercube_design(16, 3, 42)));
  EXPECT_FALSE(latin_hypercube_design(16, 3, 42).isApprox(latin_hypercube_design(16, 3, 43)));
}

TEST(SobolSequence, FirstPointsMatchJoeKuoPublishedValues) {
  // scipy.stats.qmc.Sobol(5, scramble=False).random(8), which uses the same direction numbers.
  const double expected[8][5] = {{0, 0, 0, 0, 0},
                                 {0.5, 0.5, 0.5, 0.5, 0.5},
                                 {0.75, 0.25, 0.25, 0.25, 0.75},
                                 {0.25, 0.75, 0.75, 0.75, 0.25},
                                 {0.375, 0.375, 0.625, 0.875, 0.375},
                                 {0.875, 0.875, 0.125, 0.375, 0.875},
                                 {0.625, 0.125, 0.875, 0.625, 0.625},
                                 {0.125, 0.625, 0.375, 0.125, 0.125}};
  const Eigen::MatrixXd points = SobolSequence(5).points(8);
  for (int n = 0; n < 8; ++n)
    for (int d = 0; d < 5; ++d)
      EXPECT_EQ(points(n, d), expected[n][d]) << "point " << n << " dim " << d;
}

TEST(SobolSequence, ScrambledPowerOfTwoSampleKeepsOnePointPerElementaryInterval) {
  // A (0, m, 1)-net in each coordinate: 2^m points, one in each [j/2^m, (j+1)/2^m).
  const Eigen::MatrixXd points = SobolSequence(12, 7).points(64);
  for (Eigen::Index d = 0; d < points.cols(); ++d) {
    std::set<long> cells;
    for (Eigen::Index n = 0; n < points.rows(); ++n)
      cells.insert(static_cast<long>(points(n, d) * 64));
    EXPECT_EQ(cells.size(), 64u) << "dimension " << d;
  }
  EXPECT_GT(points.row(0).norm(), 0.0);  // the scramble moves the origin away
  EXPECT_FALSE(points.isApprox(SobolSequence(12, 8).points(64)));
  EXPECT_THROW(SobolSequence(65), std::invalid_argument);
}

TEST(SaltelliDesign, IsABThenEachABWithOneColumnFromB) {
  const std::size_t n = 8, k = 3;
  const Eigen::MatrixXd design = saltelli_design(n, k, 5);
  ASSERT_EQ(design.rows(), static_cast<Eigen::Index>(n * (k + 2)));
  const Eigen::MatrixXd a = design.topRows(8), b = design.middleRows(8, 8);
  for (Eigen::Index i = 0; i < 3; ++i) {
    const Eigen::MatrixXd ab = design.middleRows((2 + i) * 8, 8);
    for (Eigen::Index f = 0; f < 3; ++f)
      EXPECT_TRUE(ab.col(f).isApprox(f == i ? b.col(f) : a.col(f)))
          << "AB_" << i << " column " << f;
  }
  EXPECT_FALSE(a.isApprox(b));
  EXPECT_THROW(saltelli_design(12, 3, 5), std::invalid_argument);
  EXPECT_EQ(design_point_count({DesignKind::saltelli, 8, 3, 4}), 40u);
}

TEST(MorrisDesign, EachStepMovesExactlyOneFactorByDeltaAndEveryFactorOncePerTrajectory) {
  const std::size_t r = 6, k = 4, levels = 4;
  const Eigen::MatrixXd design = morris_design(r, k, levels, 3);
  ASSERT_EQ(design.rows(), static_cast<Eigen::Index>(r * (k + 1)));
  EXPECT_DOUBLE_EQ(morris_delta(levels), 2.0 / 3.0);
  for (std::size_t t = 0; t < r; ++t) {
    std::set<Eigen::Index> moved;
    for (std::size_t j = 0; j < k; ++j) {
      const auto row = static_cast<Eigen::Index>(t * (k + 1) + j);
      const Eigen::RowVectorXd step = design.row(row + 1) - design.row(row);
      Eigen::Index changed = 0;
      for (Eigen::Index f = 0; f < step.size(); ++f)
        if (step(f) != 0.0) {
          ++changed;
          moved.insert(f);
          EXPECT_NEAR(std::abs(step(f)), 2.0 / 3.0, 1e-12);
        }
      EXPECT_EQ(changed, 1);
    }
    EXPECT_EQ(moved.size(), k);
  }
  EXPECT_GE(design.minCoeff(), 0.0);
  EXPECT_LE(design.maxCoeff(), 1.0);
  EXPECT_THROW(morris_design(2, 2, 3, 1), std::invalid_argument);
}

TEST(ScaleUnitValue, MapsLinearLogAndIntegerRanges) {
  EXPECT_DOUBLE_EQ(scale_unit_value({"a", 10, 20, false, false, ""}, 0.25), 12.5);
  EXPECT_NEAR(scale_unit_value({"a", 1, 100, true, false, ""}, 0.5), 10.0, 1e-12);
  const FactorRange integers{"n", 1, 3, false, true, ""};
  EXPECT_EQ(scale_unit_value(integers, 0.0), 1.0);
  EXPECT_EQ(scale_unit_value(integers, 0.34), 2.0);
  EXPECT_EQ(scale_unit_value(integers, 0.999), 3.0);
  EXPECT_EQ(scale_unit_value(integers, 1.0), 3.0);  // the top end stays in range
}

TEST(DesignKindNames, ReadBackToTheSameKind) {
  for (auto kind : {DesignKind::grid, DesignKind::latin_hypercube, DesignKind::sobol,
                    DesignKind::saltelli, DesignKind::morris})
    EXPECT_EQ(parse_design_kind(design_kind_name(kind)), kind);
  EXPECT_FALSE(parse_design_kind("random"));
}

}  // namespace
}  // namespace reformsim::design
