// The standalone organisation_staff model as users run it: bit-identical on 1, 2 and 8 threads,
// and the Binhai config through the reformsim binary writing every declared metric.
#include <gtest/gtest.h>
#include <tbb/global_control.h>
#include <tbb/task_arena.h>

#include <cmath>
#include <cstring>

#include "models/common/reform_measures.h"
#include "models/model_catalogue.h"
#include "sim/run/ensemble.h"
#include "sim/run/scenario.h"
#include "tests/support/test_support.h"

namespace reformsim {
namespace {

// 69 units x 158 posts ~ 10 600 staff: three blocks of 4096, so the parallel phases really split.
ParameterSet several_block_parameters(const ModelCatalogue& catalogue) {
  ParameterSet parameters(build_registry(*catalogue.find("organisation_staff"), catalogue));
  parameters.set_text("organisation.posts_per_unit_before", "1,2,1,4,150", "test");
  parameters.set_text("organisation.posts_per_unit_after", "1,4,2,30,340", "test");
  parameters.set_value("calendar.burn_in_days", std::int64_t{10}, "test");
  parameters.set_value("calendar.years", std::int64_t{1}, "test");
  for (const auto& measure : models::all_measures())
    parameters.set_value("reform." + models::measure_name(measure) + "_day", std::int64_t{30},
                         "test");
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

TEST(OrganisationStaffRuns, EnsembleIsBitIdenticalOnOneTwoAndEightThreads) {
  const auto catalogue = models::all_models();
  const Model& model = *catalogue.find("organisation_staff");
  const auto parameters = several_block_parameters(catalogue);
  const auto seeds = replication_seeds(3, 0, 2);
  const auto one = ensemble_on(1, model, parameters, seeds);
  for (int threads : {2, 8}) {
    const auto many = ensemble_on(threads, model, parameters, seeds);
    for (std::size_t r = 0; r < seeds.size(); ++r) {
      EXPECT_TRUE(same_bits(one.replications[r].series, many.replications[r].series))
          << threads << " threads, replication " << r;
      EXPECT_TRUE(same_bits(one.replications[r].summary, many.replications[r].summary));
    }
  }
  // Meaningful only if the run did the work in question: a re-hiring happened and moved people.
  const auto heads = one.metrics.id("former_heads_not_reappointed");
  const auto promoted = one.metrics.id("staff_promoted_to_management");
  EXPECT_GT(one.replications[0].summary[heads.offset], 0);
  EXPECT_GT(one.replications[0].summary[promoted.offset], 0);
  EXPECT_FALSE(same_bits(one.replications[0].series, one.replications[1].series));
}

TEST(OrganisationStaffRuns, TheBinhaiConfigWritesEveryMetricThroughTheBinary) {
  testing::TemporaryDirectory dir;
  const auto out = dir / "binhai_staff.h5";
  const auto result =
      testing::run_reformsim({"run", "--config", "configs/organisation_staff_binhai.ini", "--quiet",
                              "--replications=2", "--out", out.string()});
  ASSERT_EQ(result.exit_status, 0) << result.err;
  const auto catalogue = models::all_models();
  const Model& model = *catalogue.find("organisation_staff");
  ParameterSet parameters(build_registry(model, catalogue));
  const auto metrics = model.metrics(parameters);
  const auto steps = static_cast<std::size_t>(Calendar::from(parameters).total_steps());
  for (const auto& spec : metrics.series()) {
    const auto values = testing::read_hdf5_doubles(out, spec.name);
    EXPECT_EQ(values.size(), 2 * steps * spec.width) << spec.name;
  }
  for (const auto& spec : metrics.summaries()) {
    const auto values = testing::read_hdf5_doubles(out, spec.name);
    EXPECT_EQ(values.size(), 2 * spec.width) << spec.name;
  }
  const auto heads = testing::read_hdf5_doubles(out, "former_heads_not_reappointed");
  const auto departments = testing::read_hdf5_doubles(out, "departments");
  EXPECT_TRUE(std::isfinite(heads[0]));
  EXPECT_EQ(departments.front(), 60);
  EXPECT_EQ(departments.back(), 23);
}

}  // namespace
}  // namespace reformsim
