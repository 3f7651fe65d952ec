// `mpirun -n K reformsim sweep`: chunks handed to ranks dynamically give merged data
// bit-identical to a single-process sweep for K = 1, 2 and 3, rank 0 writes the index, and a
// rerun under MPI recomputes nothing.
#include <gtest/gtest.h>

#include "sim/output/file_description.h"
#include "tests/support/mpirun.h"
#include "tests/support/test_support.h"
#include "tests/sweep/sweep_fixture.h"

namespace reformsim {
namespace {

using testing::run_reformsim;
using testing::TemporaryDirectory;

using testing::allow_mpirun_here;
using testing::mpirun;

TEST(SweepMpi, AnyRankCountGivesDataBitIdenticalToOneProcess) {
  allow_mpirun_here();
  TemporaryDirectory dir;
  const auto config = testing::small_demo_config(dir);
  const auto single = (dir / "single").string();
  ASSERT_EQ(run_reformsim(testing::sweep_arguments(config, single, "saltelli", "4")).exit_status,
            0);
  const auto expected = testing::merged_datasets(single);
  for (int ranks : {1, 2, 3}) {
    const auto out = (dir / ("ranks" + std::to_string(ranks))).string();
    const auto result =
        mpirun(ranks, testing::sweep_arguments(config, out, "saltelli", "4", {"--threads", "1"}));
    ASSERT_EQ(result.exit_status, 0) << result.out << result.err;
    EXPECT_TRUE(is_complete_output(out + "/index.h5")) << ranks << " ranks";
    EXPECT_EQ(testing::merged_datasets(out), expected) << ranks << " ranks";
    if (ranks == 3) {
      auto rerun_arguments =
          testing::sweep_arguments(config, out, "saltelli", "4", {"--threads", "1"});
      rerun_arguments.erase(std::find(rerun_arguments.begin(), rerun_arguments.end(), "--quiet"));
      const auto rerun = mpirun(ranks, rerun_arguments);
      ASSERT_EQ(rerun.exit_status, 0) << rerun.err;
      EXPECT_NE(rerun.out.find("computed 0 chunk(s), 16 already complete"), std::string::npos)
          << rerun.out;
    }
  }
}

TEST(SweepMpi, EveryRankReportsTheDesignMismatchRankZeroFinds) {
  allow_mpirun_here();
  TemporaryDirectory dir;
  const auto config = testing::small_demo_config(dir);
  const auto out = (dir / "sweep").string();
  ASSERT_EQ(run_reformsim(testing::sweep_arguments(config, out, "lhs", "4")).exit_status, 0);
  const auto result = mpirun(2, testing::sweep_arguments(config, out, "lhs", "5"));
  EXPECT_NE(result.exit_status, 0);
  EXPECT_NE(result.err.find("'samples = 4' there, 'samples = 5' now"), std::string::npos)
      << result.err;
}

}  // namespace
}  // namespace reformsim
