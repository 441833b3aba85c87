#!/usr/bin/env bash
# Installs what the tests need when it is missing (Debian: Chromium, CJK fonts, PostgreSQL server), then runs every
# test: unit, architecture, integration on SQLite AND on a throwaway PostgreSQL cluster started here, and browser.
# Usage: ./test.sh            (the command CI runs through .ci/run)
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$(pwd)

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v fc-list >/dev/null 2>&1 || need+=(fontconfig)
{ command -v fc-list >/dev/null 2>&1 && fc-list 2>/dev/null | grep -i "WenQuanYi Zen Hei" >/dev/null; } || need+=(fonts-wqy-zenhei)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
command -v npm >/dev/null 2>&1 || need+=(npm) # fetches the face models once at build time (tools/fetch-face-models.sh)
if [ "${#need[@]}" -gt 0 ]; then
  echo "==> Installing: ${need[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
echo "==> $(dotnet --version | sed 's/^/dotnet SDK /'); $(chromium --version 2>/dev/null || echo 'chromium missing')"
grep -o 'Microsoft.Playwright" Version="[^"]*"' Directory.Packages.props | sed 's/" Version="/ /; s/"//g; s/^/==> /'

echo "==> Building"
dotnet build TrainEval.slnx -c Debug -nologo -v quiet -p:UseSharedCompilation=false

# A throwaway PostgreSQL cluster on a free port, removed on exit.
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
PGDIR=$(mktemp -d /tmp/traineval-pg.XXXXXX)
PGPORT=55432
while (echo > /dev/tcp/127.0.0.1/$PGPORT) >/dev/null 2>&1; do PGPORT=$((PGPORT + 1)); done
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
cleanup() {
  as_pg "$PGBIN/pg_ctl" -D "$PGDIR/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$PGDIR"
}
trap cleanup EXIT
if [ "$(id -u)" -eq 0 ]; then chown postgres "$PGDIR"; fi
as_pg "$PGBIN/initdb" -D "$PGDIR/data" -A trust -U postgres -E UTF8 --locale=C --no-sync >/dev/null
as_pg "$PGBIN/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/server.log" -w \
  -o "-p $PGPORT -k $PGDIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c max_connections=200" start >/dev/null
echo "==> PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') throwaway cluster on port $PGPORT"

failed=()
run() {
  local name=$1; shift
  echo "==> $name"
  if ! "$@"; then failed+=("$name"); fi
}
TEST="dotnet test --no-build -nologo --logger console;verbosity=minimal"
run "unit tests" $TEST tests/TrainEval.UnitTests
run "face engine tests" $TEST tests/TrainEval.FaceEngine.Tests
run "architecture tests" $TEST tests/TrainEval.ArchitectureTests
run "integration tests (SQLite)" $TEST tests/TrainEval.IntegrationTests
run "integration tests (PostgreSQL)" env TRAINEVAL_TEST_PG="Host=127.0.0.1;Port=$PGPORT;Username=postgres" $TEST tests/TrainEval.IntegrationTests
run "browser tests (Chromium, PostgreSQL)" env TRAINEVAL_TEST_PG="Host=127.0.0.1;Port=$PGPORT;Username=postgres" \
  TRAINEVAL_SCREENSHOTS="$ROOT/artifacts/screenshots/postgres" $TEST tests/TrainEval.BrowserTests
run "browser tests (Chromium, SQLite)" env TRAINEVAL_SCREENSHOTS="$ROOT/artifacts/screenshots" $TEST tests/TrainEval.BrowserTests

if [ "${#failed[@]}" -gt 0 ]; then
  echo "==> FAILED: ${failed[*]}"
  exit 1
fi
echo "==> All tests passed (screenshots in artifacts/screenshots)"
