#!/bin/sh
# A throwaway PostgreSQL cluster for the delivery node's tests: a fresh cluster in a temp dir,
# listening on a free loopback port with trust authentication for 127.0.0.1 only (no socket
# login, nothing else), run as an unprivileged user (postgres when invoked as root).
#
#   sh scripts/with-postgres.sh CMD [ARGS...]   runs CMD with PARLEY_TEST_POSTGRES_URL set, then
#                                               stops and removes the cluster (on any exit)
#   sh scripts/with-postgres.sh --start         starts one and prints `url=...` and `dir=...`
#   sh scripts/with-postgres.sh --stop DIR      stops and removes the cluster started in DIR
#
# With PARLEY_TEST_POSTGRES_URL already set, CMD runs against that server instead. Durability
# (fsync) is off unless PARLEY_POSTGRES_DURABLE=1.
set -eu

find_bin() {
  if [ -n "${PARLEY_POSTGRES_BIN:-}" ]; then echo "$PARLEY_POSTGRES_BIN"; return; fi
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k5 -n -r); do
    [ -x "$dir/initdb" ] && { echo "$dir"; return; }
  done
  command -v initdb >/dev/null 2>&1 && { dirname "$(command -v initdb)"; return; }
  echo "with-postgres: no PostgreSQL server binaries (initdb, pg_ctl) found; run scripts/install-system-deps.sh (Debian package postgresql)" >&2
  exit 1
}

# Runs a server binary as the cluster's owner: root may not run postgres itself.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start_cluster() {
  bin=$(find_bin)
  # As root the cluster runs as postgres, which must reach the dir: /tmp, whatever TMPDIR says.
  parent=${TMPDIR:-/tmp}
  [ "$(id -u)" -eq 0 ] && parent=/tmp
  dir=$(mktemp -d "$parent/parley-pg.XXXXXX")
  if [ "$(id -u)" -eq 0 ]; then
    id postgres >/dev/null 2>&1 || { echo "with-postgres: running as root needs the 'postgres' user (Debian package postgresql)" >&2; rm -rf "$dir"; exit 1; }
    chown postgres "$dir"
  fi
  if ! as_owner "$bin/initdb" -D "$dir/data" -U parley --auth=trust -E UTF8 --locale=C --no-sync >"$dir/initdb.log" 2>&1; then
    cat "$dir/initdb.log" >&2
    rm -rf "$dir"
    exit 1
  fi
  printf 'host all all 127.0.0.1/32 trust\n' >"$dir/data/pg_hba.conf"
  cat >>"$dir/data/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
unix_socket_directories = '$dir'
max_connections = 300
EOF
  # A test cluster need not survive a power cut, so durability is off for speed, unless asked
  # for (the benchmark compares it with SQLite at synchronous=FULL).
  if [ -z "${PARLEY_POSTGRES_DURABLE:-}" ]; then
    printf 'fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n' >>"$dir/data/postgresql.conf"
  fi
  tries=0
  while :; do
    port=$(( $(od -An -N2 -tu2 /dev/urandom | tr -d ' ') % 30000 + 20000 ))
    if as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 -o "-p $port" start >/dev/null 2>&1; then break; fi
    tries=$((tries + 1))
    if [ "$tries" -ge 10 ]; then
      echo "with-postgres: the server did not start; its log:" >&2
      cat "$dir/server.log" >&2 2>/dev/null || true
      rm -rf "$dir"
      exit 1
    fi
  done
  echo "url=postgres://parley@127.0.0.1:$port/postgres"
  echo "dir=$dir"
}

stop_cluster() {
  dir=$1
  case "$dir" in */parley-pg.*) ;; *) echo "with-postgres: $dir is not a cluster this script started" >&2; exit 1 ;; esac
  if [ -f "$dir/data/postmaster.pid" ]; then
    as_owner "$(find_bin)/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$dir"
}

case "${1:-}" in
  --start) start_cluster; exit 0 ;;
  --stop) [ $# -eq 2 ] || { echo "usage: with-postgres.sh --stop DIR" >&2; exit 2; }; stop_cluster "$2"; exit 0 ;;
  "") echo "usage: with-postgres.sh CMD [ARGS...] | --start | --stop DIR" >&2; exit 2 ;;
esac

if [ -n "${PARLEY_TEST_POSTGRES_URL:-}" ]; then exec "$@"; fi
started=$(start_cluster)
PARLEY_TEST_POSTGRES_URL=$(echo "$started" | sed -n 's/^url=//p')
cluster_dir=$(echo "$started" | sed -n 's/^dir=//p')
export PARLEY_TEST_POSTGRES_URL
trap 'stop_cluster "$cluster_dir"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
set +e
"$@"
status=$?
set -e
exit "$status"
