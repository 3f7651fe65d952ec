#!/usr/bin/env bash
# Sets up (Debian packages), builds with warnings as errors, and runs every test: the C++ suite
# through ctest, then the Python analysis tests through pytest. This is the README's test
# command and what CI runs.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
cmake --preset ci
cmake --build --preset ci

echo "== C++ tests (ctest) =="
ctest --preset ci

if [ -x tests/analysis/run_pytest.sh ]; then
  echo "== Python analysis tests (pytest) =="
  REFORMSIM_BINARY="$PWD/build/ci/reformsim" tests/analysis/run_pytest.sh
fi
