#!/usr/bin/env bash
# Starts (or stops) a throw-away PostgreSQL server on 127.0.0.1 for the store tests.
#   eval "$(tools/pg-test-server.sh start)"  -> exports INTERFANT_TEST_PG_URL and PG_TEST_DIR
#   tools/pg-test-server.sh stop "$PG_TEST_DIR"
set -euo pipefail
bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -n "$bindir" ] || { echo "pg-test-server: PostgreSQL server binaries not found" >&2; exit 1; }
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

case "${1:-}" in
  start)
    dir=$(mktemp -d /tmp/interfant-pg.XXXXXX)
    [ "$(id -u)" = 0 ] && chown postgres: "$dir"
    port=${PG_TEST_PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')}
    as_pg "$bindir/initdb" -D "$dir/data" -U interfant --auth=trust -E UTF8 --locale=C.UTF-8 --data-checksums >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; exit 1; }
    # The superuser `interfant` (tests, schema owner) is trusted; every other role
    # (the app users' own login roles) must give its password, by SCRAM.
    cat >"$dir/data/pg_hba.conf" <<'HBA'
local all all               trust
host  all interfant 127.0.0.1/32 trust
host  all interfant ::1/128      trust
host  all all       127.0.0.1/32 scram-sha-256
host  all all       ::1/128      scram-sha-256
HBA
    [ "$(id -u)" = 0 ] && chown postgres: "$dir/data/pg_hba.conf"
    as_pg "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-h 127.0.0.1 -p $port -k $dir -c fsync=on" start >/dev/null \
      || { cat "$dir/server.log" >&2; exit 1; }
    as_pg "$bindir/createdb" -h 127.0.0.1 -p "$port" -U interfant interfant_test
    echo "export PG_TEST_DIR=$dir"
    echo "export INTERFANT_TEST_PG_URL=postgresql+psycopg://interfant@127.0.0.1:$port/interfant_test"
    ;;
  stop)
    dir=${2:-${PG_TEST_DIR:-}}
    [ -n "$dir" ] && [ -d "$dir/data" ] || exit 0
    as_pg "$bindir/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$dir"
    ;;
  *) echo "usage: $0 start | stop [DIR]" >&2; exit 2 ;;
esac
