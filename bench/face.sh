#!/usr/bin/env bash
# Face engine benchmark and evaluation (docs/BENCHMARKS.md, "Face engine (issue 5)"). Not part of ./test.sh.
#   bench/face.sh latency   Release build; latency per stage on 1 core (taskset -c 0) and on 2 cores (taskset -c 0,1)
#   bench/face.sh eval      FAR/FRR per threshold and liveness distributions (fetches the face-api samples once)
#   bench/face.sh turn|probe ARGS   measurement helpers (see bench/TrainEval.FaceBench/Program.cs)
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build bench/TrainEval.FaceBench -c Release -nologo -v quiet >/dev/null
BENCH=(dotnet bench/TrainEval.FaceBench/bin/Release/net10.0/TrainEval.FaceBench.dll)
case "${1:-latency}" in
  latency)
    shift || true
    echo "==> 1 core (taskset -c 0)"
    taskset -c 0 "${BENCH[@]}" latency "$@"
    echo
    echo "==> 2 cores (taskset -c 0,1)"
    taskset -c 0,1 "${BENCH[@]}" latency "$@"
    ;;
  *)
    "${BENCH[@]}" "$@"
    ;;
esac
