#include "models/firms/firm_population.h"

#include <gtest/gtest.h>
#include <tbb/global_control.h>

#include <cmath>

namespace reformsim::models {
namespace {

FirmRecord numbered_firm(std::uint64_t id) {
  FirmRecord firm;
  firm.id = id;
  firm.sector = static_cast<std::uint8_t>(id % 4);
  firm.foreign_invested = id % 3 == 0, firm.exporting = id % 5 == 0;
  firm.log_productivity = 0.1 * static_cast<double>(id),
  firm.capital = 2.0 * static_cast<double>(id);
  firm.employment = 3.0 * static_cast<double>(id), firm.margin = 0.01 * static_cast<double>(id);
  firm.violation_propensity = 1.0 / static_cast<double>(id + 1);
  firm.violation_remit = static_cast<std::uint8_t>(id % 7);
  return firm;
}

TEST(FirmPopulation, ForEachColumnVisitsColumnCountColumns) {
  FirmPopulation firms;
  std::size_t visited = 0;
  firms.for_each_column([&](auto&) { ++visited; });
  EXPECT_EQ(visited, FirmPopulation::column_count);
}

TEST(FirmPopulation, AddedCapitalKeepsItsLog) {
  FirmPopulation firms;
  firms.add(numbered_firm(3));
  firms.add(numbered_firm(4));
  EXPECT_EQ(firms.log_capital[1], std::log(8.0));
  firms.add_capital(1, 2.5);
  EXPECT_EQ(firms.capital[1], 10.5);
  EXPECT_EQ(firms.log_capital[1], std::log(10.5));
  EXPECT_EQ(firms.log_capital[0], std::log(6.0));
}

TEST(FirmPopulation, RemovingExitsKeepsEveryColumnOfTheOthersInOrderOnOneAndTwoThreads) {
  for (int threads : {1, 2}) {
    tbb::global_control control(tbb::global_control::max_allowed_parallelism,
                                static_cast<std::size_t>(threads));
    FirmPopulation firms;
    const std::uint64_t total = 9000;
    for (std::uint64_t id = 0; id < total; ++id) {
      firms.add(numbered_firm(id));
      firms.compliance_burden.back() = 0.5 * static_cast<double>(id);
      firms.last_inspection_day.back() = static_cast<std::int32_t>(id);
      firms.violation_onset.back() = 0.25 * static_cast<double>(id);
      firms.inspection_rate.back() = 0.125 * static_cast<double>(id);
      firms.no_inspection.back() = 0.0625 * static_cast<double>(id);
    }
    std::size_t leaving = 0;
    for (std::uint64_t id = 0; id < total; ++id)
      if (id % 11 == 4 || id == 0 || id + 1 == total) firms.exiting[id] = 1, ++leaving;
    EXPECT_EQ(firms.remove_exiting(), leaving);
    ASSERT_EQ(firms.size(), total - leaving);
    for (std::size_t i = 0; i < firms.size(); ++i) {
      const std::uint64_t id = firms.id[i];
      const FirmRecord expected = numbered_firm(id);
      ASSERT_NE(id % 11, 4u);
      EXPECT_EQ(firms.sector[i], expected.sector);
      EXPECT_EQ(firms.foreign_invested[i], expected.foreign_invested);
      EXPECT_EQ(firms.exporting[i], expected.exporting);
      EXPECT_EQ(firms.exiting[i], 0);
      EXPECT_EQ(firms.log_productivity[i], expected.log_productivity);
      EXPECT_EQ(firms.capital[i], expected.capital);
      EXPECT_EQ(firms.log_capital[i], std::log(expected.capital));
      EXPECT_EQ(firms.employment[i], expected.employment);
      EXPECT_EQ(firms.margin[i], expected.margin);
      EXPECT_EQ(firms.violation_propensity[i], expected.violation_propensity);
      EXPECT_EQ(firms.compliance_burden[i], 0.5 * static_cast<double>(id));
      EXPECT_EQ(firms.violation_remit[i], expected.violation_remit);
      EXPECT_EQ(firms.last_inspection_day[i], static_cast<std::int32_t>(id));
      EXPECT_EQ(firms.violation_onset[i], 0.25 * static_cast<double>(id));
      EXPECT_EQ(firms.inspection_rate[i], 0.125 * static_cast<double>(id));
      EXPECT_EQ(firms.no_inspection[i], 0.0625 * static_cast<double>(id));
      EXPECT_EQ(firms.index_of(id), i);
    }
    EXPECT_EQ(firms.remove_exiting(), 0u);  // nothing flagged now
  }
}

}  // namespace
}  // namespace reformsim::models
