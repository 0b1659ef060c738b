#!/bin/sh
# Installs PostgreSQL from Debian's packages when missing, starts a throwaway
# cluster on 127.0.0.1 (not the system cluster) and prints the URL the tests
# read:  STORYLINE_TEST_PG=postgres://postgres@127.0.0.1:PORT/storyline_test
#
#   eval "$(scripts/ci-postgres.sh)"      # exports STORYLINE_TEST_PG
#   scripts/ci-postgres.sh stop           # stops the cluster
#
# Environment: STORYLINE_PG_PORT (default 54329), STORYLINE_PG_DIR (default /tmp/storyline-pg-$PORT).
# The cluster is for tests: fsync is off and local connections are trusted.
set -eu

PORT="${STORYLINE_PG_PORT:-54329}"
DIR="${STORYLINE_PG_DIR:-/tmp/storyline-pg-$PORT}"
DB=storyline_test

log() { echo "ci-postgres: $*" >&2; }

find_bin() {
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [ -x "$d/initdb" ]; then echo "$d"; return 0; fi
  done
  return 1
}

if ! BIN="$(find_bin)"; then
  log "installing postgresql (apt-get)"
  if [ "$(id -u)" -ne 0 ]; then log "not root: install postgresql first (apt-get install -y postgresql)"; exit 1; fi
  DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
  BIN="$(find_bin)"
fi

# PostgreSQL refuses to run as root: run its tools as the `postgres` user when we are root.
as_pg() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

if [ "${1:-start}" = "stop" ]; then
  as_pg "$BIN/pg_ctl" -D "$DIR" -m fast stop >&2 || true
  exit 0
fi

if ! "$BIN/pg_isready" -q -h 127.0.0.1 -p "$PORT"; then
  if [ ! -f "$DIR/PG_VERSION" ]; then
    mkdir -p "$DIR"
    [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$DIR"
    log "initdb $DIR"
    as_pg "$BIN/initdb" -D "$DIR" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
    cat >>"$DIR/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $PORT
unix_socket_directories = '$DIR'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 200
shared_buffers = 128MB
CONF
  fi
  log "starting on 127.0.0.1:$PORT"
  as_pg "$BIN/pg_ctl" -D "$DIR" -l "$DIR/server.log" -w -t 60 start >&2
fi

if ! "$BIN/psql" -h 127.0.0.1 -p "$PORT" -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname='$DB'" | grep -q 1; then
  "$BIN/psql" -h 127.0.0.1 -p "$PORT" -U postgres -qc "CREATE DATABASE $DB" >&2
fi

echo "export STORYLINE_TEST_PG=postgres://postgres@127.0.0.1:$PORT/$DB"
