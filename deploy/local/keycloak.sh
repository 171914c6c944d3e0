#!/usr/bin/env bash
# Local Keycloak 26 (dev mode, H2 file database) with the Switchboard realm.
#   deploy/local/keycloak.sh start|stop|status
# Dist from Maven Central (org.keycloak:keycloak-quarkus-dist zip) unpacked under $LOCAL/keycloak;
# realm imported from deploy/local/keycloak/switchboard-realm.json; http://localhost:8180 bound to
# 127.0.0.1; log $LOCAL/logs/keycloak.log; pid $LOCAL/run/keycloak.pid.
# Secrets (generated once): $LOCAL/secrets/superadmin-password (realm user 'superadmin') and
# $LOCAL/secrets/keycloak-admin-password (master realm bootstrap admin 'admin').
set -euo pipefail

SB_COMPONENT=keycloak
# shellcheck source=deploy/local/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

KC_VERSION=26.7.3
KC_HOST=127.0.0.1
KC_PORT=8180
KC_URL="http://localhost:$KC_PORT"
KC_REALM=switchboard
KC_DIR="$LOCAL/keycloak"
KC_DIST="$KC_DIR/keycloak-$KC_VERSION"
KC_ZIP="$DOWNLOADS_DIR/keycloak-quarkus-dist-$KC_VERSION.zip"
KC_REALM_TEMPLATE="$DEPLOY_LOCAL/keycloak/switchboard-realm.json"
KC_REALM_RENDERED="$KC_DIST/data/import/switchboard-realm.json"
KC_REALM_SUM="$KC_DIR/realm.sha256"
LOGFILE="$LOG_DIR/keycloak.log"
PIDFILE="$(pidfile_for keycloak)"
# In the command line of kc.sh and of the JVM alike (guards against a reused pid).
PID_MATCH="$KC_DIST/bin/"
READY_URL="$KC_URL/realms/$KC_REALM/.well-known/openid-configuration"
START_TIMEOUT=180

ensure_unzip() {
  command -v unzip >/dev/null 2>&1 && return 0
  info "unzip is missing: installing the Debian 'unzip' package"
  if ! as_root apt-get update >/dev/null || ! as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y unzip 9>&-; then
    fail "unzip is missing and 'apt-get update && apt-get install -y unzip' failed"
  fi
}

ensure_dist() {
  if [[ -x "$KC_DIST/bin/kc.sh" ]]; then
    return 0
  fi
  if [[ ! -s "$KC_ZIP" ]]; then
    info "downloading Keycloak $KC_VERSION with Maven into $DOWNLOADS_DIR"
    # Run where there is no pom.xml: dependency:copy needs no project.
    mvnw_in "$DOWNLOADS_DIR" -q dependency:copy \
      -Dartifact="org.keycloak:keycloak-quarkus-dist:$KC_VERSION:zip" -DoutputDirectory="$DOWNLOADS_DIR" 9>&- \
      || fail "Maven could not download org.keycloak:keycloak-quarkus-dist:$KC_VERSION:zip"
    [[ -s "$KC_ZIP" ]] || fail "$KC_ZIP missing after the Maven download"
  fi
  ensure_unzip
  info "unpacking $KC_ZIP"
  local tmp="$KC_DIR/unpack.tmp"
  rm -rf "$tmp"
  mkdir -p "$tmp"
  unzip -q "$KC_ZIP" -d "$tmp" || fail "unzip of $KC_ZIP failed (corrupt download? delete it and retry)"
  [[ -x "$tmp/keycloak-$KC_VERSION/bin/kc.sh" ]] || fail "$KC_ZIP does not contain keycloak-$KC_VERSION/bin/kc.sh"
  rm -rf "$KC_DIST"
  mv "$tmp/keycloak-$KC_VERSION" "$KC_DIST"
  rm -rf "$tmp"
}

# render_realm: writes the realm with the superadmin password; if it differs from the last
# imported one (or the master admin password is new), drops the dev database so it is re-imported.
render_realm() {
  local fresh_admin_secret=0 superadmin_password sum
  [[ -s "$SECRETS_DIR/keycloak-admin-password" ]] || fresh_admin_secret=1
  KC_ADMIN_PASSWORD="$(ensure_secret keycloak-admin-password)"
  superadmin_password="$(ensure_secret superadmin-password)"

  mkdir -p "$(dirname "$KC_REALM_RENDERED")"
  (umask 077 && sed "s/__SUPERADMIN_PASSWORD__/$superadmin_password/g" "$KC_REALM_TEMPLATE" >"$KC_REALM_RENDERED.tmp")
  mv "$KC_REALM_RENDERED.tmp" "$KC_REALM_RENDERED"
  sum="$(sha256sum "$KC_REALM_RENDERED" | cut -d' ' -f1)"

  if [[ -d "$KC_DIST/data/h2" ]]; then
    if [[ "$fresh_admin_secret" -eq 1 ]]; then
      info "new Keycloak admin password: deleting the dev database $KC_DIST/data/h2 so the bootstrap admin is recreated"
      rm -rf "$KC_DIST/data/h2"
    elif [[ ! -f "$KC_REALM_SUM" || "$(cat "$KC_REALM_SUM")" != "$sum" ]]; then
      info "realm file changed since the last import: deleting the dev database $KC_DIST/data/h2 to re-import realm '$KC_REALM' fresh"
      rm -rf "$KC_DIST/data/h2"
    fi
  fi
  REALM_SUM="$sum"
}

