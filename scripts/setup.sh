#!/usr/bin/env bash
# Installs everything reformsim needs on a fresh Debian 12 machine, from Debian's
# packages only. Idempotent: when every package is already installed it returns in
# about a second without touching apt.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config git clang clang-format libclang-rt-14-dev
  libtbb-dev libeigen3-dev libhdf5-dev hdf5-tools
  libboost-program-options-dev googletest libgtest-dev libgmock-dev libbenchmark-dev
  libnlopt-cxx-dev libopenmpi-dev openmpi-bin
  python3 python3-h5py python3-xarray python3-netcdf4 python3-pandas
  python3-matplotlib python3-pytest python3-numpy
)

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all ${#packages[@]} packages already installed"
  exit 0
fi

echo "setup: installing ${missing[*]}"
sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then sudo_cmd=(sudo); fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -q
"${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
