#!/usr/bin/env bash
# Archive benchmark: screen pop and search latency through the HTTP API at 10,000 and at N customers
# (default 1,000,000; 1.2 vehicles each) on PostgreSQL. Uses BENCH_POSTGRES (an Npgsql connection string to a
# server where it may create a database) or starts a throwaway cluster on 127.0.0.1. Traffic stays on
# 127.0.0.1; everything stops by itself.
#   bench/run-archive.sh [customers] [requests-per-scenario]
set -euo pipefail
cd "$(dirname "$0")/.."
total=${1:-1000000}
requests=${2:-400}
first=10000
port=5078
work=$(mktemp -d /tmp/dcrc-archive-bench.XXXXXX)
source bench/lib.sh
db="dcrc_bench_$$"
psql "postgresql://postgres@127.0.0.1:$(sed -n 's/.*Port=\([0-9]*\).*/\1/p' <<<"$BENCH_POSTGRES")/postgres" -qc "CREATE DATABASE $db" >/dev/null
connection="$BENCH_POSTGRES;Database=$db"

dotnet build src/Dcrc -c Release -nologo -v quiet >/dev/null
dotnet build bench/Dcrc.Bench -c Release -nologo -v quiet >/dev/null
secret=$(head -c 32 /dev/urandom | base64)
export Dcrc__Database__Provider=postgres ConnectionStrings__Dcrc="$connection" Dcrc__Demo__Seed=true Dcrc__Demo__CustomersPerStore=0 \
  Dcrc__Secret="$secret" Dcrc__DataDirectory="$work" Logging__LogLevel__Default=Warning
dotnet src/Dcrc/bin/Release/net10.0/Dcrc.dll --urls "http://127.0.0.1:$port" --contentRoot "$(pwd)/src/Dcrc" >"$work/app.log" 2>&1 &
app=$!
for _ in $(seq 1 90); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 1; done
bench="dotnet bench/Dcrc.Bench/bin/Release/net10.0/Dcrc.Bench.dll"

echo "machine: $(nproc) cores, $(free -g | awk '/Mem/ {print $2}') GB; PostgreSQL $(psql --version | awk '{print $3}'); $requests requests per scenario, 4 in parallel"
$bench generate "$connection" "$first" "$secret" "$work/samples.json"
echo "at $first customers (load average $(cut -d' ' -f1-3 /proc/loadavg)):"
$bench measure "http://127.0.0.1:$port" th.crm 'Dcrc#2026' "$work/samples.json" "$requests" 4
if [ "$total" -gt "$first" ]; then
  $bench generate "$connection" $((total - first)) "$secret" "$work/samples.json"
  echo "at $total customers (load average $(cut -d' ' -f1-3 /proc/loadavg)):"
  $bench measure "http://127.0.0.1:$port" th.crm 'Dcrc#2026' "$work/samples.json" "$requests" 4
fi
