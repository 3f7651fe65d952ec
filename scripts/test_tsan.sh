#!/usr/bin/env bash
# Runs the parallel tests - those whose names contain Determinism, BitIdentical or Threads
# (results bit-identical on any thread count, the loop primitives' own tests) - under
# ThreadSanitizer (preset `tsan`, GCC, build/tsan). Any TSan report fails the test that
# triggered it, and any failed test fails this script. Run on its own, or by
# scripts/test_sanitizers.sh with REFORMSIM_TSAN=1.
#
# In this build the loop primitives run their tasks on std::threads instead of TBB
# (sim/parallel/fork_join.h: Debian's libtbb.so is not built with TSan), so TSan sees every
# fork and join, and every task of a loop is checked against every other.
#
# The tests of tests/reliability/tsan_long_tests.txt are left out, each with its reason.
# Only the targets holding the selected tests are built, and reformsim, which some of them run;
# the check below fails the script if a selected test lives in a test executable not listed.
# Measured on the 2-core development machine: see README, RELIABILITY.
set -euo pipefail
cd "$(dirname "$0")/.."
started=$SECONDS

tsan_targets=(reformsim reformsim_engine_tests reformsim_common_model_tests reformsim_staff_tests
  reformsim_approvals_tests reformsim_firms_tests reformsim_binhai_tests reformsim_sweep_tests
  reformsim_calibration_tests)

# The test executables (reformsim_add_test_suite in the folder's CMakeLists.txt) whose sources
# hold a test the preset selects, KilledCommands excepted as in the preset; those the build
# does not define (the MPI suites: preset tsan has no MPI) are skipped.
selected_suites() {
  local defined file suite
  defined=$(cmake --build --preset tsan --target help | sed -n 's/: phony$//p')
  grep -rnE --include='*.cpp' '^TEST(_F|_P)?\([^)]*(Determinism|BitIdentical|Threads)' tests |
    grep -v ':TEST(KilledCommands,' | cut -d: -f1 | sort -u |
    while read -r file; do
      suite=$(awk -v source="$(basename "$file")" '
        /reformsim_add_test_suite\(/ { name = $0; sub(/.*reformsim_add_test_suite\(/, "", name)
                                        sub(/[ )].*/, "", name) }
        index($0, source) { print name; exit }' "$(dirname "$file")/CMakeLists.txt")
      if grep -qx "$suite" <<<"$defined"; then echo "$suite"; fi
    done | sort -u
}

export TSAN_OPTIONS="${TSAN_OPTIONS:-halt_on_error=1:second_deadlock_stack=1:suppressions=$PWD/tests/reliability/tsan.supp}"
echo "== ThreadSanitizer: build (build/tsan, ${#tsan_targets[@]} targets) =="
cmake --preset tsan >/dev/null
missing=$(comm -23 <(selected_suites) <(printf '%s\n' "${tsan_targets[@]}" | sort))
if [ -n "$missing" ]; then
  echo "test_tsan: selected tests live in executables not in tsan_targets: $missing" >&2
  exit 1
fi
cmake --build --preset tsan --target "${tsan_targets[@]}"
echo "test_tsan: built after $((SECONDS - started)) s"
echo "== ThreadSanitizer: parallel tests (Determinism|BitIdentical|Threads) =="
# shellcheck source=scripts/lib/long_tests.sh
source scripts/lib/long_tests.sh
long=$(long_tests_regex tests/reliability/tsan_long_tests.txt)
# -E replaces the preset's exclusion, so KilledCommands is named again here.
ctest --preset tsan --timeout 1500 -E "KilledCommands${long:+|$long}"
echo "test_tsan: all passed in $((SECONDS - started)) s"
