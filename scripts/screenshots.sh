#!/usr/bin/env bash
# Writes a PNG of every workbench panel with real data into docs/screenshots/: one set for
# ml-100k (prefix ml100k-) and one for Steam (prefix steam-). Each project is built with
# recscope-cli (import, train, evaluate), then `recscope --open P --screenshots DIR` visits the
# panels and grabs them. Runs under xvfb-run when it is installed, else with Qt's offscreen
# platform. Usage: scripts/screenshots.sh [BUILD_DIR] [OUT_DIR]   (data: RECSCOPE_DATA_DIR)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
out=${2:-$root/docs/screenshots}
data=${RECSCOPE_DATA_DIR:-$root/../shared/data}
cli=$build/app/recscope-cli
gui=$build/app/recscope
for f in "$cli" "$gui"; do [ -x "$f" ] || { echo "missing $f: build first (scripts/build.sh)" >&2; exit 1; }; done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"

echo "== ml-100k project"
$cli import --data "$data/ml-100k" --project "$work/ml-100k.rsproj" >/dev/null 2>&1
$cli train --data "$work/ml-100k.rsproj" --model ease:lambda=300 --project "$work/ml-100k.rsproj" >/dev/null 2>&1
$cli eval --data "$work/ml-100k.rsproj" --models pop,itemknn,ease:lambda=300 --k 5,10,20 --bootstrap 0 \
  --project "$work/ml-100k.rsproj" >/dev/null 2>&1

run_gui() {
  if command -v xvfb-run >/dev/null; then
    xvfb-run -a -s "-screen 0 1400x900x24" "$gui" "$@"
  else
    QT_QPA_PLATFORM=offscreen "$gui" "$@"
  fi
}
run_gui --settings "$work/settings.ini" --open "$work/ml-100k.rsproj" --screenshots "$out" \
  --screenshot-prefix ml100k- --screenshot-import "$data/ml-100k"

echo "== Steam project (games catalog and reviews)"
cp "$root/resources/mappings/steam.json" "$work/steam.json"
$cli import --data "$data/steam" --mapping "$work/steam.json" --skip-bad-lines --name steam \
  --project "$work/steam.rsproj" >/dev/null 2>&1
$cli eval --data "$work/steam.rsproj" --dedupe --min-user-interactions 5 --models pop,itemknn,ease:lambda=300 \
  --k 5,10,20 --bootstrap 0 --project "$work/steam.rsproj" >/dev/null 2>&1

run_gui --settings "$work/settings.ini" --open "$work/steam.rsproj" --screenshots "$out" \
  --screenshot-prefix steam- --screenshot-import "$data/steam/australian_user_reviews_derived.csv"
ls -1 "$out"/*.png
