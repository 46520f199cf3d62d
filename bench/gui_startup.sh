#!/usr/bin/env bash
# GUI start-up benchmark: time from process start to a usable main window with an ml-100k project
# open (the project listed, the dataset loaded and its 1,682 items in the browser), and the
# resident memory with it open. Builds the project with recscope-cli, then runs
# `recscope --open P --quit-after-ready` RUNS times (default 5) under Qt's offscreen platform.
# Prints each run's ready_ms (measured inside the process from main() on), its wall time and
# peak RSS (/usr/bin/time), then the medians. Targets: ready < 1500 ms, RSS < 300 MB.
# Usage: bench/gui_startup.sh [BUILD_DIR] [RUNS]          (data: RECSCOPE_DATA_DIR)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
runs=${2:-5}
data=${RECSCOPE_DATA_DIR:-$root/../shared/data}
cli=$build/app/recscope-cli
gui=$build/app/recscope
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
$cli import --data "$data/ml-100k" --project "$work/ml-100k.rsproj" >/dev/null
$cli train --data "$work/ml-100k.rsproj" --model ease --project "$work/ml-100k.rsproj" >/dev/null
$cli eval --data "$work/ml-100k.rsproj" --models pop,ease --k 10,20 --bootstrap 0 --project "$work/ml-100k.rsproj" >/dev/null

echo "command: QT_QPA_PLATFORM=offscreen recscope --settings S --open ml-100k.rsproj --quit-after-ready"
printf "%-4s %10s %10s %10s\n" run ready_ms wall_ms rss_mb
ready=() wall=() rss=()
for i in $(seq 1 "$runs"); do
  start=$(date +%s%N)
  out=$(QT_QPA_PLATFORM=offscreen /usr/bin/time -f "rss_kb %M" "$gui" --settings "$work/settings.ini" \
        --open "$work/ml-100k.rsproj" --quit-after-ready 2>&1)
  end=$(date +%s%N)
  r=$(echo "$out" | awk '/^ready_ms/ {print $2}')
  m=$(echo "$out" | awk '/^rss_kb/ {printf "%.1f", $2/1024}')
  w=$(( (end - start) / 1000000 ))
  [ -n "$r" ] || { echo "run $i: no ready_ms in output:"; echo "$out"; exit 1; }
  printf "%-4s %10s %10s %10s\n" "$i" "$r" "$w" "$m"
  ready+=("$r"); wall+=("$w"); rss+=("$m")
done
median() { printf "%s\n" "$@" | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
echo "median ready_ms $(median "${ready[@]}")  wall_ms $(median "${wall[@]}")  rss_mb $(median "${rss[@]}")"
