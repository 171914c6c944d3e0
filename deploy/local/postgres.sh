#!/usr/bin/env bash
# Local PostgreSQL 15 (Debian cluster 15/main) for Switchboard.
#   deploy/local/postgres.sh start|stop|status
# start: installs PostgreSQL if missing, makes cluster 15/main listen on 127.0.0.1:5432 only,
#        starts it if needed, and applies deploy/local/postgres/init.sql (roles, databases, schemas).
# stop:  stops the cluster only if this project started it (marker $LOCAL/run/postgres.started);
#        a PostgreSQL that was already running is left alone.
set -euo pipefail

SB_COMPONENT=postgres
# shellcheck source=deploy/local/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

PG_VERSION=15
PG_CLUSTER=main
PG_HOST=127.0.0.1
PG_PORT=5432
PG_CONF_DIR="/etc/postgresql/$PG_VERSION/$PG_CLUSTER"
PG_CONF_FILE="$PG_CONF_DIR/conf.d/50-switchboard-local.conf"
MARKER="$RUN_DIR/postgres.started"
INIT_SQL="$DEPLOY_LOCAL/postgres/init.sql"

installed() {
  command -v pg_ctlcluster >/dev/null 2>&1 && [[ -x "/usr/lib/postgresql/$PG_VERSION/bin/postgres" ]]
}

install_postgres() {
  info "PostgreSQL $PG_VERSION is not installed: installing the Debian 'postgresql' package"
  if ! as_root apt-get update; then
    fail "'apt-get update' failed; install PostgreSQL $PG_VERSION by hand (apt-get install postgresql) and retry"
  fi
  # 9>&-: the package may start the server, which must not inherit the component lock.
  if ! as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql 9>&-; then
    fail "'apt-get install -y postgresql' failed; install PostgreSQL $PG_VERSION by hand and retry"
  fi
  installed || fail "after installing 'postgresql', pg_ctlcluster or /usr/lib/postgresql/$PG_VERSION/bin/postgres is still missing (is the Debian release's PostgreSQL not $PG_VERSION?)"
}

cluster_exists() {
  pg_lsclusters -h 2>/dev/null | awk -v v="$PG_VERSION" -v c="$PG_CLUSTER" '$1 == v && $2 == c { found = 1 } END { exit !found }'
}

# cluster_status: 0 running, 3 stopped, 4 no cluster (pg_ctlcluster's codes).
cluster_running() {
  pg_ctlcluster "$PG_VERSION" "$PG_CLUSTER" status >/dev/null 2>&1
}

psql_admin() {
  # Run as the postgres OS user; SQL comes on stdin so that user needs no access to the repository.
  (cd / && as_root runuser -u postgres -- psql -X -q -v ON_ERROR_STOP=1 -p "$PG_PORT" "$@")
}

# ensure_config: 127.0.0.1:5432 only. Prints "changed" if the file was (re)written.
ensure_config() {
  local wanted
  wanted="# Managed by Switchboard deploy/local/postgres.sh: local development, loopback only.
listen_addresses = '$PG_HOST'
port = $PG_PORT
"
  if [[ -f "$PG_CONF_FILE" ]] && [[ "$(cat "$PG_CONF_FILE")" == "$(printf '%s' "$wanted")" ]]; then
    return 0
  fi
  info "writing $PG_CONF_FILE (listen_addresses='$PG_HOST', port=$PG_PORT)"
  printf '%s' "$wanted" | as_root tee "$PG_CONF_FILE" >/dev/null
  as_root chown postgres:postgres "$PG_CONF_FILE"
  echo changed
}

