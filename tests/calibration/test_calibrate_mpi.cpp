// `mpirun -n K reformsim calibrate`: rank 0 runs the algorithm and alone writes the output and
// the calibrated config, the evaluation requests go to ranks dynamically (the sweep's
// dispatcher), and the file is bit-identical to a single-process calibration for K = 1, 2, 3
// (ABC-SMC) and K = 2 (MSM).
#include <gtest/gtest.h>

#include "sim/output/file_description.h"
#include "tests/support/mpirun.h"
#include "tests/support/test_support.h"

namespace reformsim::calibration {
namespace {

namespace support = reformsim::testing;

using support::allow_mpirun_here;
using support::mpirun;

std::vector<std::string> tiny(const std::string& method, const std::filesystem::path& out) {
  return {"calibrate",
          "--config",
          (support::source_dir() / "configs/calibration/demo_market_abc.ini").string(),
          "--method",
          method,
          "--out",
          out.string(),
          "--market.initial_firms=400",
          "--calendar.burn_in_days=0",
          "--calibration.population=8",
          "--calibration.max_generations=3",
          "--calibration.msm.global_evaluations=6",
          "--calibration.msm.local_evaluations=3",
          "--calibration.msm.replications=2",
          "--threads=1",
          "--quiet"};
}

// The calibrated config below its include line (the values), which must not depend on ranks.
std::string calibrated_values(const std::filesystem::path& file) {
  const std::string text = support::read_text(file);
  return text.substr(text.find("\ninclude = "));
}

TEST(CalibrateMpi, AnyRankCountGivesAFileBitIdenticalToOneProcess) {
  allow_mpirun_here();
  support::TemporaryDirectory directory;
  const auto single = directory / "single.h5";
  const auto alone = support::run_reformsim(tiny("abc-smc", single));
  ASSERT_EQ(alone.exit_status, 0) << alone.err;
  const auto expected = support::read_all_datasets(single);
  for (int ranks : {1, 2, 3}) {
    support::TemporaryDirectory rank_directory;
    const auto out = rank_directory / "ranks.h5";
    const auto result = mpirun(ranks, tiny("abc-smc", out));
    ASSERT_EQ(result.exit_status, 0) << result.out << result.err;
    EXPECT_TRUE(is_complete_output(out)) << ranks << " ranks";
    EXPECT_EQ(support::read_all_datasets(out), expected) << ranks << " ranks";
    // Rank 0 alone wrote: the output and its calibrated config, nothing else.
    EXPECT_EQ(rank_directory.entries().size(), 2u) << ranks << " ranks";
    EXPECT_EQ(calibrated_values(rank_directory / "ranks_calibrated.ini"),
              calibrated_values(directory / "single_calibrated.ini"));
  }
}

TEST(CalibrateMpi, MsmOverTwoRanksIsBitIdenticalToOneProcess) {
  allow_mpirun_here();
  support::TemporaryDirectory directory;
  const auto single = directory / "single.h5";
  ASSERT_EQ(support::run_reformsim(tiny("msm", single)).exit_status, 0);
  const auto out = directory / "ranks.h5";
  const auto result = mpirun(2, tiny("msm", out));
  ASSERT_EQ(result.exit_status, 0) << result.out << result.err;
  EXPECT_EQ(support::read_all_datasets(out), support::read_all_datasets(single));
}

TEST(CalibrateMpi, ARefusalOnRankZeroReleasesEveryRank) {
  allow_mpirun_here();
  support::TemporaryDirectory directory;
  const auto out = directory / "exists.h5";
  support::write_text(out, "not to be replaced");
  const auto result = mpirun(3, tiny("abc-smc", out));  // would hang if ranks were left waiting
  EXPECT_NE(result.exit_status, 0);
  EXPECT_NE(result.err.find("exists already"), std::string::npos) << result.err;
  EXPECT_EQ(support::read_text(out), "not to be replaced");
}

}  // namespace
}  // namespace reformsim::calibration
