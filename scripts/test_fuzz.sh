#!/usr/bin/env bash
# Fuzzes the readers of user files with libFuzzer (clang from Debian's packages), each for a
# bounded time: scenario configs (INI + parameter values), targets files and merge-plan files.
# Builds the three fuzz targets in the ASan + UBSan clang build of preset `sanitize`
# (build/sanitize, shared with scripts/test_sanitizers.sh); the seed corpus is the
# shipped configs and tables plus tests/fuzz/corpus/. A crash, a sanitizer finding, an
# exception other than ConfigError, an input slower than 10 s or an allocation over 1 GiB
# fails the script; the input is kept as build/sanitize/artifacts/<target>-crash-... and becomes a
# regression test in tests/reliability/.
#   REFORMSIM_FUZZ_SECONDS  time per target (default 45)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${REFORMSIM_FUZZ_SECONDS:-45}"
build=build/sanitize
targets=(fuzz_config fuzz_targets_file fuzz_merge_plan)

cmake --preset sanitize >/dev/null
cmake --build --preset sanitize --target "${targets[@]}"

# Seeds: a fresh copy each time, so a run depends only on the checkout (and the time budget).
seeds="$build/seeds"
rm -rf "$seeds"
mkdir -p "$seeds"/{fuzz_config,fuzz_targets_file,fuzz_merge_plan} "$build/artifacts"
cp configs/*.ini configs/calibration/*.ini tests/fuzz/corpus/config/* "$seeds/fuzz_config/"
cp configs/targets/*.csv tests/fuzz/corpus/targets_file/* "$seeds/fuzz_targets_file/"
cp tests/fuzz/corpus/merge_plan/*.csv "$seeds/fuzz_merge_plan/"
if compgen -G "configs/merge_plans/*.csv" >/dev/null; then
  cp configs/merge_plans/*.csv "$seeds/fuzz_merge_plan/"
fi
declare -A dictionary=([fuzz_config]=tests/fuzz/ini.dict [fuzz_targets_file]=tests/fuzz/csv.dict
                       [fuzz_merge_plan]=tests/fuzz/csv.dict)

export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=0}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
for target in "${targets[@]}"; do
  corpus="$build/corpus/$target"
  mkdir -p "$corpus"
  echo "== fuzz $target for ${seconds} s =="
  "$build/tests/fuzz/$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -malloc_limit_mb=1024 -max_len=65536 -seed=20181226 -print_final_stats=1 \
    -dict="${dictionary[$target]}" -artifact_prefix="$build/artifacts/$target-" \
    "$corpus" "$seeds/$target" 2>"$build/$target.log" ||
    { tail -60 "$build/$target.log"; echo "test_fuzz: $target failed (log: $build/$target.log)"; exit 1; }
  grep -E "stat::number_of_executed_units|stat::new_units_added" "$build/$target.log" || true
done
echo "test_fuzz: no crash in ${#targets[@]} targets x ${seconds} s"
