#!/usr/bin/python3
"""Parallel efficiency from 1 to 2 threads, robust to a host whose speed drifts.

Runs the 1-thread and 2-thread variants of each Google Benchmark case as separate processes,
alternately, `--pairs` times, and reports for each case the median over the pairs of
speed-up / 2 (each pair's speed-up from the agent-steps per second, or the wall time, of its
two runs taken minutes apart at most), with the lowest and highest pair. On this shared virtual
machine the host's speed changes by 10-30% from one minute to the next, so a 1-thread figure
and a 2-thread figure from different minutes can show 65% or 115%; pairing them and taking the
median removes most of that.

    /usr/bin/python3 bench/parallel_efficiency.py build/ci/bench/firms/bench_firms \\
        'firm_step/firms:(100000|1000000)/' --pairs 7 --out bench/results/efficiency_firms.json
"""
import argparse
import json
import re
import statistics
import subprocess
import sys


def run_case(binary, case, min_time):
    """One process running one benchmark case once; its agent-steps/s (or 1 / wall time)."""
    command = [binary, f"--benchmark_filter=^{re.escape(case)}$", f"--benchmark_min_time={min_time}",
               "--benchmark_format=json"]
    result = subprocess.run(command, capture_output=True, text=True, check=True)
    runs = [b for b in json.loads(result.stdout)["benchmarks"] if b.get("run_type") == "iteration"]
    if len(runs) != 1:
        sys.exit(f"{binary}: {case} matched {len(runs)} runs, expected 1")
    run = runs[0]
    return run.get("agent_steps_per_second") or 1.0 / run["real_time"]


def cases_of(binary, pattern):
    listed = subprocess.run([binary, "--benchmark_list_tests", f"--benchmark_filter={pattern}"],
                            capture_output=True, text=True, check=True).stdout.split()
    one = [name for name in listed if "/threads:1" in name]
    pairs = []
    for name in one:
        two = name.replace("/threads:1", "/threads:2")
        if two not in listed:
            sys.exit(f"{binary}: {name} has no 2-thread variant")
        pairs.append((name, two))
    if not pairs:
        sys.exit(f"{binary}: no case matches {pattern!r} with a /threads:1 variant")
    return pairs


def add_pairing_arguments(parser):
    """The options both pairing tools take, after their binaries."""
    parser.add_argument("filter", help="Google Benchmark filter (regular expression)")
    parser.add_argument("--pairs", type=int, default=7)
    parser.add_argument("--min-time", type=float, default=0.3, help="seconds per run")
    parser.add_argument("--out", help="JSON file for every pair's figures")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("binary")
    add_pairing_arguments(parser)
    arguments = parser.parse_args()
    report = []
    for one, two in cases_of(arguments.binary, arguments.filter):
        efficiencies = []
        for _ in range(arguments.pairs):
            serial = run_case(arguments.binary, one, arguments.min_time)
            parallel = run_case(arguments.binary, two, arguments.min_time)
            efficiencies.append(parallel / serial / 2)
        row = {"case": one.replace("/threads:1", ""), "pairs": arguments.pairs,
               "median_efficiency": statistics.median(efficiencies),
               "lowest": min(efficiencies), "highest": max(efficiencies),
               "efficiencies": efficiencies}
        report.append(row)
        print(f"{row['case']:<60} {100 * row['median_efficiency']:5.1f}%  "
              f"(pairs {100 * row['lowest']:.0f}-{100 * row['highest']:.0f}%)", flush=True)
    if arguments.out:
        with open(arguments.out, "w") as out:
            json.dump({"binary": arguments.binary, "filter": arguments.filter, "cases": report},
                      out, indent=1)


if __name__ == "__main__":
    main()
