#!/usr/bin/env bash
# Load benchmark: starts DCRC (Release, SQLite in a temp dir, or PostgreSQL with BENCH_POSTGRES=<npgsql
# connection string>) on 127.0.0.1, then drives it with wrk for a fixed time per scenario and prints the
# latency percentiles. Traffic goes to 127.0.0.1 only; every run stops by itself.
#   bench/run.sh [seconds-per-scenario]   (default 15)
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-15}
port=5077
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }

dotnet build src/Dcrc -c Release -nologo -v quiet
data=$(mktemp -d /tmp/dcrc-bench.XXXXXX)
export Dcrc__DataDirectory=$data Dcrc__Demo__Seed=true Logging__LogLevel__Default=Warning
if [ -n "${BENCH_POSTGRES:-}" ]; then export Dcrc__Database__Provider=postgres ConnectionStrings__Dcrc=$BENCH_POSTGRES; fi
dotnet src/Dcrc/bin/Release/net10.0/Dcrc.dll --urls "http://127.0.0.1:$port" --contentRoot "$(pwd)/src/Dcrc" >"$data/app.log" 2>&1 &
app=$!
trap 'kill $app 2>/dev/null; wait $app 2>/dev/null; rm -rf "$data"' EXIT
for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 1; done

token=$(curl -sf -X POST "http://127.0.0.1:$port/api/v1/auth/token" -H 'content-type: application/json' \
  -d '{"userName":"th.crm","password":"Dcrc#2026"}' | sed 's/.*"accessToken":"\([^"]*\)".*/\1/')

scenario() {
  local name=$1; shift
  local out
  out=$(wrk -t2 -c16 -d"${duration}s" --latency "$@")
  local rps p50 p99
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1=="50%" {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  printf '| %-34s | %8s | %8s | %10s |\n' "$name" "$p50" "$p99" "$rps"
}

echo "machine: $(nproc) cores, $(free -g | awk '/Mem/ {print $2}') GB, $(uname -sr); database: ${Dcrc__Database__Provider:-sqlite}; wrk -t2 -c16 -d${duration}s"
echo "| scenario                           |      p50 |      p99 |      req/s |"
echo "|------------------------------------|---------:|---------:|-----------:|"
scenario "GET /health (database ping)" "http://127.0.0.1:$port/health"
scenario "GET /api/v1/me (token + permissions)" -H "Authorization: Bearer $token" "http://127.0.0.1:$port/api/v1/me"
scenario "GET /api/v1/stores (store-scoped query)" -H "Authorization: Bearer $token" "http://127.0.0.1:$port/api/v1/stores"
