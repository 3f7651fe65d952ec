#!/usr/bin/env bash
# Sets up (Debian packages), builds, and runs the main job: the Binhai 2018 scenario end to
# end, writing results/<scenario>.h5 and printing a summary. Extra arguments go to
# `reformsim run` (e.g. --replications 20 --overwrite).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
cmake --preset release
cmake --build --preset release

config=configs/binhai_2018.ini
[ -f "$config" ] || config=configs/demo_market.ini
./build/release/reformsim run --config "$config" --overwrite "$@"
