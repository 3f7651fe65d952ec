"""bench/parallel_efficiency.py and bench/ab_compare.py against a fake Google Benchmark binary
whose throughputs are known: the pairing, the ratios and the JSON they write."""
import json
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

FAKE = """#!/usr/bin/python3
import json, re, sys
SCALE = {scale}
CASES = ["kernel/size:10/threads:1/real_time", "kernel/size:10/threads:2/real_time",
         "kernel/size:20/threads:1/real_time", "kernel/size:20/threads:2/real_time",
         "memory_bandwidth_triad/1/real_time"]
# agent-steps per second: size 10 scales 1.5x on two threads, size 20 1.9x
RATE = {{"kernel/size:10/threads:1/real_time": 100.0, "kernel/size:10/threads:2/real_time": 150.0,
         "kernel/size:20/threads:1/real_time": 50.0, "kernel/size:20/threads:2/real_time": 95.0}}
pattern = next(a.split("=", 1)[1] for a in sys.argv if a.startswith("--benchmark_filter="))
chosen = [c for c in CASES if re.search(pattern, c)]
if "--benchmark_list_tests" in sys.argv:
    print("\\n".join(chosen))
else:
    print(json.dumps({{"benchmarks": [{{"name": c, "run_type": "iteration", "real_time": 1.0,
        "agent_steps_per_second": SCALE * RATE[c]}} for c in chosen]}}))
"""


def fake_binary(directory, name, scale):
    path = directory / name
    path.write_text(FAKE.format(scale=scale))
    path.chmod(0o755)
    return str(path)


def test_parallel_efficiency_pairs_each_case_with_its_two_thread_variant(tmp_path):
    binary = fake_binary(tmp_path, "bench_fake", 1.0)
    out = tmp_path / "efficiency.json"
    printed = subprocess.run(
        ["/usr/bin/python3", str(ROOT / "bench/parallel_efficiency.py"), binary, "kernel/",
         "--pairs", "3", "--out", str(out)], capture_output=True, text=True, check=True).stdout
    report = json.loads(out.read_text())["cases"]
    assert [row["case"] for row in report] == ["kernel/size:10/real_time",
                                               "kernel/size:20/real_time"]
    assert report[0]["median_efficiency"] == pytest.approx(0.75)
    assert report[1]["median_efficiency"] == pytest.approx(0.95)
    assert report[0]["pairs"] == 3 and len(report[0]["efficiencies"]) == 3
    assert "75.0%" in printed and "95.0%" in printed


def test_parallel_efficiency_refuses_a_filter_without_one_thread_cases(tmp_path):
    binary = fake_binary(tmp_path, "bench_fake", 1.0)
    result = subprocess.run(
        ["/usr/bin/python3", str(ROOT / "bench/parallel_efficiency.py"), binary, "memory_bandwidth"],
        capture_output=True, text=True)
    assert result.returncode != 0
    assert "no case matches" in result.stderr


def test_ab_compare_gives_after_over_before_for_every_case_but_the_triad(tmp_path):
    before = fake_binary(tmp_path, "bench_before", 1.0)
    after = fake_binary(tmp_path, "bench_after", 1.25)
    out = tmp_path / "ab.json"
    subprocess.run(["/usr/bin/python3", str(ROOT / "bench/ab_compare.py"), before, after, ".",
                    "--pairs", "2", "--out", str(out)], check=True, capture_output=True)
    report = json.loads(out.read_text())["cases"]
    assert len(report) == 4  # the triad left out
    for row in report:
        assert row["median_speed_up"] == pytest.approx(1.25)


def test_ab_compare_variant_compares_two_cases_of_one_binary(tmp_path):
    binary = fake_binary(tmp_path, "bench_one", 1.0)
    out = tmp_path / "variant.json"
    subprocess.run(["/usr/bin/python3", str(ROOT / "bench/ab_compare.py"), binary, binary,
                    "kernel/", "--variant", "threads:1=threads:2", "--pairs", "2", "--out",
                    str(out)], check=True, capture_output=True)
    report = json.loads(out.read_text())["cases"]
    assert [row["case"] for row in report] == ["kernel/size:10/threads:1/real_time",
                                               "kernel/size:20/threads:1/real_time"]
    assert report[0]["against"] == "kernel/size:10/threads:2/real_time"
    assert report[0]["median_speed_up"] == pytest.approx(1.5)
    assert report[1]["median_speed_up"] == pytest.approx(1.9)


def test_ab_compare_variant_refuses_a_case_without_its_counterpart(tmp_path):
    binary = fake_binary(tmp_path, "bench_one", 1.0)
    result = subprocess.run(["/usr/bin/python3", str(ROOT / "bench/ab_compare.py"), binary,
                             binary, "threads:1", "--variant", "threads:1=threads:2"],
                            capture_output=True, text=True)
    assert result.returncode != 0
    assert "kernel/size:10/threads:2/real_time" in result.stderr
