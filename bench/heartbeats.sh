#!/usr/bin/env bash
# Learning-heartbeat benchmark (docs/BENCHMARKS.md, "Learning heartbeats"): builds the app and the bench in Release,
# starts a throwaway PostgreSQL cluster unless TRAINEVAL_BENCH_PG names a server, then runs
#   TrainEval.Bench heartbeats [options]   (seed → app as its own process → open-loop load → rate steps).
# Usage: bench/heartbeats.sh [--at <git-rev>] [--fsync on|off] [--learners 20000] [--interval 30] [--duration 120]
#                            [--rates 50,100,200,...] [--step-seconds 45] [--writer-rounds 3] [--keep] ...
# --fsync off (default) runs the cluster like test.sh (fsync=off, synchronous_commit=off): figures overstate durable
# throughput. --fsync on runs it durable (fsync=on, synchronous_commit=on). Ignored with TRAINEVAL_BENCH_PG.
# --at <git-rev> runs everything from a clean export of that revision (git archive), so edits in progress in the
# working tree do not end up in the figures; the commit is printed with the results. Not part of ./test.sh.
# bench/exams.sh runs this script with TRAINEVAL_BENCH_VERB=exams (same build, cluster and options handling).
set -euo pipefail
VERB=${TRAINEVAL_BENCH_VERB:-heartbeats}
cd "$(dirname "$0")/.."

FSYNC=off
AT=""
while [ $# -gt 0 ]; do
  case "$1" in
    --fsync) FSYNC=$2; shift 2 ;;
    --at) AT=$2; shift 2 ;;
    *) break ;;
  esac
done
case "$FSYNC" in on|off) ;; *) echo "--fsync on|off" >&2; exit 2 ;; esac

if [ -n "$AT" ]; then
  REV=$(git rev-parse --short "$AT")
  EXPORT=$(mktemp -d /tmp/traineval-bench-src.XXXXXX)
  git archive "$REV" | tar -x -C "$EXPORT"
  echo "$REV" > "$EXPORT/.bench-revision"
  echo "==> Clean export of $REV in $EXPORT"
  status=0
  "$EXPORT/bench/$VERB.sh" --fsync "$FSYNC" "$@" || status=$?
  rm -rf "$EXPORT"
  exit $status
fi
if [ -f .bench-revision ]; then
  echo "==> Revision $(cat .bench-revision) (clean export)"
elif command -v git >/dev/null 2>&1 && git rev-parse --git-dir >/dev/null 2>&1; then
  echo "==> Revision $(git rev-parse --short HEAD)$(git status --porcelain -- src bench | grep -q . && echo ' + uncommitted changes in src/ or bench/ (use --at HEAD for a clean build)')"
fi

echo "==> Building (Release)"
dotnet build bench/TrainEval.Bench -c Release -nologo -v quiet -p:UseSharedCompilation=false

if [ -z "${TRAINEVAL_BENCH_PG:-}" ]; then
  PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  PGDIR=$(mktemp -d /tmp/traineval-bench-pg.XXXXXX)
  PGPORT=${TRAINEVAL_BENCH_PG_PORT:-56432}
  while (echo > /dev/tcp/127.0.0.1/$PGPORT) >/dev/null 2>&1; do PGPORT=$((PGPORT + 1)); done
  as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
  cleanup() {
    as_pg "$PGBIN/pg_ctl" -D "$PGDIR/data" -m fast stop >/dev/null 2>&1 || true
    rm -rf "$PGDIR"
  }
  trap cleanup EXIT
  if [ "$(id -u)" -eq 0 ]; then chown postgres "$PGDIR"; fi
  as_pg "$PGBIN/initdb" -D "$PGDIR/data" -A trust -U postgres -E UTF8 --locale=C >/dev/null
  as_pg "$PGBIN/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/server.log" -w \
    -o "-p $PGPORT -k $PGDIR -c listen_addresses=127.0.0.1 -c fsync=$FSYNC -c synchronous_commit=$FSYNC -c max_connections=200" start >/dev/null
  echo "==> PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') throwaway cluster on port $PGPORT (fsync=$FSYNC, data in $PGDIR)"
  export TRAINEVAL_BENCH_PG="Host=127.0.0.1;Port=$PGPORT;Username=postgres"
fi

dotnet bench/TrainEval.Bench/bin/Release/net10.0/TrainEval.Bench.dll "$VERB" "$@"
