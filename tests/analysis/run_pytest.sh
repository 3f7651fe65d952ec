#!/usr/bin/env bash
# Runs the analysis tests with Debian's Python from the repository root. pytest's exit code 5
# (no tests collected) counts as a failure: a test command that tests nothing must not pass.
# The engine is $REFORMSIM_BINARY, else build/release/reformsim or build/ci/reformsim.
set -uo pipefail
cd "$(dirname "$0")/../.."
/usr/bin/python3 -m pytest -q -p no:cacheprovider tests/analysis "$@"
status=$?
if [ "$status" -eq 5 ]; then
  echo "run_pytest.sh: pytest collected no tests in tests/analysis" >&2
  exit 1
fi
exit "$status"
