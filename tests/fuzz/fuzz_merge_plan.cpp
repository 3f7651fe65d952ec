// fuzz_merge_plan.cpp - libFuzzer target for merge-plan files (configs/merge_plans/*.csv): the
// bytes as a CSV through MergePlan::read against a small shape (3 departments into 2, 1 park
// body into 1, so that valid plans are within the fuzzer's reach) and, when a plan is accepted,
// its queries. Bad input must be refused with a ConfigError; nothing may crash, overflow or
// throw anything else.
#include <cstddef>
#include <cstdint>
#include <stdexcept>

#include "models/organisation/merge_plan.h"
#include "sim/config/config_error.h"
#include "tests/fuzz/fuzz_input_file.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto file = reformsim::fuzzing::write_input(data, size, ".csv");
  const reformsim::models::MergePlanShape shape{3, 2, 1, 1, 2, 1, {"finance", "audit"}};
  try {
    const auto plan = reformsim::models::MergePlan::read(file, shape, 2018);
    const auto old_to_new = plan.old_to_new();
    if (old_to_new.size() != plan.old_units.size())
      throw std::logic_error("old_to_new has the wrong size");
    for (std::size_t unit = 0; unit < plan.new_units.size(); ++unit) {
      (void)plan.new_unit_holds_approval_items(unit);
      (void)plan.new_unit_holds_penalty_powers(unit);
    }
  } catch (const reformsim::ConfigError&) {
  }
  return 0;
}
