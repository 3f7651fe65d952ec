// sweep_fixture.h - a small demo_market sweep as the tests run it: 300 firms, one year of 100
// days, no burn-in, no targets, two replications; and helpers to merge a sweep directory and
// read every dataset of the merged file back for bit-for-bit comparisons.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/support/test_support.h"

namespace reformsim::testing {

inline std::string small_demo_config(const TemporaryDirectory& dir) {
  const auto path = dir / "small_demo.ini";
  write_text(path, "include = " + (source_dir() / "configs/demo_market.ini").string() +
                       "\n[run]\ntargets_file =\nreplications = 2\n[calendar]\nburn_in_days = 0\n"
                       "years = 1\ndays_per_year = 100\n[market]\ninitial_firms = 300\n");
  return path.string();
}

// reformsim sweep on the small config: two swept parameters, quiet, plus extra arguments.
inline std::vector<std::string> sweep_arguments(const std::string& config, const std::string& out,
                                                const std::string& design,
                                                const std::string& samples,
                                                std::vector<std::string> extra = {}) {
  std::vector<std::string> arguments{"sweep",
                                     "--config",
                                     config,
                                     "--design",
                                     design,
                                     "--param",
                                     "market.entry_value_days=5:60",
                                     "--param",
                                     "market.productivity_volatility=0.005:0.05:log",
                                     "--samples",
                                     samples,
                                     "--out",
                                     out,
                                     "--quiet",
                                     "--seed",
                                     "11"};
  arguments.insert(arguments.end(), extra.begin(), extra.end());
  return arguments;
}

// Merges directory into a file beside it and returns every dataset's bytes.
inline std::vector<std::pair<std::string, std::vector<char>>> merged_datasets(
    const std::string& directory) {
  const std::string merged = directory + ".merged.h5";
  const auto result = run_reformsim({"merge", directory, "--out", merged, "--overwrite"});
  EXPECT_EQ(result.exit_status, 0) << result.err;
  return read_all_datasets(merged);
}

}  // namespace reformsim::testing
