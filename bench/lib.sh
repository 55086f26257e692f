# Shared by the benchmark scripts (sourced): stop everything on exit, and a PostgreSQL to measure on — the one
# BENCH_POSTGRES names, or a throwaway cluster on 127.0.0.1 (shared_buffers 1 GB). Expects $work to be set.
cleanup() {
  [ -n "${app:-}" ] && kill "$app" 2>/dev/null && wait "$app" 2>/dev/null
  [ -n "${pgdir:-}" ] && runuser -u postgres -- "$pgbin/pg_ctl" -D "$pgdir/data" -m fast stop >/dev/null 2>&1
  rm -rf "$work" "${pgdir:-/nonexistent}"
}
trap cleanup EXIT

if [ -z "${BENCH_POSTGRES:-}" ]; then
  pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  pgdir=$(mktemp -d /tmp/dcrc-bench-pg.XXXXXX); chown postgres "$pgdir"
  pgport=54399; while (echo >"/dev/tcp/127.0.0.1/$pgport") 2>/dev/null; do pgport=$((pgport + 1)); done
  runuser -u postgres -- "$pgbin/initdb" -D "$pgdir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
  runuser -u postgres -- "$pgbin/pg_ctl" -D "$pgdir/data" -l "$pgdir/log" -w -o "-p $pgport -k $pgdir -c listen_addresses=127.0.0.1 -c shared_buffers=1GB -c max_wal_size=4GB" start >/dev/null
  BENCH_POSTGRES="Host=127.0.0.1;Port=$pgport;Username=postgres"
fi
