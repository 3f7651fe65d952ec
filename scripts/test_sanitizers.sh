#!/usr/bin/env bash
# Runs the C++ test suite under AddressSanitizer + UndefinedBehaviorSanitizer (preset
# `sanitize`, build/sanitize) and the parallel tests - those whose names contain Determinism,
# BitIdentical or Threads: results bit-identical on any thread count - under ThreadSanitizer
# (preset `tsan`, build/tsan). Benchmarks are not built. Any sanitizer report fails the test
# that triggered it, and any failed test fails this script.
#   REFORMSIM_SANITIZE_CTEST_ARGS  extra ctest arguments for the ASan run (e.g. "-L ..." or "-E ...")
#   REFORMSIM_TSAN=1               also the ThreadSanitizer run (off by default: with Debian's
#                                  oneTBB, which is not built with TSan, it reports the joins
#                                  between successive parallel_for calls as races; see README,
#                                  RELIABILITY, and tests/reliability/tsan.supp)
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
echo "== ASan + UBSan: every C++ test =="
# shellcheck disable=SC2086  # word splitting of the extra arguments is intended
ctest --preset sanitize --timeout 1500 ${REFORMSIM_SANITIZE_CTEST_ARGS:-}
echo "test_sanitizers: ASan + UBSan done after $((SECONDS - started)) s"

if [ "${REFORMSIM_TSAN:-0}" = 1 ]; then
  # tests/reliability/tsan.supp says why each suppression is there (Debian's oneTBB is not
  # built with ThreadSanitizer, so its own synchronisation is invisible to it).
  export TSAN_OPTIONS="${TSAN_OPTIONS:-halt_on_error=1:second_deadlock_stack=1:suppressions=$PWD/tests/reliability/tsan.supp}"
  echo "== ThreadSanitizer: build (build/tsan) =="
  cmake --preset tsan >/dev/null
  cmake --build --preset tsan
  echo "== ThreadSanitizer: parallel tests (Determinism|BitIdentical|Threads) =="
  ctest --preset tsan --timeout 1500
fi
echo "test_sanitizers: all passed in $((SECONDS - started)) s"
