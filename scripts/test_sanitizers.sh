#!/usr/bin/env bash
# Runs the C++ test suite under AddressSanitizer + UndefinedBehaviorSanitizer (preset
# `sanitize`: clang, so UBSan also checks float-to-integer casts, which GCC's does not; the
# same build holds the libFuzzer targets of scripts/test_fuzz.sh) and, with REFORMSIM_TSAN=1,
# the parallel tests - those whose names contain Determinism, BitIdentical or Threads - under
# ThreadSanitizer (scripts/test_tsan.sh, which also runs on its own). Benchmarks are not built;
# the Python tests (label `python`) are not run here. Any sanitizer report fails the test that
# triggered it, and any failed test fails this script.
# The tests listed in tests/reliability/asan_long_tests.txt are left out (each with its reason:
# it repeats code shorter tests run here; the Release stage runs it).
#   REFORMSIM_SANITIZE_CTEST_ARGS  extra ctest arguments for the ASan run (e.g. "-R ...")
#   REFORMSIM_TSAN=1               also the ThreadSanitizer stage (its own build, build/tsan,
#                                  of the 8 targets the parallel tests need). Measured times:
#                                  README, RELIABILITY
set -euo pipefail
cd "$(dirname "$0")/.."
started=$SECONDS

# Sanitizer reports abort the process (exit status non-zero), so ctest sees them as failures.
# Leaks are reported at exit of every test process, including the reformsim runs tests start.
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:check_initialization_order=1:strict_init_order=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"

echo "== ASan + UBSan: build (build/sanitize) =="
cmake --preset sanitize >/dev/null
cmake --build --preset sanitize
echo "== ASan + UBSan: every C++ test but the long ones of tests/reliability/asan_long_tests.txt =="
# shellcheck source=scripts/lib/long_tests.sh
source scripts/lib/long_tests.sh
long=$(long_tests_regex tests/reliability/asan_long_tests.txt)
# shellcheck disable=SC2086  # word splitting of the extra arguments is intended
ctest --preset sanitize --timeout 1500 -LE "python|style" ${long:+-E "$long"} \
  ${REFORMSIM_SANITIZE_CTEST_ARGS:-}
echo "test_sanitizers: ASan + UBSan done after $((SECONDS - started)) s"

if [ "${REFORMSIM_TSAN:-0}" = 1 ]; then
  bash scripts/test_tsan.sh
fi
echo "test_sanitizers: all passed in $((SECONDS - started)) s"
