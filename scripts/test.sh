#!/usr/bin/env bash
# Quick start 2: installs what is needed, builds in Release and runs every test.
# Real datasets are read from RECSCOPE_DATA_DIR (default: ../shared/data beside the checkout).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/deps.sh"
"$root/scripts/build.sh"
export RECSCOPE_DATA_DIR="${RECSCOPE_DATA_DIR:-$root/../shared/data}"
export QT_QPA_PLATFORM=offscreen
"$root/scripts/check-format.sh"
cd "${BUILD_DIR:-$root/build}"
ctest --output-on-failure -j "${JOBS:-2}" --timeout 900
