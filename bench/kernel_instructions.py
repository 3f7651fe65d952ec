#!/usr/bin/python3
"""Instructions per agent-step of each agent kernel, counted by callgrind.

Runs each kernel's benchmark (1 thread, one size) under callgrind with collection toggled on the
kernel's step functions only, so the benchmark's set-up is not counted, and divides the
instructions collected by the calls of the kernel's first step function (read from the profile)
and by the agents per step (from the benchmark's own counters). Instruction counts do not drift
with the host's speed as times do: the figures to compare across sessions (bench/README.md,
"Where the time goes").

    /usr/bin/python3 bench/kernel_instructions.py build/release/bench --agents 100000
"""
import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

STEP = "(reformsim::StepContext const&)"
RECORD = "(reformsim::StepContext const&, reformsim::MetricRow&) const"
MODELS = "reformsim::models::"

# name: (binary under the bench build directory, benchmark filter with {n} for the size,
#        step functions; the first is called once per step and counts the steps)
KERNELS = {
    "firm day": ("firms/bench_firms", "^firm_step/firms:{n}/threads:1/", [
        f"{MODELS}FirmSystem::produce{STEP}", f"{MODELS}FirmSystem::remove_exits{STEP}",
        f"{MODELS}FirmSystem::apply_for_approvals{STEP}",
        f"{MODELS}FirmSystem::take_approval_outcomes{STEP}", f"{MODELS}FirmSystem::record{RECORD}",
        f"{MODELS}FixedDelayApprovals::advance{STEP}"]),
    "inspections, departments": (
        "enforcement/bench_enforcement", "^enforcement_step/firms:{n}/threads:1/consolidated:0/",
        [f"{MODELS}EnforcementSystem::inspect{STEP}", f"{MODELS}EnforcementSystem::record{RECORD}"]),
    "inspections, bureau": (
        "enforcement/bench_enforcement", "^enforcement_step/firms:{n}/threads:1/consolidated:1/",
        [f"{MODELS}EnforcementSystem::inspect{STEP}", f"{MODELS}EnforcementSystem::record{RECORD}"]),
    "staff day": ("staff/bench_staff", "^staff_step/staff:{n}/threads:1/", [
        f"{MODELS}StaffSystem::restructure{STEP}", f"{MODELS}StaffSystem::work{STEP}",
        f"{MODELS}StaffSystem::run_careers{STEP}", f"{MODELS}StaffSystem::record{RECORD}"]),
    "staff re-hiring": ("staff/bench_staff", "^staff_rehiring/staff:{n}/threads:1/",
                        [f"{MODELS}StaffSystem::rehire{STEP}"]),
}


def calls_to(profile: Path, function: str) -> int:
    """Calls to `function` recorded in a callgrind profile (names are compressed to ids)."""
    ids, calls, target = {}, 0, None
    for line in profile.read_text().splitlines():
        match = re.match(r"c?fn=\((\d+)\)(?: (.*))?$", line)
        if match:
            if match.group(2) is not None:
                ids[match.group(1)] = match.group(2)
            target = ids.get(match.group(1)) if line.startswith("cfn=") else None
        elif line.startswith("calls=") and target == function:
            calls += int(line.split("=")[1].split()[0])
    return calls


def measure(bench_dir: Path, name: str, agents: int, min_time: float, work: Path) -> dict:
    binary, pattern, functions = KERNELS[name]
    stem = re.sub(r"\W+", "_", name)
    profile, result = work / f"{stem}.callgrind", work / f"{stem}.json"
    command = ["valgrind", "--tool=callgrind", f"--callgrind-out-file={profile}"]
    command += [f"--toggle-collect={f}" for f in functions]
    command += [str(bench_dir / binary), f"--benchmark_filter={pattern.format(n=agents)}",
                f"--benchmark_min_time={min_time}", f"--benchmark_out={result}",
                "--benchmark_out_format=json"]
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    instructions = int(re.search(r"^summary: (\d+)", profile.read_text(), re.M).group(1))
    steps = calls_to(profile, functions[0])
    case = json.loads(result.read_text())["benchmarks"][0]
    seconds = case["real_time"] * {"ns": 1e-9, "us": 1e-6, "ms": 1e-3, "s": 1.0}[case["time_unit"]]
    agents_per_step = case["agent_steps_per_second"] * seconds
    return {"kernel": name, "instructions": instructions, "steps": steps,
            "agents_per_step": agents_per_step,
            "instructions_per_agent_step": instructions / steps / agents_per_step}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("bench_dir", type=Path, help="the build's bench directory")
    parser.add_argument("--agents", type=int, default=100000)
    parser.add_argument("--min-time", type=float, default=2.0,
                        help="the benchmarks' seconds under callgrind: more steps, less of the "
                        "first day's share (the inspections compute their kept values then)")
    parser.add_argument("--kernel", action="append", choices=sorted(KERNELS),
                        help="only these kernels (default: all)")
    parser.add_argument("--out", type=Path, help="JSON file for the figures")
    args = parser.parse_args()
    kernels = args.kernel or list(KERNELS)
    for name in kernels:
        binary = args.bench_dir / KERNELS[name][0]
        if not binary.is_file():
            parser.error(f"{binary}: no such benchmark binary (build the bench targets first)")
    if shutil.which("valgrind") is None:
        parser.error("valgrind not found: it is a profiling tool that scripts/setup.sh does not "
                     "install (Debian package valgrind)")
    rows = []
    with tempfile.TemporaryDirectory() as work:
        for name in kernels:
            row = measure(args.bench_dir, name, args.agents, args.min_time, Path(work))
            rows.append(row)
            print(f"{name:28s} {row['instructions_per_agent_step']:8.0f} instructions per "
                  f"agent-step ({row['instructions']:,} over {row['steps']} steps of "
                  f"{row['agents_per_step']:,.0f} agents)", flush=True)
    if args.out:
        args.out.write_text(json.dumps(rows, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