start() {
  lock_component postgres
  local installed_now=0
  if ! installed; then
    install_postgres
    installed_now=1
  fi
  if ! cluster_exists; then
    info "creating cluster $PG_VERSION/$PG_CLUSTER"
    as_root pg_createcluster --locale C.UTF-8 --encoding UTF8 "$PG_VERSION" "$PG_CLUSTER" 9>&- \
      || fail "pg_createcluster $PG_VERSION $PG_CLUSTER failed"
  fi

  local config_changed
  config_changed="$(ensure_config)"

  if cluster_running; then
    if [[ "$installed_now" -eq 1 ]]; then
      # The package's installation started it: that was us.
      touch "$MARKER"
    fi
    if [[ "$config_changed" == "changed" ]]; then
      info "configuration changed: restarting cluster $PG_VERSION/$PG_CLUSTER"
      as_root pg_ctlcluster "$PG_VERSION" "$PG_CLUSTER" restart 9>&- \
        || fail "pg_ctlcluster $PG_VERSION $PG_CLUSTER restart failed; see /var/log/postgresql/postgresql-$PG_VERSION-$PG_CLUSTER.log"
    else
      info "cluster $PG_VERSION/$PG_CLUSTER already running"
    fi
  else
    info "starting cluster $PG_VERSION/$PG_CLUSTER"
    # 9>&-: the server must not inherit the component lock.
    if ! as_root pg_ctlcluster "$PG_VERSION" "$PG_CLUSTER" start 9>&-; then
      show_log_tail "/var/log/postgresql/postgresql-$PG_VERSION-$PG_CLUSTER.log" 20
      fail "pg_ctlcluster $PG_VERSION $PG_CLUSTER start failed (log: /var/log/postgresql/postgresql-$PG_VERSION-$PG_CLUSTER.log)"
    fi
    touch "$MARKER"
  fi

  wait_for_port "$PG_HOST" "$PG_PORT" 30 \
    || fail "PostgreSQL is not accepting connections on $PG_HOST:$PG_PORT (log: /var/log/postgresql/postgresql-$PG_VERSION-$PG_CLUSTER.log)"

  info "applying $INIT_SQL"
  # Fed on stdin (the postgres user may not be able to read the checkout), with \ir includes inlined.
  awk -v dir="$(dirname "$INIT_SQL")" '/^\\ir /{ while ((getline line < (dir "/" $2)) > 0) print line; close(dir "/" $2); next } { print }' \
    "$INIT_SQL" | psql_admin -d postgres || fail "applying $INIT_SQL failed"

  # Smoke test: a service role logs in over TCP with its password.
  if ! PGPASSWORD=tenant_service PGCONNECT_TIMEOUT=5 psql -X -q -At -h "$PG_HOST" -p "$PG_PORT" \
        -U tenant_service -d switchboard -c 'select 1' >/dev/null; then
    fail "role tenant_service cannot log in to $PG_HOST:$PG_PORT/switchboard with a password; check $PG_CONF_DIR/pg_hba.conf allows 'host all all 127.0.0.1/32 scram-sha-256'"
  fi
  info "ready on $PG_HOST:$PG_PORT (databases switchboard, switchboard_test, switchboard_system, switchboard_bench)"
}

stop() {
  lock_component postgres
  if [[ ! -f "$MARKER" ]]; then
    if installed && cluster_running; then
      info "PostgreSQL $PG_VERSION/$PG_CLUSTER was not started by this project: leaving the system PostgreSQL running"
    else
      info "PostgreSQL is not running"
    fi
    return 0
  fi
  if cluster_running; then
    info "stopping cluster $PG_VERSION/$PG_CLUSTER (started by this project)"
    as_root pg_ctlcluster "$PG_VERSION" "$PG_CLUSTER" stop -m fast \
      || fail "pg_ctlcluster $PG_VERSION $PG_CLUSTER stop failed"
  else
    info "PostgreSQL is not running"
  fi
  rm -f "$MARKER"
}

status() {
  local who="system"
  [[ -f "$MARKER" ]] && who="started by this project"
  if installed && cluster_exists && cluster_running; then
    local pid=""
    pid="$(head -n1 "/var/run/postgresql/$PG_VERSION-$PG_CLUSTER.pid" 2>/dev/null || true)"
    echo "postgres: running (pid ${pid:-?}, $PG_HOST:$PG_PORT, cluster $PG_VERSION/$PG_CLUSTER, $who)"
  else
    echo "postgres: stopped"
    return 3
  fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *)
    echo "usage: $0 start|stop|status" >&2
    exit 2
    ;;
esac
