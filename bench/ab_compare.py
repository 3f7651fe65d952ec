#!/usr/bin/python3
"""Before/after throughput of one optimisation, robust to a host whose speed drifts.

Runs every matching Google Benchmark case of two builds (`before`, `after`) as separate
processes, alternately, `--pairs` times, and reports for each case the median over the pairs of
after / before throughput (agent-steps per second, or 1 / wall time), with the lowest and
highest pair:

    /usr/bin/python3 bench/ab_compare.py /tmp/ref/build/bench/staff/bench_staff \\
        build/ci/bench/staff/bench_staff 'staff_step/staff:(100000|1000000)/' --pairs 7

With --variant OLD=NEW the two runs of a pair are two cases of the same code instead: each
matching case whose name holds OLD (run by `before`) against the case named with NEW in its
place (run by `after`; give the same binary twice to compare two settings of one build):

    /usr/bin/python3 bench/ab_compare.py build/ci/bench/firms/bench_firms \\
        build/ci/bench/firms/bench_firms 'firm_step_schedule/' --variant schedule:1=schedule:2
"""
import argparse
import json
import statistics
import subprocess
import sys

from parallel_efficiency import add_pairing_arguments, run_case


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("before")
    parser.add_argument("after")
    parser.add_argument("--variant", metavar="OLD=NEW",
                        help="compare each case holding OLD with the case holding NEW instead")
    add_pairing_arguments(parser)
    arguments = parser.parse_args()
    cases = subprocess.run([arguments.after, "--benchmark_list_tests",
                            f"--benchmark_filter={arguments.filter}"],
                           capture_output=True, text=True, check=True).stdout.split()
    cases = [case for case in cases if "memory_bandwidth" not in case]
    pairs = [(case, case) for case in cases]
    if arguments.variant:
        old, separator, new = arguments.variant.partition("=")
        if not separator or not old or not new:
            sys.exit(f"--variant {arguments.variant!r}: expected OLD=NEW")
        pairs = [(case, case.replace(old, new)) for case in cases if old in case]
        missing = [other for _, other in pairs if other not in cases]
        if not pairs or missing:
            sys.exit(f"--variant {arguments.variant}: {missing[0] if missing else 'no case'} "
                     f"among the cases matching {arguments.filter!r}")
    report = []
    for case, other in pairs:
        ratios = []
        for _ in range(arguments.pairs):
            before = run_case(arguments.before, case, arguments.min_time)
            after = run_case(arguments.after, other, arguments.min_time)
            ratios.append(after / before)
        row = {"case": case, "pairs": arguments.pairs, "median_speed_up": statistics.median(ratios),
               "lowest": min(ratios), "highest": max(ratios), "speed_ups": ratios}
        if other != case:
            row["against"] = other
        report.append(row)
        print(f"{case:<60} {row['median_speed_up']:5.2f}x  "
              f"(pairs {row['lowest']:.2f}-{row['highest']:.2f})", flush=True)
    if arguments.out:
        with open(arguments.out, "w") as out:
            json.dump({"before": arguments.before, "after": arguments.after,
                       "filter": arguments.filter, "cases": report}, out, indent=1)


if __name__ == "__main__":
    main()
