#!/usr/bin/env bash
# Sets up (Debian packages), builds and runs every test. This is the README's test command and
# what CI runs (.ci/run). Stages, each of which fails the command:
#   1. Release build with warnings as errors and MPI; every C++ test, the Python analysis tests
#      and the clang-format check through ctest (preset ci).
#   2. The C++ suite under ASan + UBSan (scripts/test_sanitizers.sh, clang, preset `sanitize`),
#      but for the few long tests listed with their reasons in tests/reliability/asan_long_tests.txt.
#   3. libFuzzer on the readers of user files, 30 s each (scripts/test_fuzz.sh, the same build;
#      REFORMSIM_FUZZ_SECONDS).
#   4. The parallel tests under ThreadSanitizer (scripts/test_tsan.sh, GCC, preset `tsan`).
#   Last: the summary, with each stage's time; ctest's closing line of the Release stage at the end.
# REFORMSIM_SANITIZERS=0 skips stages 2 and 4 (a quick local run; CI runs them all).
set -euo pipefail
cd "$(dirname "$0")/.."
started=$SECONDS
logs=build/test-logs
mkdir -p "$logs"
rm -f "$logs"/*.log

bash scripts/setup.sh
cmake --preset ci
cmake --build --preset ci

timings=()

echo "== 1. Release: every C++ and Python test (ctest --preset ci) =="
ctest --preset ci 2>&1 | tee "$logs/release.log"
release_seconds=$((SECONDS - started))
timings+=("release build and tests: ${release_seconds} s")

sanitizers=${REFORMSIM_SANITIZERS:-1}
if [ "$sanitizers" = 1 ]; then
  mark=$SECONDS
  echo "== 2. ASan + UBSan: the C++ suite =="
  bash scripts/test_sanitizers.sh 2>&1 | tee "$logs/sanitizers.log"
  timings+=("ASan + UBSan build and tests: $((SECONDS - mark)) s")
fi

mark=$SECONDS
echo "== 3. Fuzzing =="
REFORMSIM_FUZZ_SECONDS="${REFORMSIM_FUZZ_SECONDS:-30}" bash scripts/test_fuzz.sh 2>&1 |
  tee "$logs/fuzz.log"
timings+=("fuzzing: $((SECONDS - mark)) s")

if [ "$sanitizers" = 1 ]; then
  mark=$SECONDS
  echo "== 4. ThreadSanitizer: the parallel tests =="
  bash scripts/test_tsan.sh 2>&1 | tee "$logs/tsan.log"
  timings+=("TSan build and tests: $((SECONDS - mark)) s")
fi

echo "== Summary after $((SECONDS - started)) s =="
printf '  %s\n' "${timings[@]}"
grep -h -E "^test_(sanitizers|fuzz|tsan):" "$logs"/*.log 2>/dev/null || true
for stage in sanitizers tsan; do
  if [ -f "$logs/$stage.log" ]; then
    echo "$stage: $(grep -h -E "tests passed, [0-9]+ tests failed out of" "$logs/$stage.log" || true)"
  fi
done
grep -h -E "tests passed, [0-9]+ tests failed out of" "$logs/release.log"
