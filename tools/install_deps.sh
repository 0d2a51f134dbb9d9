#!/usr/bin/env bash
# Installs what memsnn needs to build, test and plot, from Debian 12 packages.
# Runs apt-get directly as root, through sudo otherwise.
set -euo pipefail
packages=(
  cmake make g++ pkg-config
  libtbb-dev libhdf5-dev nlohmann-json3-dev doctest-dev libboost-dev
  python3 python3-h5py python3-numpy python3-matplotlib python3-jsonschema
)
if [ "$(id -u)" -eq 0 ]; then
  apt=(apt-get)
elif command -v sudo >/dev/null 2>&1; then
  apt=(sudo apt-get)
else
  echo "install_deps.sh: run as root or install sudo" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
"${apt[@]}" update -qq
"${apt[@]}" install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
echo "install_deps.sh: installed ${packages[*]}"
