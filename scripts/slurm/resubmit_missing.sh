#!/bin/bash
# resubmit_missing.sh - lists the shards of a sweep whose chunk files are missing or incomplete
# (killed, timed out, failed) and prints, or with --submit runs, the sbatch command that
# reruns only them. Completion is read from the files, never from Slurm's accounting.
#
#   scripts/slurm/resubmit_missing.sh DIR SHARDS [--limit L] [--submit] [-- SBATCH_OPTION ...]
#
# SWEEP_ARGS must be exported as for the first submission (the same command; a different
# design is refused by the sweep itself), and REFORMSIM too if it was set. Options after `--`
# go to sbatch before the template, so give the ones the first submission overrode the
# template's #SBATCH lines with (e.g. `-- --cpus-per-task=1 --time=00:30:00`): most sbatch
# options, --cpus-per-task among them, have no SBATCH_* environment variable to carry them.
#
# Exit status: 0 every shard complete; 3 some shards missing (listed, and with --submit
# submitted: the sweep is not complete yet, so a script chaining `merge` must not go on);
# 2 bad usage or a directory merge refuses; 1 any other failure (sbatch failing included).
set -euo pipefail

usage() { echo "usage: $0 DIR SHARDS [--limit L] [--submit] [-- SBATCH_OPTION ...]" >&2; exit 2; }
[ $# -ge 2 ] || usage
directory="$1"
shards="$2"
shift 2
limit=4
submit=0
sbatch_options=()
while [ $# -gt 0 ]; do
  case "$1" in
    --limit) [ $# -ge 2 ] || usage; limit="$2"; shift 2 ;;
    --submit) submit=1; shift ;;
    --) shift; sbatch_options=("$@"); break ;;
    *) usage ;;
  esac
done
REFORMSIM="${REFORMSIM:-build/release/reformsim}"
here="$(cd "$(dirname "$0")" && pwd)"

missing="$("$REFORMSIM" merge "$directory" --missing-shards "$shards")"
if [ -z "$missing" ]; then
  echo "$directory: every shard complete; merge with: $REFORMSIM merge $directory --out FILE"
  exit 0
fi
echo "$directory: shards with missing chunks: $missing"
command=(sbatch "--array=${missing}%${limit}" "--export=ALL,SHARDS=${shards}"
  "${sbatch_options[@]}" "$here/sweep.sbatch")
echo "${command[*]}"
if [ "$submit" = 1 ]; then
  mkdir -p logs
  "${command[@]}" || exit 1
fi
exit 3
