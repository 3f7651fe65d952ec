#!/usr/bin/env bash
# The main job: sets up (Debian packages), builds, and runs the Binhai 2018 scenario end to end:
#   1. the full reform -> results/binhai_2018.h5, with the simulated-vs-reported table printed
#      (reported, simulated mean, 95% interval, within the uncertainty or not);
#   2. the decomposition of the targets among four measure groups and the trend (exact Shapley
#      values over the 16 group subsets, common random numbers) -> results/binhai_2018_decomposition.h5;
#   3. a Markdown report of both with the main plots (targets, decomposition, a few key time
#      series) -> results/binhai_2018_report/ (--full-report: every time series).
# Under two minutes on 2 cores once set up and built (README.md, quick start, gives the figure).
#
# Usage: bash scripts/main_job.sh [--full-report] [--replications R] [reformsim options ...]
#   --replications R   replications of the run (default $REFORMSIM_RUN_REPLICATIONS, else 16)
#   --full-report      plot every time series of the run (about 70 figures, ~50 s more)
#   other arguments    go to both reformsim commands (e.g. --threads 2, --section.key=value),
#                      so the decomposition decomposes the scenario that was run.
# Environment:
#   REFORMSIM_RUN_REPLICATIONS        replications of the run (default 16; see models/README.md,
#                                     "The main job", for why 16)
#   REFORMSIM_DECOMPOSE_REPLICATIONS  replications of each of the 16 decomposition subsets (default 3)
#   REFORMSIM_BINARY                  an already built reformsim: skips set-up and build
set -euo pipefail
cd "$(dirname "$0")/.."

run_replications=${REFORMSIM_RUN_REPLICATIONS:-16}
decompose_replications=${REFORMSIM_DECOMPOSE_REPLICATIONS:-3}
full_report=0
shared=()  # arguments for both commands
while (($#)); do
  case $1 in
    --full-report) full_report=1 ;;
    --replications)
      (($# >= 2)) || { echo "main_job.sh: --replications needs a number" >&2; exit 2; }
      run_replications=$2
      shift ;;
    --replications=*) run_replications=${1#--replications=} ;;
    *) shared+=("$1") ;;
  esac
  shift
done

if [[ -n ${REFORMSIM_BINARY:-} ]]; then
  reformsim=$REFORMSIM_BINARY
else
  bash scripts/setup.sh
  cmake --preset release
  cmake --build --preset release
  reformsim=build/release/reformsim
fi
config=configs/binhai_2018.ini
# Measure groups: 2^12 subsets of the single measures would be 4096 scenarios; these four
# groups follow the article's sections (organisation, staff, approvals, enforcement).
groups="organisation=merge_departments+flatten_layers"
groups+=",staff=competitive_rehiring+performance_pay+remove_identity_wall"
groups+=",approvals=one_window_bureau+step_reduction+parallel_approval+tolerant_acceptance+pre_review+delegation"
groups+=",enforcement=consolidated_enforcement"

start=$(date +%s)
echo "== 1. the full 2018 reform, $run_replications replications =="
"$reformsim" run --config "$config" --replications "$run_replications" \
  --out results/binhai_2018.h5 --overwrite ${shared[@]+"${shared[@]}"}
echo
echo "== 2. what each group of measures did, and the trend ($decompose_replications replications) =="
"$reformsim" decompose --config "$config" --measures "$groups" --replications "$decompose_replications" \
  --out results/binhai_2018_decomposition.h5 --overwrite ${shared[@]+"${shared[@]}"}
echo
echo "== 3. report =="
if ((full_report)); then
  analysis/reformsim-plot report results/binhai_2018.h5 --out results/binhai_2018_report
  analysis/reformsim-plot report results/binhai_2018_decomposition.h5 \
    --out results/binhai_2018_report/decomposition
else
  # The report's tables and the target and decomposition plots in full, but time series only
  # for the main outcomes (one Python process; plotting all ~70 series takes ~50 s).
  PYTHONPATH=analysis /usr/bin/python3 - <<'EOF'
from reformsim_analysis import report

KEY_SERIES = ["time_to_permit_mean", "new_market_entities", "market_entities",
              "organisational_efficiency", "approval_service_factor", "inspections_per_firm"]

for path in report.write_report("results/binhai_2018.h5", "results/binhai_2018_report",
                                metrics=KEY_SERIES):
    print(path)
for path in report.write_report("results/binhai_2018_decomposition.h5",
                                "results/binhai_2018_report/decomposition"):
    print(path)
EOF
fi
echo "main job done in $(( $(date +%s) - start )) s: results/binhai_2018.h5," \
  "results/binhai_2018_decomposition.h5, results/binhai_2018_report/report.md"
