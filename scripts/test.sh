#!/usr/bin/env bash
# Sets up (Debian packages), builds and runs every test. This is the README's test command and
# what CI runs (.ci/run). Four stages, each fails the command:
#   1. Release build with warnings as errors and MPI; every C++ test and the Python analysis
#      tests through ctest (preset ci).
#   2. The C++ suite under AddressSanitizer + UndefinedBehaviorSanitizer (clang)
#      (scripts/test_sanitizers.sh; REFORMSIM_TSAN=1 adds the ThreadSanitizer run, not yet
#      clean with Debian's uninstrumented oneTBB: README, RELIABILITY).
#   3. libFuzzer on the readers of user files, a bounded time each (scripts/test_fuzz.sh,
#      REFORMSIM_FUZZ_SECONDS, default 30 here).
#   4. The summary: ctest's closing line of every stage, the Release one last.
#   REFORMSIM_QUICK=1  stage 1 only (a developer's quick check; CI never sets it).
set -euo pipefail
cd "$(dirname "$0")/.."
started=$SECONDS
logs=build/test-logs
mkdir -p "$logs"

bash scripts/setup.sh
cmake --preset ci
cmake --build --preset ci

echo "== 1. Release: every C++ and Python test (ctest --preset ci) =="
ctest --preset ci 2>&1 | tee "$logs/release.log"
release_seconds=$((SECONDS - started))

if [ "${REFORMSIM_QUICK:-0}" != 1 ]; then
  echo "== 2. Sanitizers =="
  bash scripts/test_sanitizers.sh 2>&1 | tee "$logs/sanitizers.log"
  echo "== 3. Fuzzing =="
  REFORMSIM_FUZZ_SECONDS="${REFORMSIM_FUZZ_SECONDS:-30}" bash scripts/test_fuzz.sh 2>&1 |
    tee "$logs/fuzz.log"
fi

echo "== 4. Summary after $((SECONDS - started)) s (release stage done at ${release_seconds} s) =="
grep -h -E "^test_(sanitizers|fuzz):" "$logs"/sanitizers.log "$logs"/fuzz.log 2>/dev/null || true
grep -h -E "tests passed, [0-9]+ tests failed out of" "$logs"/sanitizers.log 2>/dev/null || true
grep -h -E "tests passed, [0-9]+ tests failed out of" "$logs/release.log"
