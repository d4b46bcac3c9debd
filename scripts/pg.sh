#!/usr/bin/env bash
# A throwaway local PostgreSQL for tests and the demo, for machines without a Docker engine.
#
#   scripts/pg.sh start DATA_DIR PORT   initdb (first time) and start; prints the connection string
#   scripts/pg.sh stop DATA_DIR         stop fast
#   scripts/pg.sh restart DATA_DIR      restart (used by the "Postgres restarted" test)
#
# PostgreSQL refuses to run as root, so when we are root the server runs as the `postgres`
# user, which must own DATA_DIR. Authentication is `trust` on loopback only: these servers
# listen on 127.0.0.1 and hold nothing but test and demo data. PG_EXTRA_OPTS adds server
# options (the test script turns synchronous_commit off; benchmarks leave durability on).
set -euo pipefail

find_bin() {
  local dir
  for dir in /usr/lib/postgresql/*/bin; do
    if [[ -x "$dir/pg_ctl" ]]; then echo "$dir"; return 0; fi
  done
  return 1
}

ensure_installed() {
  if find_bin >/dev/null; then return 0; fi
  if [[ $(id -u) -ne 0 ]]; then
    echo "PostgreSQL server binaries not found and not root: install the 'postgresql' package" >&2
    exit 3
  fi
  echo "installing PostgreSQL from Debian packages..." >&2
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
  # The Debian package starts a cluster of its own on 5432; we do not use it.
  service postgresql stop >/dev/null 2>&1 || true
}

as_owner() {
  if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

cmd=${1:?usage: pg.sh start|stop|restart DATA_DIR [PORT]}
data=${2:?data directory required}

case "$cmd" in
  start)
    port=${3:?port required}
    ensure_installed
    bin=$(find_bin)
    mkdir -p "$data"
    if [[ $(id -u) -eq 0 ]]; then chown postgres: "$data"; chmod 700 "$data"; fi
    if [[ ! -f "$data/PG_VERSION" ]]; then
      as_owner "$bin/initdb" -D "$data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
    fi
    if ! as_owner "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
      # Sockets go to the data folder so no shared /var/run path is needed.
      as_owner "$bin/pg_ctl" -D "$data" -l "$data/server.log" -w -t 30 \
        -o "-p $port -k $data -c listen_addresses=127.0.0.1 -c max_connections=300 ${PG_EXTRA_OPTS:-}" \
        start >/dev/null
    fi
    echo "Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
    ;;
  stop)
    bin=$(find_bin) || exit 0
    if [[ -f "$data/PG_VERSION" ]]; then
      as_owner "$bin/pg_ctl" -D "$data" -m fast -w stop >/dev/null 2>&1 || true
    fi
    ;;
  restart)
    bin=$(find_bin)
    as_owner "$bin/pg_ctl" -D "$data" -m fast -w -t 30 restart >/dev/null
    ;;
  *)
    echo "unknown command: $cmd" >&2; exit 2 ;;
esac
