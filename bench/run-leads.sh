#!/usr/bin/env bash
# Prospects benchmark: N (default 1,000,000) leads in one store group on PostgreSQL, then the consultant's day and the
# pool page through the API as th.sales (and the sales manager's day, every consultant's counts), p50/p99; then an OEM
# batch of 10,000 leads imported through POST /api/v1/leads/batches, timed. Uses BENCH_POSTGRES or a throwaway cluster
# on 127.0.0.1. Traffic stays on 127.0.0.1; everything stops by itself.
#   bench/run-leads.sh [leads] [requests]
set -euo pipefail
cd "$(dirname "$0")/.."
total=${1:-1000000}
requests=${2:-400}
port=5081
work=$(mktemp -d /tmp/dcrc-lead-bench.XXXXXX)
source bench/lib.sh
pgurl="postgresql://postgres@127.0.0.1:$(sed -n 's/.*Port=\([0-9]*\).*/\1/p' <<<"$BENCH_POSTGRES")"
db="dcrc_lbench_$$"
psql "$pgurl/postgres" -qc "CREATE DATABASE $db" >/dev/null
connection="$BENCH_POSTGRES;Database=$db"

dotnet build src/Dcrc -c Release -nologo -v quiet >/dev/null
dotnet build bench/Dcrc.Bench -c Release -nologo -v quiet >/dev/null
export Dcrc__Database__Provider=postgres ConnectionStrings__Dcrc="$connection" Dcrc__Demo__Seed=true Dcrc__Demo__CustomersPerStore=0 \
  Dcrc__Secret="$(head -c 32 /dev/urandom | base64)" Dcrc__DataDirectory="$work" Dcrc__Jobs__Enabled=false Logging__LogLevel__Default=Warning
dotnet src/Dcrc/bin/Release/net10.0/Dcrc.dll --urls "http://127.0.0.1:$port" --contentRoot "$(pwd)/src/Dcrc" >"$work/app.log" 2>&1 &
app=$!
for _ in $(seq 1 90); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 1; done
# The demo is seeded in the background: wait for its users.
for _ in $(seq 1 120); do curl -sf -H 'Content-Type: application/json' -d '{"userName":"th.sales","password":"Dcrc#2026"}' "http://127.0.0.1:$port/api/v1/auth/token" >/dev/null && break; sleep 1; done
bench="dotnet bench/Dcrc.Bench/bin/Release/net10.0/Dcrc.Bench.dll"

echo "machine: $(nproc) cores, $(free -g | awk '/Mem/ {print $2}') GB; PostgreSQL $(psql --version | awk '{print $3}')"
$bench leads "$connection" "$total"
echo "  leads: $(psql "$pgurl/$db" -Atc 'SELECT count(*) FROM "Leads"'), th.sales following: $(psql "$pgurl/$db" -Atc "SELECT count(*) FROM \"Leads\" l JOIN \"AspNetUsers\" u ON u.\"Id\" = l.\"ConsultantUserId\" WHERE u.\"UserName\" = 'th.sales' AND l.\"State\" = 1"); load $(cut -d' ' -f1-3 /proc/loadavg)"
# The generator vacuumed the table; once more now that nothing else runs, so the visibility map is whole (a vacuum
# beside another transaction's snapshot leaves pages not all-visible, and the counts then read the heap).
psql "$pgurl/$db" -qc 'VACUUM (ANALYZE) "Leads"'
url="http://127.0.0.1:$port"
$bench measure-paths "$url" th.sales 'Dcrc#2026' "$requests" 4 /api/v1/leads/day "/api/v1/leads/pool?page=1&pageSize=50" "/api/v1/leads/pool?page=200&pageSize=50"
$bench measure-paths "$url" th.salesmgr 'Dcrc#2026' "$((requests / 4))" 2 /api/v1/leads/day
echo "  load $(cut -d' ' -f1-3 /proc/loadavg)"

$bench lead-batch-file "$work/batch.xlsx" 10000
token=$(curl -sf -H 'Content-Type: application/json' -d '{"userName":"th.crm","password":"Dcrc#2026"}' "$url/api/v1/auth/token" | python3 -c 'import json,sys; print(json.load(sys.stdin)["accessToken"])')
started=$(date +%s.%N)
status=$(curl -s -o "$work/batch.json" -w '%{http_code}' --max-time 300 -H "Authorization: Bearer $token" -F "file=@$work/batch.xlsx" -F "batchNumber=BENCH-$$" \
  -F "arrivedAt=$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$url/api/v1/leads/batches")
ended=$(date +%s.%N)
printf '  OEM batch of 10,000 leads: HTTP %s in %.1f s (%s)\n' "$status" "$(echo "$ended - $started" | bc)" "$(head -c 200 "$work/batch.json")"
