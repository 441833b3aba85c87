#!/usr/bin/env bash
# Exam speed and durability benchmarks (docs/BENCHMARKS.md, "Exams (issue 6)"): P2 synchronized start, P3 autosave rate,
# S1 autosave while the app is killed with SIGKILL every 20-40 s, P5 submit burst with duplicates. Builds the app and the
# bench in Release, starts a throwaway PostgreSQL cluster (port 55433 or the next free one) unless TRAINEVAL_BENCH_PG
# names a server, then runs
#   TrainEval.Bench exams [options]   (seed → app as its own process → open-loop load → database checks).
# Usage: bench/exams.sh [--at <git-rev>] [--fsync on|off] [--phases p2,p3,s1,p5] [--candidates 5000] [--questions 100]
#                       [--start-seconds 10] [--p2-mode enter|page] [--learning-minutes 60] [--rate 2000] [--duration 600]
#                       [--s1-duration 600] [--kill-every 20-40] [--submit-seconds 60] [--duplicates 0.2]
#                       [--warmup-candidates 200] [--connections 256] [--keep]
# P2 --p2-mode enter (default): attempts seeded ready with every row the entry gate reads; each candidate POSTs Enter on
# /my/exams/{sitting} (journey gate, identity decision and exam commitment for the sitting, Start, Enter, events, audit)
# and GETs the attempt page it is redirected to. --p2-mode page: attempts seeded started and entered, P2 is only the GET
# of the attempt page (how the P2 figures in docs/BENCHMARKS.md up to commit 6d5e9ac were measured). --learning-minutes:
# the course's required effective time, seeded as credited 30 s ledger rows per candidate (enter mode). Without p2 in
# --phases the attempts are seeded entered.
# --start-seconds is P2's window, --duration P3's length, --s1-duration S1's, --submit-seconds and --duplicates P5's.
# --fsync and --at as in bench/heartbeats.sh. Not part of ./test.sh.
set -euo pipefail
export TRAINEVAL_BENCH_VERB=exams
export TRAINEVAL_BENCH_PG_PORT=${TRAINEVAL_BENCH_PG_PORT:-55433}
exec "$(dirname "$0")/heartbeats.sh" "$@"
