#!/usr/bin/env bash
# Quick start 1: installs what is needed, builds in Release and starts the workbench.
# Arguments are passed on to the recscope executable.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/deps.sh"
"$root/scripts/build.sh"
exec "${BUILD_DIR:-$root/build}/app/recscope" "$@"
