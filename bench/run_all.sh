#!/usr/bin/env bash
# Runs every foundation benchmark and prints markdown for bench/RESULTS.md.
# Usage: bench/run_all.sh [build-dir] [section ...]   (default build/, every section)
#   sections: foundation llm sasrec   (build first with scripts/build.sh)
# Run on a quiet machine: the numpy references and our fits share the same 2 cores.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${1:-$root/build}"
export RECSCOPE_DATA_DIR="${RECSCOPE_DATA_DIR:-$root/../shared/data}"
cli="$build/app/recscope-cli"
shift $(( $# > 0 ? 1 : 0 ))
sections="${*:-foundation llm sasrec agent}"
want() { [[ " $sections " == *" $1 "* ]]; }

echo "## Machine"
echo "- $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(free -g | awk '/Mem:/{print $2}') GiB RAM, $(. /etc/os-release; echo "$PRETTY_NAME"), $(g++ --version | head -1)"
echo "- OpenBLAS $(dpkg-query -W -f='${Version}' libopenblas0-pthread 2>/dev/null || echo '?'), numpy $(/usr/bin/python3 -c 'import numpy; print(numpy.__version__)')"
echo "- date: $(date -u +%Y-%m-%d)"
echo
if want foundation; then
echo "## Accuracy: ml-100k (leave-one-out by time, all 943 users, full ranking, train items excluded)"
echo '```'
echo "$ recscope-cli eval --data \$DATA/ml-100k --models pop,itemknn,ease,als,bpr --k 10,20"
"$cli" eval --data "$RECSCOPE_DATA_DIR/ml-100k" --models pop,itemknn,ease,als,bpr --k 10,20 2>/dev/null
echo '```'
echo
echo "## Accuracy: Steam reviews (users with >= 5 reviews, duplicates removed)"
echo '```'
echo "$ recscope-cli eval --data \$DATA/steam/australian_user_reviews_derived.csv --mapping resources/mappings/steam-reviews.json --dedupe --min-user-interactions 5 --models pop,itemknn,ease,als,bpr --k 10,20"
"$cli" eval --data "$RECSCOPE_DATA_DIR/steam/australian_user_reviews_derived.csv" \
  --mapping "$root/resources/mappings/steam-reviews.json" --dedupe --min-user-interactions 5 \
  --models pop,itemknn,ease,als,bpr --k 10,20 2>/dev/null
echo '```'
echo "ALS's defaults were chosen on ml-100k; on this much sparser set (about 6 reviews per user) it"
echo "needs far stronger regularization:"
echo '```'
echo "$ recscope-cli eval ...same data and filters... --models als:reg=100,alpha=20 --k 10,20"
"$cli" eval --data "$RECSCOPE_DATA_DIR/steam/australian_user_reviews_derived.csv" \
  --mapping "$root/resources/mappings/steam-reviews.json" --dedupe --min-user-interactions 5 \
  --models als:reg=100,alpha=20 --k 10,20 2>/dev/null | tail -1
echo '```'
echo
echo "## Fit time against numpy references (same run, same training matrix)"
echo '```'
echo "$ bench/run_all.sh  (bench/fit_bench <dataset> <model>)"
echo '```'
echo "| dataset | params | users | items | positives | RecScope s | numpy s | speed-up | RecScope peak MiB | numpy peak MiB |"
echo "|---|---|---|---|---|---|---|---|---|---|"
"$build/bench/fit_bench" steam ease
"$build/bench/fit_bench" synthetic:8000x10000 ease
"$build/bench/fit_bench" ml-100k ease
"$build/bench/fit_bench" ml-100k als
"$build/bench/fit_bench" steam als
echo
echo "## Full ranking of every user with EASE, and import speed (Google Benchmark)"
echo '```'
"$build/bench/rank_bench" 2>/dev/null | grep -E '^BM_'
"$build/bench/import_bench" --benchmark_filter=Ml100k 2>/dev/null | grep -E '^BM_'
"$build/bench/import_bench" --benchmark_filter=Steam 2>/dev/null | grep -E '^BM_'
echo '```'
fi

if want llm; then
echo
echo "## LLM client overhead (scripted server on 127.0.0.1, answering instantly)"
echo '```'
echo "$ bench/llm_bench 1000 200"
"$build/bench/llm_bench" 1000 200
echo '```'
echo
echo "## Text retrieval on ml-100k (LLM4Rec protocol)"
echo '```'
echo "$ bench/retrieval_bench"
"$build/bench/retrieval_bench"
echo '```'
echo
echo "## FAISS on the Steam games catalog"
echo '```'
echo "$ bench/faiss_bench"
"$build/bench/faiss_bench"
echo '```'
echo
echo "## Title grounding (TitleMatcher)"
echo '```'
echo "$ bench/grounding_bench"
"$build/bench/grounding_bench"
echo '```'
fi

if want sasrec; then
echo
echo "## SASRec: training time against the same network in PyTorch, ml-100k accuracy"
echo '```'
echo "$ bench/sasrec_bench ml-100k; bench/sasrec_bench synthetic epochs=3; (PyTorch: bench/reference/sasrec_reference.py, 2 epochs)"
echo '```'
echo "| dataset | params | users | items | train interactions | epochs run (best) | fit s | our train s/epoch | our validation s/epoch | PyTorch train s/epoch | our peak MiB | PyTorch peak MiB | Recall@10 | NDCG@10 |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
"$build/bench/sasrec_bench" ml-100k 2>/dev/null
"$build/bench/sasrec_bench" synthetic epochs=3 2>/dev/null
echo
echo "Losses on ml-100k (leave-one-out, full ranking):"
echo '```'
echo "$ recscope-cli eval --data \$DATA/ml-100k --models ease,sasrec,sasrec:loss=sampled,sasrec:loss=bce --k 10,20"
"$cli" eval --data "$RECSCOPE_DATA_DIR/ml-100k" --models ease,sasrec,sasrec:loss=sampled,sasrec:loss=bce --k 10,20 2>/dev/null
echo '```'
fi
if want agent; then
echo
echo "## Agent: built-in planner turns (no LLM)"
echo '```'
echo "$ bench/agent_bench 100"
"$build/bench/agent_bench" 100
echo '```'
fi
