#!/usr/bin/env bash
# test_slurm.sh - runs the shipped Slurm template (scripts/slurm/sweep.sbatch) as a real job
# array on a throwaway single-node Slurm cluster, then merges, and checks the result bit for
# bit against a single-process sweep of the same design; then deletes one shard's chunk file,
# checks that scripts/slurm/resubmit_missing.sh names exactly that shard, resubmits it for
# real and checks again (docs/sweeps.md, "A real Slurm cluster on one machine").
#
# OPTIONAL, NOT PART OF CI (scripts/test.sh does not run it) and not in scripts/setup.sh: it
# installs Debian's slurmctld, slurmd, slurm-client and munge with apt-get when they are
# missing (Debian 12, as root), and starts its own munged, slurmctld and slurmd (no systemd
# needed, as in a container), all under a temporary directory with their own socket, key,
# ports, state, spool and logs: /etc/munge, /etc/slurm and any running munged or Slurm are
# left alone. Every daemon it started is stopped, and the directory removed, on any exit.
#
#   bash scripts/test_slurm.sh
#
#   REFORMSIM_BINARY   the reformsim to test (default build/ci/reformsim; nothing is built)
#   REFORMSIM_SLURM_PORT  slurmctld's port, slurmd's is the next one (default 16817)
#   REFORMSIM_SLURM_KEEP=1  keep the temporary directory (configuration, logs, sweeps)
#
# Exit status: 0 every check passed; 1 a check failed; 2 no binary, not root, or no apt-get.
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
cd "$repo"
started=$EPOCHREALTIME
binary="${REFORMSIM_BINARY:-build/ci/reformsim}"
case "$binary" in /*) ;; *) binary="$repo/$binary" ;; esac
port="${REFORMSIM_SLURM_PORT:-16817}"
shards=4            # array tasks
limit=2             # at most this many at once (the array's %limit)
timeout_start=60    # seconds for the node to come up idle
timeout_array=180   # seconds for an array to leave the queue

say() { echo "test_slurm: $*"; }
elapsed() { awk -v a="$1" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }'; }

if [ ! -x "$binary" ]; then
  say "no reformsim binary at $binary"
  say "build it first: cmake --preset ci && cmake --build --preset ci (or set REFORMSIM_BINARY)"
  exit 2
fi
if [ "$(id -u)" -ne 0 ]; then
  say "needs root (apt-get, and daemons running as SlurmUser=root)"
  exit 2
fi
case "$repo" in *[[:space:]]*)
  say "the repository path '$repo' holds white space, which SWEEP_ARGS cannot carry"
  exit 2 ;;
esac

# Nothing of an enclosing Slurm job (or a user's defaults) may leak into the submissions.
while read -r variable; do unset "$variable"; done \
  < <(compgen -e | grep -E '^(SLURM|SBATCH|SALLOC|SRUN|SQUEUE|SINFO)_' || true)

# ---------------------------------------------------------------------------------------
# Results, clean-up and the summary.
results=()          # "PASS|FAIL<TAB>name<TAB>seconds"
step_name=""
step_started=""
tmp=""
munged_pid=""
slurmctld_pid=""
slurmd_pid=""
job_ids=()

step_open=0        # 1 while a step has neither passed nor failed
begin() { step_name="$1"; step_started=$EPOCHREALTIME; step_open=1; say "== $1"; }
pass() { results+=("PASS	$step_name	$(elapsed "$step_started")"); step_open=0; }
fail() {
  say "FAIL: $step_name: $*"
  results+=("FAIL	$step_name	$(elapsed "$step_started")")
  step_open=0
  show_logs
  exit 1
}
show_logs() {   # the daemons' output (with -D a superset of their log files) and the jobs' logs
  [ -n "$tmp" ] && [ -d "$tmp/log" ] || return 0
  local file
  if [ -n "$slurmctld_pid" ] && kill -0 "$slurmctld_pid" 2>/dev/null; then
    echo "----- squeue"
    squeue 2>&1
  fi
  for file in "$tmp"/log/munged.log "$tmp"/log/*.out "$tmp"/work/logs/*; do
    [ -f "$file" ] || continue
    echo "----- $file (last 40 lines)"
    tail -n 40 "$file"
  done
}

stop_daemon() {   # PID NAME: TERM, up to 10 s, then KILL; only the process this script started
  local pid="$1" name="$2" waited=0
  [ -n "$pid" ] || return 0
  kill -0 "$pid" 2>/dev/null || { wait "$pid" 2>/dev/null || true; return 0; }
  kill -TERM "$pid" 2>/dev/null || true
  while kill -0 "$pid" 2>/dev/null && [ "$waited" -lt 100 ]; do sleep 0.1; waited=$((waited + 1)); done
  if kill -0 "$pid" 2>/dev/null; then
    say "$name (pid $pid) did not stop on SIGTERM in 10 s: SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  wait "$pid" 2>/dev/null || true
}

cleanup() {
  local status=$? line verdict name seconds failed=0
  set +e
  trap - EXIT INT TERM
  if [ "$step_open" = 1 ]; then   # interrupted, or a command failed outside fail()
    results+=("FAIL	$step_name (stopped by exit status $status)	$(elapsed "$step_started")")
    [ "$status" -eq 130 ] || show_logs
  fi
  if [ -n "$slurmctld_pid" ] && [ ${#job_ids[@]} -gt 0 ] && kill -0 "$slurmctld_pid" 2>/dev/null; then
    # A job left running would outlive slurmd (its slurmstepd is not slurmd's child for long).
    scancel "${job_ids[@]}" 2>/dev/null
    wait_for_jobs 30 || say "jobs ${job_ids[*]} still queued after scancel"
  fi
  # Each job step's slurmstepd (a grandchild of slurmd, re-parented) keeps a socket in the
  # spool directory until it exits: let the last ones finish before slurmd goes.
  if [ -n "$tmp" ] && [ -d "$tmp/spool" ]; then
    for _ in $(seq 100); do
      [ -n "$(find "$tmp/spool" -type s 2>/dev/null)" ] || break
      sleep 0.1
    done
    [ -z "$(find "$tmp/spool" -type s 2>/dev/null)" ] \
      || say "job steps still running after 10 s: $(find "$tmp/spool" -type s)"
  fi
  stop_daemon "$slurmd_pid" slurmd
  stop_daemon "$slurmctld_pid" slurmctld
  stop_daemon "$munged_pid" munged
  if [ -n "$tmp" ]; then
    if [ "${REFORMSIM_SLURM_KEEP:-0}" = 1 ]; then say "kept $tmp"; else rm -rf "$tmp"; fi
  fi
  echo
  echo "test_slurm summary:"
  for line in "${results[@]}"; do
    IFS=$'\t' read -r verdict name seconds <<<"$line"
    printf '  %-4s %6s s  %s\n' "$verdict" "$seconds" "$name"
    [ "$verdict" = PASS ] || failed=1
  done
  if [ "$status" -eq 0 ] && [ "$failed" -eq 0 ]; then
    echo "test_slurm: PASS (${#results[@]} checks, $(elapsed "$started") s in all)"
  else
    [ "$status" -ne 0 ] || status=1
    echo "test_slurm: FAIL (exit $status after $(elapsed "$started") s)"
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Every job id of ours still pending, running, completing or suspended (not the finished
# ones: squeue's default states), as array job ids.
queued_jobs() {
  local queued id
  queued="$(squeue -h -o '%F' 2>/dev/null | sort -u)" || return 1
  for id in "${job_ids[@]}"; do
    if grep -qx "$id" <<<"$queued"; then echo "$id"; fi
  done
}
# Pending reasons that no waiting cures (the job asks more than the partition or node has).
hopeless='^(PartitionConfig|BadConstraints|PartitionNodeLimit|PartitionTimeLimit|ReqNodeNotAvail)'
most_running=0      # the most tasks wait_for_jobs saw running at once
wait_for_jobs() {   # SECONDS: until none of ours is queued; 1 timeout, 2 stuck, 3 no squeue
  local deadline=$((SECONDS + $1)) running stuck queued
  most_running=0
  while :; do
    queued="$(queued_jobs)" || { say "squeue does not answer"; return 3; }
    [ -n "$queued" ] || return 0
    running="$(squeue -h -t RUNNING -o '%i' 2>/dev/null | wc -l)"
    [ "$running" -le "$most_running" ] || most_running="$running"
    stuck="$(squeue -h -t PENDING -o '%i %r' 2>/dev/null | awk -v r="$hopeless" '$2 ~ r' | head -n 1)"
    if [ -n "$stuck" ]; then say "pending for good: $stuck"; return 2; fi
    [ "$SECONDS" -lt "$deadline" ] || return 1
    sleep 0.5
  done
}
why_unfinished() {   # wait_for_jobs' status
  case "$1" in
    2) echo "pending for a reason no wait cures" ;;
    3) echo "squeue failed" ;;
    *) echo "${timeout_array} s passed" ;;
  esac
}

# ---------------------------------------------------------------------------------------
begin "install slurmctld, slurmd, slurm-client, munge (Debian packages) if missing"
packages=(slurmctld slurmd slurm-client munge)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
    || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  command -v apt-get >/dev/null || { say "no apt-get to install ${missing[*]}"; exit 2; }
  say "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >/dev/null || fail "apt-get update failed"
  # The packages' scripts try to start the services; in a container without systemd
  # invoke-rc.d declines, which is what we want: this script starts its own daemons.
  apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null \
    || fail "apt-get install ${missing[*]} failed"
else
  say "already installed: ${packages[*]}"
fi
for tool in munged slurmctld slurmd sbatch squeue sinfo scontrol scancel; do
  command -v "$tool" >/dev/null || fail "$tool not found after installation"
done
pass

# ---------------------------------------------------------------------------------------
begin "start munged, slurmctld, slurmd; wait for the node to be idle"
tmp="$(mktemp -d /tmp/reformsim-slurm.XXXXXX)"
# munged wants every directory on the way to its socket searchable by all, and its key
# readable by its own user only.
chmod 755 "$tmp"
mkdir -p "$tmp/munge" "$tmp/etc" "$tmp/state" "$tmp/spool" "$tmp/run" "$tmp/log" "$tmp/work"
chmod 755 "$tmp/munge"
host="$(hostname -s)"
cpus="$(nproc)"
# 1% below free's total, so that slurmd's own reading (rounded differently) is never below the
# configured figure, which would drain the node.
memory="$(free -m | awk '/^Mem:/ { printf "%d", $2 * 0.99 }')"
{ [ -n "$host" ] && [ "$cpus" -ge 1 ] && [ "$memory" -ge 1 ]; } \
  || fail "cannot read host name ($host), CPUs ($cpus) or memory ($memory MB)"
export SLURM_CONF="$tmp/etc/slurm.conf"
cat >"$SLURM_CONF" <<EOF
# Throwaway single-node cluster of scripts/test_slurm.sh.
ClusterName=reformsimtest
SlurmctldHost=$host
SlurmctldPort=$port
SlurmdPort=$((port + 1))
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$tmp/munge/munge.socket
MpiDefault=none
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
JobCompType=jobcomp/none
MailProg=/bin/true
ReturnToService=2
# Finished jobs stay visible to scontrol for 10 minutes (there is no accounting to ask).
MinJobAge=600
KillWait=5
InactiveLimit=0
StateSaveLocation=$tmp/state
SlurmdSpoolDir=$tmp/spool
SlurmctldPidFile=$tmp/run/slurmctld.pid
SlurmdPidFile=$tmp/run/slurmd.pid
SlurmctldLogFile=$tmp/log/slurmctld.log
SlurmdLogFile=$tmp/log/slurmd.log
SlurmctldDebug=info
SlurmdDebug=info
NodeName=$host CPUs=$cpus RealMemory=$memory State=UNKNOWN
PartitionName=debug Nodes=$host Default=YES MaxTime=INFINITE State=UP
EOF
say "cluster: node $host, $cpus CPUs, $memory MB, ports $port/$((port + 1)), in $tmp"

# A key of our own (none exists in the new directory): 1024 random bytes, owner-read only.
head -c 1024 /dev/urandom >"$tmp/munge/munge.key"
chmod 400 "$tmp/munge/munge.key"
munged -F --key-file="$tmp/munge/munge.key" --socket="$tmp/munge/munge.socket" \
  --pid-file="$tmp/run/munged.pid" --seed-file="$tmp/munge/munged.seed" \
  >"$tmp/log/munged.log" 2>&1 &
munged_pid=$!
for _ in $(seq 50); do [ -S "$tmp/munge/munge.socket" ] && break; sleep 0.1; done
munge -n -S "$tmp/munge/munge.socket" | unmunge -S "$tmp/munge/munge.socket" >/dev/null 2>&1 \
  || fail "munged does not answer on $tmp/munge/munge.socket"

# -D: stay in the foreground (no systemd, no daemon(3) fork), so that $! is the daemon.
slurmctld -D -f "$SLURM_CONF" >"$tmp/log/slurmctld.out" 2>&1 &
slurmctld_pid=$!
slurmd -D -f "$SLURM_CONF" >"$tmp/log/slurmd.out" 2>&1 &
slurmd_pid=$!
deadline=$((SECONDS + timeout_start))
state=""
while :; do
  kill -0 "$slurmctld_pid" 2>/dev/null || fail "slurmctld exited"
  kill -0 "$slurmd_pid" 2>/dev/null || fail "slurmd exited"
  state="$(sinfo -h -N -n "$host" -o '%T' 2>/dev/null || true)"
  [ "$state" != idle ] || break
  [ "$SECONDS" -lt "$deadline" ] \
    || fail "node $host not idle after ${timeout_start} s (sinfo: '${state:-no answer}')"
  sleep 0.5
done
sinfo
pass

# ---------------------------------------------------------------------------------------
# The sweep: demo_market, 300 firms, 8 LHS points of two parameters, 2 replications, one
# point per chunk file: 8 chunks, 2 per shard.
work="$tmp/work"
cd "$work"
sweep_common="--config $repo/configs/demo_market.ini --design lhs \
--param market.entry_value_days=5:60 --param market.approval_days_after=1:30 \
--samples 8 --replications 2 --seed 7 --chunk-points 1 --market.initial_firms=300"
# As docs/sweeps.md tells users, plus the two sbatch options this 1-node cluster needs: the
# template asks for 4 CPUs per task (this node may have fewer) and 4 hours (a test needs
# minutes). The same options go to resubmit_missing.sh after `--`.
sbatch_options=(--cpus-per-task=1 --time=00:10:00)
export REFORMSIM="$binary"
export SHARDS=$shards
export SWEEP_ARGS="$sweep_common --out sweep"

submit_array() {   # ARRAY: submit the template; appends the job id to job_ids
  local output id
  output="$(sbatch --array="$1" --export=ALL "${sbatch_options[@]}" \
    "$repo/scripts/slurm/sweep.sbatch" 2>&1)" || fail "sbatch refused: $output"
  echo "$output"
  id="$(sed -n 's/^Submitted batch job \([0-9][0-9]*\)$/\1/p' <<<"$output")"
  [ -n "$id" ] || fail "no job id in sbatch's answer: $output"
  job_ids+=("$id")
}
check_tasks() {   # JOB TASK...: every task COMPLETED with exit 0, its log there and clean
  local job="$1" task line out err
  shift
  for task in "$@"; do
    line="$(scontrol -o show job "${job}_${task}" 2>/dev/null)" \
      || fail "scontrol knows no task ${job}_${task}"
    { grep -q ' JobState=COMPLETED ' <<<"$line" && grep -q ' ExitCode=0:0 ' <<<"$line"; } \
      || fail "task ${job}_${task}: $(grep -o 'JobState=[^ ]* Reason=[^ ]* .*ExitCode=[^ ]*' <<<"$line")"
    out="logs/reformsim-sweep-${job}_${task}.out"
    err="logs/reformsim-sweep-${job}_${task}.err"
    [ -f "$out" ] || fail "no log $out"
    [ -f "$err" ] || fail "no log $err"
    grep -q "^shard ${task}/${shards} of job ${job} on " "$out" \
      || fail "$out does not start with the shard line: $(head -n 3 "$out")"
    [ ! -s "$err" ] || fail "$err is not empty: $(head -n 20 "$err")"
  done
}
merge_and_compare() {   # MERGED: merge the Slurm sweep into it and compare with the reference
  "$binary" merge sweep --out "$1" || fail "reformsim merge sweep failed"
  /usr/bin/python3 "$tmp/compare.py" "$1" reference.h5 || fail "$1 differs from reference.h5"
}

cat >"$tmp/compare.py" <<'EOF'
"""Compares two merged sweep files: the same datasets, each of the same type, shape and bytes;
the same attributes (references compared by the name they point to), except the root's
command line and times."""
import sys

import h5py
import numpy

VOLATILE = {"command_line", "start_time", "end_time"}


def attribute(file, value):
    if isinstance(value, h5py.Reference):
        return file[value].name
    if isinstance(value, numpy.ndarray) and value.dtype == object:
        return [attribute(file, v) for v in value.tolist()]
    if isinstance(value, numpy.ndarray) and value.dtype.names:
        return [tuple(attribute(file, x) for x in row) for row in value.tolist()]
    if isinstance(value, (list, tuple)):
        return [attribute(file, v) for v in value]
    if isinstance(value, numpy.ndarray):
        return (value.dtype.str, value.shape, value.tobytes())
    return value


def objects(file):
    found = {}

    def add(name, item):
        found[name] = item  # returning None: visititems goes on

    file.visititems(add)
    return found


def main(path_a, path_b):
    problems = []
    with h5py.File(path_a, "r") as a, h5py.File(path_b, "r") as b:
        for name in sorted(set(a.attrs) | set(b.attrs)):
            if name in VOLATILE:
                continue
            if name not in a.attrs or name not in b.attrs:
                problems.append(f"root attribute {name} in one file only")
            elif attribute(a, a.attrs[name]) != attribute(b, b.attrs[name]):
                problems.append(f"root attribute {name}: {a.attrs[name]!r} != {b.attrs[name]!r}")
        objects_a, objects_b = objects(a), objects(b)
        for name in sorted(set(objects_a) ^ set(objects_b)):
            problems.append(f"{name} in one file only")
        datasets = 0
        for name in sorted(set(objects_a) & set(objects_b)):
            x, y = objects_a[name], objects_b[name]
            if isinstance(x, h5py.Dataset):
                datasets += 1
                if x.dtype != y.dtype or x.shape != y.shape:
                    problems.append(f"{name}: {x.dtype} {x.shape} != {y.dtype} {y.shape}")
                elif x.dtype == object or x.dtype.kind in "OSU":
                    if x[()].tolist() != y[()].tolist():
                        problems.append(f"{name}: strings differ")
                elif x[()].tobytes() != y[()].tobytes():
                    problems.append(f"{name}: values differ")
            for key in sorted(set(x.attrs) | set(y.attrs)):
                if key not in x.attrs or key not in y.attrs:
                    problems.append(f"{name}: attribute {key} in one file only")
                elif attribute(a, x.attrs[key]) != attribute(b, y.attrs[key]):
                    problems.append(f"{name}: attribute {key} differs")
    for problem in problems:
        print(f"compare: {path_a} vs {path_b}: {problem}")
    if not problems:
        print(f"compare: {path_a} and {path_b}: {datasets} datasets bit-identical, "
              "attributes equal but the command line and times")
    return 1 if problems else 0


sys.exit(main(sys.argv[1], sys.argv[2]))
EOF

begin "reference: the same sweep in one process, merged"
# shellcheck disable=SC2086  # the options are split on spaces, as the template splits SWEEP_ARGS
"$binary" sweep $sweep_common --out reference --threads 2 --quiet \
  || fail "single-process sweep failed"
"$binary" merge reference --out reference.h5 || fail "merge of the reference failed"
pass

begin "sbatch --array=0-$((shards - 1))%$limit the template; wait for the array"
mkdir -p logs
submit_array "0-$((shards - 1))%$limit"
first_job="${job_ids[-1]}"
wait_for_jobs "$timeout_array" || fail "array $first_job unfinished ($(why_unfinished $?))"
say "array $first_job done; at most $most_running of its tasks were seen running at once (limit $limit)"
[ "$most_running" -le "$limit" ] || fail "$most_running tasks ran at once, over the limit of $limit"
all_tasks=()
for ((task = 0; task < shards; task++)); do all_tasks+=("$task"); done
check_tasks "$first_job" "${all_tasks[@]}"
for task in "${all_tasks[@]}"; do cat "logs/reformsim-sweep-${first_job}_${task}.out"; done
pass

begin "resubmit_missing.sh: no shard missing"
output="$("$repo/scripts/slurm/resubmit_missing.sh" sweep "$shards" -- "${sbatch_options[@]}" 2>&1)" \
  || fail "resubmit_missing.sh exit $?: $output"
echo "$output"
grep -q "every shard complete" <<<"$output" || fail "unexpected answer: $output"
pass

begin "merge; compare with the single-process sweep"
merge_and_compare merged.h5
pass

begin "delete one shard's chunk file; resubmit_missing.sh names exactly that shard"
victim_shard=2
victim=""
for chunk in sweep/chunk-*.h5; do
  if [ "$(/usr/bin/python3 -c 'import h5py, sys; print(h5py.File(sys.argv[1], "r").attrs["shard"])' \
        "$chunk")" = "$victim_shard/$shards" ]; then
    victim="$chunk"
    break
  fi
done
[ -n "$victim" ] || fail "no chunk file says it was written by shard $victim_shard/$shards"
(cd sweep && sha256sum chunk-*.h5 | grep -v " ${victim#sweep/}\$") >untouched.sha256
rm "$victim"
say "deleted $victim (written by shard $victim_shard/$shards)"
status=0
output="$("$repo/scripts/slurm/resubmit_missing.sh" sweep "$shards" -- "${sbatch_options[@]}" 2>&1)" \
  || status=$?
echo "$output"
[ "$status" -eq 3 ] || fail "resubmit_missing.sh exit $status, expected 3 (shards missing)"
grep -qx "sweep: shards with missing chunks: $victim_shard" <<<"$output" \
  || fail "it does not name exactly shard $victim_shard"
pass

begin "resubmit_missing.sh --submit; wait; merge; compare again"
status=0
output="$("$repo/scripts/slurm/resubmit_missing.sh" sweep "$shards" --limit "$limit" --submit \
  -- "${sbatch_options[@]}" 2>&1)" || status=$?
echo "$output"
[ "$status" -eq 3 ] || fail "resubmit_missing.sh --submit exit $status, expected 3 (submitted)"
second_job="$(sed -n 's/^Submitted batch job \([0-9][0-9]*\)$/\1/p' <<<"$output")"
[ -n "$second_job" ] || fail "no job id in its output"
job_ids+=("$second_job")
wait_for_jobs "$timeout_array" || fail "job $second_job unfinished ($(why_unfinished $?))"
check_tasks "$second_job" "$victim_shard"
cat "logs/reformsim-sweep-${second_job}_${victim_shard}.out"
[ -f "$victim" ] || fail "$victim not written again"
(cd sweep && sha256sum --quiet -c ../untouched.sha256) || fail "the other chunk files changed"
second_logs=(logs/reformsim-sweep-"${second_job}"_*)
[ ${#second_logs[@]} -eq 2 ] \
  || fail "job $second_job ran other tasks than $victim_shard: ${second_logs[*]}"
output="$("$repo/scripts/slurm/resubmit_missing.sh" sweep "$shards" 2>&1)" \
  || fail "resubmit_missing.sh after the resubmission: $output"
echo "$output"
merge_and_compare merged_again.h5
pass
