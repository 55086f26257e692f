#!/usr/bin/env bash
# Callback generation benchmark: the tasks of 100,000 and then N (default 1,000,000) vehicles' events — deliveries and
# closed repair orders over the 30-day look-back — generated on PostgreSQL through POST /api/v1/callbacks/generate
# (the same set-based statements the callbacks.generate job runs), timed; then a replay that must add nothing.
# Uses BENCH_POSTGRES (an Npgsql connection string to a server where it may create a database) or starts a throwaway
# cluster on 127.0.0.1. Traffic stays on 127.0.0.1; everything stops by itself.
#   bench/run-callbacks.sh [events]
set -euo pipefail
cd "$(dirname "$0")/.."
total=${1:-1000000}
first=100000
port=5079
work=$(mktemp -d /tmp/dcrc-callback-bench.XXXXXX)
source bench/lib.sh
pgurl="postgresql://postgres@127.0.0.1:$(sed -n 's/.*Port=\([0-9]*\).*/\1/p' <<<"$BENCH_POSTGRES")"
db="dcrc_cbench_$$"
psql "$pgurl/postgres" -qc "CREATE DATABASE $db" >/dev/null
connection="$BENCH_POSTGRES;Database=$db"

dotnet build src/Dcrc -c Release -nologo -v quiet >/dev/null
dotnet build bench/Dcrc.Bench -c Release -nologo -v quiet >/dev/null
export Dcrc__Database__Provider=postgres ConnectionStrings__Dcrc="$connection" Dcrc__Demo__Seed=true Dcrc__Demo__CustomersPerStore=0 \
  Dcrc__Secret="$(head -c 32 /dev/urandom | base64)" Dcrc__DataDirectory="$work" Dcrc__Jobs__Enabled=false Logging__LogLevel__Default=Warning
dotnet src/Dcrc/bin/Release/net10.0/Dcrc.dll --urls "http://127.0.0.1:$port" --contentRoot "$(pwd)/src/Dcrc" >"$work/app.log" 2>&1 &
app=$!
for _ in $(seq 1 90); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 1; done
bench="dotnet bench/Dcrc.Bench/bin/Release/net10.0/Dcrc.Bench.dll"
token=$(curl -sf -H 'Content-Type: application/json' -d '{"userName":"th.gm","password":"Dcrc#2026"}' "http://127.0.0.1:$port/api/v1/auth/token" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["accessToken"])')
generate() {
  local started ended
  started=$(date +%s.%N)
  result=$(curl -sf --max-time 900 -X POST -H "Authorization: Bearer $token" "http://127.0.0.1:$port/api/v1/callbacks/generate")
  ended=$(date +%s.%N)
  printf '  %s: %s in %.1f s\n' "$1" "$result" "$(echo "$ended - $started" | bc)"
}
tasks() { psql "$pgurl/$db" -Atc 'SELECT count(*) FROM "CallbackTasks"'; }

echo "machine: $(nproc) cores, $(free -g | awk '/Mem/ {print $2}') GB; PostgreSQL $(psql --version | awk '{print $3}')"
$bench callback-events "$connection" "$first"
generate "generation at $first events"
echo "  tasks: $(tasks)"
psql "$pgurl/$db" -qc 'TRUNCATE "CallbackTasks"'
$bench callback-events "$connection" $((total - first))
psql "$pgurl/$db" -qc 'VACUUM ANALYZE "CallbackTasks"'
generate "generation at $total events"
echo "  tasks: $(tasks)"
generate "replay at $total events (adds nothing)"
echo "  tasks: $(tasks)"
