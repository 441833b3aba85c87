#!/usr/bin/env bash
# Exam speed and durability benchmarks (docs/BENCHMARKS.md, "Exams (issue 6)"): P2 synchronized start, P3 autosave rate,
# S1 autosave while the app is killed with SIGKILL every 20-40 s, P5 submit burst with duplicates. Builds the app and the
# bench in Release, starts a throwaway PostgreSQL cluster (port 55433 or the next free one) unless TRAINEVAL_BENCH_PG
# names a server, then runs
#   TrainEval.Bench exams [options]   (seed → app as its own process → open-loop load → database checks).
# Usage: bench/exams.sh [--at <git-rev>] [--fsync on|off] [--phases p2,p3,s1,p5] [--candidates 5000] [--questions 100]
#                       [--start-seconds 10] [--rate 2000] [--duration 600] [--s1-duration 600] [--kill-every 20-40]
#                       [--submit-seconds 60] [--duplicates 0.2] [--warmup-candidates 200] [--keep]
# --duration is P3's length, --s1-duration S1's. --fsync and --at as in bench/heartbeats.sh. Not part of ./test.sh.
set -euo pipefail
export TRAINEVAL_BENCH_VERB=exams
export TRAINEVAL_BENCH_PG_PORT=${TRAINEVAL_BENCH_PG_PORT:-55433}
exec "$(dirname "$0")/heartbeats.sh" "$@"
