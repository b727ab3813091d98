#!/usr/bin/env bash
# A private, throwaway PostgreSQL 15 cluster for tests and the example.
#
#   eval "$(scripts/pg.sh start)"   starts one; prints `export` lines:
#       RELCTL_TEST_PG_DIR, RELCTL_TEST_PG_PORT, RELCTL_TEST_PG_SOCKET,
#       RELCTL_TEST_PG_URL (password auth over TCP), RELCTL_TEST_PG_PASSWORD
#   scripts/pg.sh stop DIR          stops it and deletes DIR
#
# The cluster lives in a temp dir, listens on 127.0.0.1 on a free port with
# its socket in that dir, and runs as `postgres` when started by root
# (initdb refuses root). The machine's default cluster is never touched.
set -euo pipefail

bindir="$(pg_config --bindir 2>/dev/null || true)"
[ -x "$bindir/initdb" ] || bindir=/usr/lib/postgresql/15/bin
[ -x "$bindir/initdb" ] || { echo "pg.sh: initdb not found; install postgresql" >&2; exit 1; }

password='Tr0ub4dor&3!'
password_url='Tr0ub4dor%263%21'

as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

free_port() {
  local port
  for _ in $(seq 1 200); do
    port=$(( 20000 + RANDOM % 40000 ))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return; fi
  done
  echo "pg.sh: no free port found" >&2; exit 1
}

start() {
  local dir port
  dir="$(mktemp -d /tmp/relctl-pg.XXXXXX)"
  chmod 755 "$dir"
  [ "$(id -u)" -eq 0 ] && chown postgres: "$dir"
  port="$(free_port)"
  as_owner "$bindir/initdb" -D "$dir/data" -U postgres --auth-local=trust \
    --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 || {
    echo "pg.sh: initdb failed, see $dir/initdb.log" >&2; cat "$dir/initdb.log" >&2; exit 1; }
  as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
    -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c synchronous_commit=off" \
    start >/dev/null || { echo "pg.sh: server did not start, see $dir/server.log" >&2;
                         cat "$dir/server.log" >&2; exit 1; }
  as_owner "$bindir/psql" -h "$dir" -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 -q \
    -c "CREATE ROLE relctl_test LOGIN SUPERUSER PASSWORD '$password'" >/dev/null
  cat <<OUT
export RELCTL_TEST_PG_DIR='$dir'
export RELCTL_TEST_PG_PORT='$port'
export RELCTL_TEST_PG_SOCKET='$dir'
export RELCTL_TEST_PG_PASSWORD='$password'
export RELCTL_TEST_PG_URL='postgresql://relctl_test:$password_url@127.0.0.1:$port/postgres'
OUT
}

stop() {
  local dir="${1:?usage: pg.sh stop DIR}"
  case "$dir" in /tmp/relctl-pg.*) ;; *) echo "pg.sh: refusing to stop $dir" >&2; exit 1 ;; esac
  if [ -f "$dir/data/postmaster.pid" ]; then
    as_owner "$bindir/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$dir"
}

case "${1:-}" in
  start) start ;;
  stop) stop "${2:-}" ;;
  *) echo "usage: scripts/pg.sh start | stop DIR" >&2; exit 2 ;;
esac
