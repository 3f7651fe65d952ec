// The same config and seed give bit-identical results on 1, 2 or 8 threads (8 oversubscribes
// a 2-core machine on purpose), and a replication's result does not depend on which other
// replications ran or in what order.
#include <gtest/gtest.h>
#include <tbb/global_control.h>
#include <tbb/task_arena.h>

#include <cstring>

#include "models/model_catalogue.h"
#include "sim/run/ensemble.h"
#include "sim/run/scenario.h"
#include "tests/support/test_support.h"

namespace reformsim {
namespace {

ParameterSet demo_parameters(const ModelCatalogue& catalogue) {
  ParameterSet parameters(build_registry(*catalogue.find("demo_market"), catalogue));
  parameters.set_value("market.initial_firms", std::int64_t{30000}, "test");  // 8 blocks
  parameters.set_value("calendar.burn_in_days", std::int64_t{20}, "test");
  parameters.set_value("calendar.years", std::int64_t{1}, "test");
  parameters.set_value("market.reform_day", std::int64_t{100}, "test");
  parameters.set_value("market.productivity_volatility", 0.05, "test");  // exits every day
  return parameters;
}

EnsembleResult ensemble_on(int threads, const Model& model, const ParameterSet& parameters,
                           const std::vector<std::uint64_t>& seeds) {
  tbb::global_control control(tbb::global_control::max_allowed_parallelism,
                              static_cast<std::size_t>(threads));
  tbb::task_arena arena(threads);
  EnsembleResult result{{}, Calendar::from(parameters), {}};
  arena.execute([&] { result = run_ensemble(model, parameters, seeds); });
  return result;
}

bool same_bits(const std::vector<double>& a, const std::vector<double>& b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0;
}

TEST(Determinism, EnsembleIsBitIdenticalOnOneTwoAndEightThreads) {
  const auto catalogue = models::all_models();
  const Model& model = *catalogue.find("demo_market");
  const auto parameters = demo_parameters(catalogue);
  const auto seeds = replication_seeds(11, 0, 3);
  const auto one = ensemble_on(1, model, parameters, seeds);
  for (int threads : {2, 8}) {
    const auto many = ensemble_on(threads, model, parameters, seeds);
    for (std::size_t r = 0; r < seeds.size(); ++r) {
      EXPECT_TRUE(same_bits(one.replications[r].series, many.replications[r].series))
          << threads << " threads, replication " << r;
      EXPECT_TRUE(same_bits(one.replications[r].summary, many.replications[r].summary));
    }
  }
  // The test is only meaningful if the model really moved: firms entered and exited.
  EXPECT_GT(one.replications[0].summary[0], 0);
  EXPECT_GT(one.replications[0].summary[1], 0);
}

TEST(Determinism, AReplicationAloneEqualsTheSameReplicationInAnEnsembleInAnyOrder) {
  const auto catalogue = models::all_models();
  const Model& model = *catalogue.find("demo_market");
  const auto parameters = demo_parameters(catalogue);
  const auto seeds = replication_seeds(11, 0, 3);
  const auto ensemble = ensemble_on(2, model, parameters, seeds);
  const auto metrics = model.metrics(parameters);
  for (std::size_t r : {2u, 0u, 1u}) {
    const auto alone = run_replication(model, parameters, metrics, seeds[r], r);
    EXPECT_TRUE(same_bits(alone.series, ensemble.replications[r].series)) << r;
  }
  EXPECT_FALSE(same_bits(ensemble.replications[0].series, ensemble.replications[1].series));
}

TEST(Determinism, ReplicationSeedsDeriveFromMasterSeedPointAndIndex) {
  const auto seeds = replication_seeds(5, 3, 4);
  for (std::size_t r = 0; r < seeds.size(); ++r)
    EXPECT_EQ(seeds[r], derive_seed(5, 3, r));
}

TEST(Determinism, RunFilesFromOneTwoAndEightThreadsHoldBitIdenticalDatasets) {
  testing::TemporaryDirectory dir;
  const std::vector<std::string> common{"run",
                                        "--config",
                                        "configs/demo_market.ini",
                                        "--quiet",
                                        "--replications=3",
                                        "--market.initial_firms=10000",
                                        "--calendar.years=2",
                                        "--calendar.burn_in_days=10"};
  auto with = [&](const std::string& threads, const std::string& out) {
    auto arguments = common;
    arguments.insert(arguments.end(), {"--threads", threads, "--out", (dir / out).string()});
    return testing::run_reformsim(arguments);
  };
  ASSERT_EQ(with("1", "one.h5").exit_status, 0);
  const auto one = testing::read_all_datasets(dir / "one.h5");
  ASSERT_GT(one.size(), 10u);
  // 8 threads oversubscribe this 2-core machine on purpose: more interleavings, same numbers.
  for (const std::string threads : {"2", "8"}) {
    ASSERT_EQ(with(threads, threads + ".h5").exit_status, 0);
    const auto other = testing::read_all_datasets(dir / (threads + ".h5"));
    ASSERT_EQ(one.size(), other.size()) << threads << " threads";
    for (std::size_t i = 0; i < one.size(); ++i) {
      EXPECT_EQ(one[i].first, other[i].first);
      EXPECT_EQ(one[i].second, other[i].second) << one[i].first << " on " << threads << " threads";
    }
  }
}

}  // namespace
}  // namespace reformsim
