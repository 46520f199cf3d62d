#!/usr/bin/env bash
# Installs the Debian 12 packages RecScope needs to build, test and benchmark. Idempotent and
# non-interactive: when everything is installed already it touches nothing.
set -euo pipefail
PACKAGES=(
  build-essential cmake ninja-build pkg-config
  qt6-base-dev qt6-charts-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools libqt6opengl6-dev libgl-dev
  libfaiss-dev libsqlite3-dev sqlite3 libcurl4-openssl-dev nlohmann-json3-dev libcpp-httplib-dev
  libopenblas-dev liblapacke-dev
  libtorch-dev python3-torch
  libgtest-dev libgmock-dev libbenchmark-dev
  xvfb xauth python3-numpy time clang-format
)
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "deps: all ${#PACKAGES[@]} packages present"
  exit 0
fi
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
echo "deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
