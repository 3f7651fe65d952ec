"""Files for the analysis tests, written by the engine itself on tiny configs (a few hundred
firms, a short burn-in, two years, three replications), once per test session.

The engine is REFORMSIM_BINARY, else build/release/reformsim or build/ci/reformsim; without
one the tests are skipped with that reason, since their point is reading what the engine
writes.
"""

import os
import subprocess
import sys

import pytest

REPOSITORY = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
ANALYSIS = os.path.join(REPOSITORY, "analysis")
sys.path.insert(0, ANALYSIS)

TINY_OVERRIDES = ["--market.initial_firms=200", "--calendar.burn_in_days=40",
                  "--replications", "3", "--seed", "11", "--threads", "2", "--quiet"]


def engine_binary():
    """The reformsim executable to test with, or None."""
    candidates = [os.environ.get("REFORMSIM_BINARY", "")] + [
        os.path.join(REPOSITORY, "build", preset, "reformsim") for preset in ("release", "ci")]
    for candidate in candidates:
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    return None


@pytest.fixture(scope="session")
def engine():
    binary = engine_binary()
    if binary is None:
        pytest.skip("no reformsim binary: set REFORMSIM_BINARY or build build/release or build/ci")
    return binary


def run_engine(engine, arguments):
    """Runs the engine, failing the test with its stderr if it fails."""
    result = subprocess.run([engine] + arguments, capture_output=True, text=True, cwd=REPOSITORY)
    assert result.returncode == 0, result.stderr
    return result


@pytest.fixture(scope="session")
def files_folder(tmp_path_factory):
    return tmp_path_factory.mktemp("engine_files")


@pytest.fixture(scope="session")
def subsidy_config(files_folder):
    """A second scenario: the demo config with the entry subsidy switched on as well."""
    path = files_folder / "subsidy.ini"
    path.write_text("include = " + os.path.join(REPOSITORY, "configs", "demo_market.ini")
                    + "\n[reform]\nentry_subsidy = true\n")
    return str(path)


@pytest.fixture(scope="session")
def run_file(engine, files_folder):
    path = str(files_folder / "run.h5")
    run_engine(engine, ["run", "--config", "configs/demo_market.ini", "--out", path]
               + TINY_OVERRIDES)
    return path


@pytest.fixture(scope="session")
def compare_file(engine, files_folder, subsidy_config):
    path = str(files_folder / "compare.h5")
    run_engine(engine, ["compare", "--config", "configs/demo_market.ini", "--config",
                        subsidy_config, "--out", path] + TINY_OVERRIDES)
    return path


@pytest.fixture(scope="session")
def decompose_file(engine, files_folder):
    path = str(files_folder / "decompose.h5")
    run_engine(engine, ["decompose", "--config", "configs/demo_market.ini", "--measures",
                        "faster_licensing,entry_subsidy", "--out", path] + TINY_OVERRIDES)
    return path


def run_analysis_command(module, arguments):
    """Runs `/usr/bin/python3 -m reformsim_analysis.<module> ...` as a user would."""
    environment = dict(os.environ, PYTHONPATH=ANALYSIS, MPLBACKEND="Agg")
    return subprocess.run(["/usr/bin/python3", "-m", f"reformsim_analysis.{module}"] + arguments,
                          capture_output=True, text=True, env=environment, cwd=REPOSITORY)


# Sweeps, sensitivity and calibration: two demo parameters, a market of 100-200 firms, a short
# burn-in; each file takes a few seconds.
SWEEP_PARAMETERS = ["--param", "market.entry_value_days=5:60",
                    "--param", "market.productivity_volatility=0.005:0.05:log"]
SMALL_MARKET = ["--market.initial_firms=200", "--calendar.burn_in_days=40", "--threads", "2",
                "--quiet"]
CALIBRATION = ["--config", "configs/calibration/demo_market_abc.ini", "--market.initial_firms=100",
               "--calendar.burn_in_days=20", "--threads", "2", "--quiet"]


@pytest.fixture(scope="session")
def sweep_directory(engine, files_folder):
    """A Saltelli sweep (N = 4, 16 points, 2 replications) in 4 chunk files of 4 points."""
    path = str(files_folder / "sweep")
    run_engine(engine, ["sweep", "--config", "configs/demo_market.ini", "--design", "saltelli",
                        *SWEEP_PARAMETERS, "--samples", "4", "--replications", "2", "--seed", "7",
                        "--chunk-points", "4", "--out", path] + SMALL_MARKET)
    return path


@pytest.fixture(scope="session")
def sweep_file(engine, sweep_directory, files_folder):
    path = str(files_folder / "sweep.h5")
    run_engine(engine, ["merge", sweep_directory, "--out", path])
    return path


@pytest.fixture(scope="session")
def sobol_file(engine, sweep_directory, files_folder):
    path = str(files_folder / "sobol.h5")
    run_engine(engine, ["sensitivity", sweep_directory, "--bootstrap", "100", "--out", path,
                        "--quiet"])
    return path


@pytest.fixture(scope="session")
def morris_file(engine, files_folder):
    """Morris screening of a 3-trajectory design (9 points, 1 replication)."""
    sweep = str(files_folder / "morris_sweep")
    run_engine(engine, ["sweep", "--config", "configs/demo_market.ini", "--design", "morris",
                        *SWEEP_PARAMETERS, "--samples", "3", "--replications", "1", "--seed", "7",
                        "--out", sweep, "--market.initial_firms=100",
                        "--calendar.burn_in_days=20", "--threads", "2", "--quiet"])
    path = str(files_folder / "morris.h5")
    run_engine(engine, ["sensitivity", sweep, "--bootstrap", "100", "--out", path, "--quiet"])
    return path


@pytest.fixture(scope="session")
def abc_file(engine, files_folder):
    """ABC-SMC with 8 particles and 2 generations."""
    path = str(files_folder / "abc.h5")
    run_engine(engine, ["calibrate", "--method", "abc-smc", "--out", path,
                        "--calibration.population=8", "--calibration.max_generations=2",
                        "--calibration.simulation_budget=200"] + CALIBRATION)
    return path


@pytest.fixture(scope="session")
def msm_file(engine, files_folder):
    """MSM with 10 global and 4 local evaluations of 2 replications."""
    path = str(files_folder / "msm.h5")
    run_engine(engine, ["calibrate", "--method", "msm", "--out", path,
                        "--calibration.msm.global_evaluations=10",
                        "--calibration.msm.local_evaluations=4",
                        "--calibration.msm.replications=2"] + CALIBRATION)
    return path
