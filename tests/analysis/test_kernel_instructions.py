"""bench/kernel_instructions.py: the calls it reads from a callgrind profile (whose function
names are compressed to ids after their first use) and the instructions per agent-step it
derives from a profile and a benchmark's counters."""
import importlib.util
import json
import os
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
spec = importlib.util.spec_from_file_location("kernel_instructions",
                                              ROOT / "bench/kernel_instructions.py")
kernel_instructions = importlib.util.module_from_spec(spec)
spec.loader.exec_module(kernel_instructions)

STEP = "reformsim::models::FirmSystem::produce(reformsim::StepContext const&)"

# Two callers of produce (one naming it in full, the next by its id only), and a call of another
# function between them that must not be counted.
PROFILE = f"""version: 1
creator: callgrind-3.19.0
events: Ir
fn=(1) run_firm_days
cfn=(2) {STEP}
calls=3 0
0 900
cfn=(3) other
calls=7 0
0 70
fn=(4) paired
cfn=(2)
calls=2 0
0 600
fn=(2)
0 1500
summary: 1570
totals: 1570
"""


def test_calls_are_summed_over_every_caller_by_the_functions_id(tmp_path):
    profile = tmp_path / "p.callgrind"
    profile.write_text(PROFILE)
    assert kernel_instructions.calls_to(profile, STEP) == 5
    assert kernel_instructions.calls_to(profile, "other") == 7
    assert kernel_instructions.calls_to(profile, "absent") == 0


def test_instructions_are_divided_by_the_profiles_steps_and_the_benchmarks_agents(
        tmp_path, monkeypatch):
    def fake_run(command, **_):
        profile = next(a.split("=", 1)[1] for a in command if a.startswith("--callgrind-out-file="))
        Path(profile).write_text(PROFILE)
        out = next(a.split("=", 1)[1] for a in command if a.startswith("--benchmark_out="))
        # 2 ms a step at 50,000 agent-steps per second: 100 agents a step
        Path(out).write_text(json.dumps({"benchmarks": [
            {"real_time": 2.0, "time_unit": "ms", "agent_steps_per_second": 50000.0}]}))
        assert any(a == f"--toggle-collect={STEP}" for a in command)

    monkeypatch.setattr(kernel_instructions.subprocess, "run", fake_run)
    row = kernel_instructions.measure(Path("bench"), "firm day", 100, 1.0, tmp_path)
    assert row["steps"] == 5
    assert abs(row["agents_per_step"] - 100.0) < 1e-9
    assert abs(row["instructions_per_agent_step"] - 1570 / 5 / 100) < 1e-9


def run_script(*args, env=None):
    return subprocess.run(["/usr/bin/python3", str(ROOT / "bench/kernel_instructions.py"), *args],
                          capture_output=True, text=True, env=env)


def test_a_missing_benchmark_binary_is_named(tmp_path):
    result = run_script(str(tmp_path), "--kernel", "staff day")
    assert result.returncode == 2
    assert str(tmp_path / "staff/bench_staff") in result.stderr


def test_without_valgrind_it_says_so_before_running_anything(tmp_path):
    (tmp_path / "staff").mkdir()
    (tmp_path / "staff/bench_staff").write_text("")
    result = run_script(str(tmp_path), "--kernel", "staff day",
                        env={**os.environ, "PATH": str(tmp_path)})
    assert result.returncode == 2
    assert "valgrind not found" in result.stderr
