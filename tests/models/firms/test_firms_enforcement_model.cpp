// The standalone firms_enforcement model: bit-identical ensembles on 1, 2 and 8 threads and in
// either schedule of production and inspections, and the Binhai config run end to end through
// the reformsim executable, every metric in the file.
#include <gtest/gtest.h>
#include <tbb/global_control.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <cstring>
#include <limits>

#include "sim/cli/command.h"
#include "sim/config/config_error.h"
#include "sim/run/ensemble.h"
#include "tests/models/firms/firms_fixture.h"
#include "tests/support/test_support.h"

namespace reformsim::models {
namespace {

using testing::FirmsRun;

bool same_bits(const std::vector<double>& a, const std::vector<double>& b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0;
}

// Enough firms for 8 blocks of 4096 and enough projects for several blocks of the project
// sweep, so that thread scheduling really varies.
TEST(FirmsEnforcementModel, EnsembleIsBitIdenticalOnOneTwoAndEightThreads) {
  FirmsRun run;
  run.set("calendar.years", std::int64_t{1});
  run.set("firms.initial_firms", std::vector<std::int64_t>{200, 338, 30000, 700});
  run.set("firms.project_opportunities_per_year", std::vector<double>{5, 5, 5, 5});
  const auto seeds = replication_seeds(17, 0, 3);
  auto ensemble_on = [&](int threads) {
    tbb::global_control control(tbb::global_control::max_allowed_parallelism,
                                static_cast<std::size_t>(threads));
    tbb::task_arena arena(threads);
    EnsembleResult result{{}, Calendar::from(run.parameters), {}};
    arena.execute([&] { result = run_ensemble(run.model, run.parameters, seeds); });
    return result;
  };
  const auto one = ensemble_on(1);
  for (int threads : {2, 8}) {
    const auto many = ensemble_on(threads);
    for (std::size_t r = 0; r < seeds.size(); ++r) {
      EXPECT_TRUE(same_bits(one.replications[r].series, many.replications[r].series)) << threads;
      EXPECT_TRUE(same_bits(one.replications[r].summary, many.replications[r].summary));
    }
  }
  EXPECT_FALSE(same_bits(one.replications[0].series, one.replications[1].series));
}

// Production and inspections in tiles (every firm's day computed first, then summed per block)
// and in whole blocks: every metric of every day bit-identical, with Binhai's 3-4 blocks of
// firms on two threads.
TEST(FirmsEnforcementModel,
     ProductionAndInspectionsAreBitIdenticalInTilesAndWholeBlocksOnTwoThreads) {
  auto run_with = [](TiledSchedule schedule) {
    FirmsRun run;
    run.set("calendar.years", std::int64_t{1});
    run.set("firms.initial_firms", std::vector<std::int64_t>{200, 338, 10000, 700});
    run.before_first_day = [schedule](FirmsEnforcementState& state) {
      state.firms().set_production_schedule(schedule);
      state.enforcement().set_inspection_schedule(schedule);
    };
    ThreadPoolLimit limit(2);
    limit.run([&] { run.simulate(5); });
    return std::make_pair(run.rows, run.summary);
  };
  const auto blocks = run_with(TiledSchedule::whole_blocks);
  const auto tiles = run_with(TiledSchedule::tiles);
  EXPECT_TRUE(same_bits(blocks.first, tiles.first));
  EXPECT_TRUE(same_bits(blocks.second, tiles.second));
}

TEST(FirmsEnforcementModel, InspectionsKeepingTheirPerFirmValuesEqualOnesComputingThemDaily) {
  // Enforcement keeps each firm's violation onset probability and its inspection rate with
  // exp(-rate) between days. With the consolidation phased in, the rates change every day for
  // 120 days: a run that forgets every kept value after each day must give the same bits.
  auto run_with = [](bool forget) {
    FirmsRun run;
    run.set("calendar.years", std::int64_t{1});
    run.set("reform.consolidated_enforcement_day", std::int64_t{60});
    run.set("reform.consolidated_enforcement_phase_in_days", std::int64_t{120});
    run.simulate(6, [forget](FirmsEnforcementState& state, std::int64_t) {
      if (!forget) return;
      const InspectedFirms firms = state.firms().inspected_firms();
      for (auto* kept : {&firms.violation_onset, &firms.inspection_rate, &firms.no_inspection})
        std::fill(kept->begin(), kept->end(), std::numeric_limits<double>::quiet_NaN());
    });
    return std::make_pair(run.rows, run.summary);
  };
  const auto kept = run_with(false);
  const auto computed_daily = run_with(true);
  EXPECT_TRUE(same_bits(kept.first, computed_daily.first));
  EXPECT_TRUE(same_bits(kept.second, computed_daily.second));
}

TEST(FirmsEnforcementModel, BinhaiConfigRunsEndToEndAndWritesEveryMetric) {
  reformsim::testing::TemporaryDirectory directory;
  const auto file = directory / "firms_enforcement.h5";
  const auto result =
      reformsim::testing::run_reformsim({"run", "--config", "configs/firms_enforcement_binhai.ini",
                                         "--quiet", "--replications=2", "--out", file.string()});
  ASSERT_EQ(result.exit_status, 0) << result.err;
  FirmsRun run;
  const MetricCatalogue metrics = run.model.metrics(run.parameters);
  for (const auto& list : {metrics.series(), metrics.summaries()})
    for (const MetricSpec& spec : list)
      EXPECT_FALSE(reformsim::testing::read_hdf5_doubles(file, spec.name).empty()) << spec.name;
  // About 7 registrations a working day in 2017 (1347 in Jan-Sep, seed section 3.3): the first
  // 187 working days of 2017 (steps 250-436) of replication 0, within 15%.
  const auto entries = reformsim::testing::read_hdf5_doubles(file, "new_market_entities");
  double jan_to_sep = 0;
  for (std::size_t step = 250; step < 437; ++step)
    jan_to_sep += entries[step];
  EXPECT_NEAR(jan_to_sep, 1347, 1347 * 0.15);
}

TEST(FirmsEnforcementModel, RefusesAnEnforcementWindowLongerThanTheBureausInterval) {
  FirmsRun run;
  run.set("enforcement.coordination_window_days", 200.0);
  EXPECT_THROW(run.model.validate(run.parameters), ConfigError);
}

}  // namespace
}  // namespace reformsim::models