# realm_changed: whether the realm file differs from the one the running Keycloak imported.
realm_changed() {
  [[ -f "$KC_REALM_SUM" && -s "$SECRETS_DIR/superadmin-password" ]] || return 1
  local sum
  sum="$(sed "s/__SUPERADMIN_PASSWORD__/$(cat "$SECRETS_DIR/superadmin-password")/g" "$KC_REALM_TEMPLATE" \
    | sha256sum | cut -d' ' -f1)"
  [[ "$(cat "$KC_REALM_SUM")" != "$sum" ]]
}

# Processes running out of our dist (the JVM's -Dkc.home.dir points into it).
our_processes() {
  pgrep -f -- "-Dkc.home.dir=$KC_DIST/bin/.." || true
}

wait_until_ready() {
  local deadline=$((SECONDS + START_TIMEOUT)) code
  while true; do
    code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$READY_URL" 2>/dev/null || true)"
    [[ "$code" == "200" ]] && return 0
    if ! pid_alive "$PIDFILE"; then
      show_log_tail "$LOGFILE" 40
      fail "Keycloak exited during startup (log: $LOGFILE)"
    fi
    if ((SECONDS >= deadline)); then
      show_log_tail "$LOGFILE" 40
      fail "Keycloak did not serve $READY_URL within ${START_TIMEOUT}s (last HTTP status: ${code:-none}; log: $LOGFILE)"
    fi
    sleep 0.5
  done
}

start() {
  lock_component keycloak
  select_java
  if pid_alive "$PIDFILE" "$PID_MATCH"; then
    if ! realm_changed; then
      info "already running (pid $(read_pid "$PIDFILE"), $KC_URL)"
      return 0
    fi
    info "$KC_REALM_TEMPLATE changed since Keycloak started: restarting it to re-import realm '$KC_REALM'"
    stop_pidfile keycloak 60 "$PID_MATCH"
  fi
  rm -f "$PIDFILE"
  if port_open "$KC_HOST" "$KC_PORT"; then
    fail "port $KC_PORT on $KC_HOST is already in use by another process (not ours: no live pid in $PIDFILE)"
  fi
  local stray
  stray="$(our_processes)"
  [[ -z "$stray" ]] || fail "Keycloak processes from $KC_DIST still run without a pid file (pids: $(echo "$stray" | tr '\n' ' ')); stop them first"

  ensure_dist
  render_realm

  info "starting on $KC_URL (log: $LOGFILE; the first start takes about a minute)"
  # kc.sh runs the JVM as its child (and may exec a second JVM after a re-augmentation);
  # start_background makes kc.sh a session/group leader so stop can signal the whole group.
  start_background keycloak "$LOGFILE" env \
    JAVA_HOME="$JAVA_HOME" \
    KC_BOOTSTRAP_ADMIN_USERNAME=admin \
    KC_BOOTSTRAP_ADMIN_PASSWORD="$KC_ADMIN_PASSWORD" \
    "$KC_DIST/bin/kc.sh" start-dev \
    --http-host="$KC_HOST" \
    --http-port="$KC_PORT" \
    --hostname="$KC_URL" \
    --http-management-host="$KC_HOST" \
    --import-realm
  wait_until_ready
  printf '%s\n' "$REALM_SUM" >"$KC_REALM_SUM"
  info "ready on $KC_URL (pid $(read_pid "$PIDFILE")); realm '$KC_REALM'"
}

stop() {
  lock_component keycloak
  stop_pidfile keycloak 60 "$PID_MATCH"
  local left
  left="$(our_processes)"
  if [[ -n "$left" ]]; then
    info "Keycloak processes still running from $KC_DIST (pids: $(echo "$left" | tr '\n' ' ')): killing them"
    # shellcheck disable=SC2086 # one pid per word
    kill -KILL $left 2>/dev/null || true
  fi
}

status() {
  if pid_alive "$PIDFILE" "$PID_MATCH"; then
    echo "keycloak: running (pid $(read_pid "$PIDFILE"), $KC_URL, realm $KC_REALM)"
  else
    echo "keycloak: stopped"
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
