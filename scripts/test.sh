#!/usr/bin/env bash
# Sets up (Debian packages), builds and runs every test. This is the README's test command and
# what CI runs (.ci/run). Stages, each of which fails the command:
#   1. Release build with warnings as errors and MPI; every C++ test, the Python analysis tests
#      and the clang-format check through ctest (preset ci).
#   2. libFuzzer on the readers of user files, 30 s each (scripts/test_fuzz.sh, clang ASan +
#      UBSan build of preset `sanitize`, fuzz targets only; REFORMSIM_FUZZ_SECONDS).
#   3. With REFORMSIM_SANITIZERS=1: the whole C++ suite under ASan + UBSan
#      (scripts/test_sanitizers.sh; REFORMSIM_TSAN=1 adds ThreadSanitizer). Not yet on by
#      default: README, RELIABILITY, says why and what it takes.
#   Last: the summary, ctest's closing line of the Release stage at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
started=$SECONDS
logs=build/test-logs
mkdir -p "$logs"
rm -f "$logs"/*.log

bash scripts/setup.sh
cmake --preset ci
cmake --build --preset ci

echo "== 1. Release: every C++ and Python test (ctest --preset ci) =="
ctest --preset ci 2>&1 | tee "$logs/release.log"
release_seconds=$((SECONDS - started))

echo "== 2. Fuzzing =="
REFORMSIM_FUZZ_SECONDS="${REFORMSIM_FUZZ_SECONDS:-30}" bash scripts/test_fuzz.sh 2>&1 |
  tee "$logs/fuzz.log"

if [ "${REFORMSIM_SANITIZERS:-0}" = 1 ]; then
  echo "== 3. Sanitizers =="
  bash scripts/test_sanitizers.sh 2>&1 | tee "$logs/sanitizers.log"
fi

echo "== Summary after $((SECONDS - started)) s (release stage done at ${release_seconds} s) =="
grep -h -E "^test_(sanitizers|fuzz):" "$logs/fuzz.log" "$logs/sanitizers.log" 2>/dev/null || true
if [ "${REFORMSIM_SANITIZERS:-0}" = 1 ]; then
  grep -h -E "tests passed, [0-9]+ tests failed out of" "$logs/sanitizers.log" || true
fi
grep -h -E "tests passed, [0-9]+ tests failed out of" "$logs/release.log"
