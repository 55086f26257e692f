#!/usr/bin/env bash
# Runs every DCRC test: unit, integration (SQLite and PostgreSQL) and browser (Playwright + Chromium).
# On a fresh machine it first installs what is missing (Debian chromium, a CJK font, PostgreSQL), then
# starts a throwaway PostgreSQL cluster on 127.0.0.1 (temp dir, free port) and stops it at the end.
# Last line: "tests: N passed, M failed"; exit status non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")"
root=$(pwd)

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
fc-list 2>/dev/null | grep -qiE 'wenquanyi|wqy|noto sans cjk' || missing+=(fonts-wqy-microhei)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql postgresql-contrib)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing: ${missing[*]}"
  as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# --- throwaway PostgreSQL ------------------------------------------------------------------------
pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
pgdir=$(mktemp -d /tmp/dcrc-pg.XXXXXX)
port=54329
while (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
run_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" = 0 ] && chown postgres "$pgdir"
stop_pg() { run_pg "$pgbin/pg_ctl" -D "$pgdir/data" -m immediate stop >/dev/null 2>&1; rm -rf "$pgdir"; }
trap stop_pg EXIT
run_pg "$pgbin/initdb" -D "$pgdir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
run_pg "$pgbin/pg_ctl" -D "$pgdir/data" -l "$pgdir/log" -w \
  -o "-p $port -k $pgdir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
  start >/dev/null || { cat "$pgdir/log"; echo "tests: 0 passed, 1 failed"; exit 1; }
export DCRC_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Include Error Detail=true"
echo "PostgreSQL test cluster on 127.0.0.1:$port"

# --- build and run ---------------------------------------------------------------------------------
results="$root/TestResults"
rm -rf "$results"
mkdir -p "$results"
failed_runs=0
if ! dotnet build Dcrc.slnx -nologo -v quiet; then
  echo "tests: 0 passed, 1 failed"
  exit 1
fi
for project in tests/Dcrc.Tests tests/Dcrc.BrowserTests; do
  name=$(basename "$project")
  dotnet test "$project" --no-build -nologo --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=normal" \
    --results-directory "$results" || failed_runs=$((failed_runs + 1))
done

# --- the closing line, summed over the TRX files ----------------------------------------------------
passed=0; failed=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters"); p=${p:-0}
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters"); f=${f:-0}
  passed=$((passed + p)); failed=$((failed + f))
done
trx_count=$(ls "$results"/*.trx 2>/dev/null | wc -l)
# A test project that crashed before writing its results counts as a failure.
[ "$trx_count" -lt 2 ] && failed=$((failed + 2 - trx_count))
[ "$failed" -eq 0 ] && [ "$failed_runs" -gt 0 ] && failed=$failed_runs
echo "tests: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
