#!/usr/bin/env bash
# The Switchboard services, run from their built jars against the local stack.
#   deploy/local/services.sh start    start every built service not running yet, wait until each is ready
#   deploy/local/services.sh stop     stop the services this script started (by pid file)
#   deploy/local/services.sh status   one line per service
# Logs: $LOCAL/logs/<service>.log; pids: $LOCAL/run/<service>.pid. Build first: make build.
set -euo pipefail

SB_COMPONENT=services
# shellcheck source=deploy/local/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

# name:port of every service built so far, in start order.
SERVICES=(
  tenant-service:8081
  telephony-service:8082
  routing-service:8083
  helpdesk-service:8084
  chat-service:8085
  webhook-dispatcher:8086
  gateway:8080
)
READY_TIMEOUT=120

# service_env NAME: the environment a service needs for a local run, one KEY=value per line.
service_env() {
  case "$1" in
    telephony-service)
      # Calls are decided by routing-service (direct routing while it does not answer).
      printf 'ROUTING_URL=http://127.0.0.1:8083\n'
      ;;
    routing-service)
      # A local AES key for webhook-route signing secrets at rest, generated once; local webhook receivers allowed.
      printf 'SWITCHBOARD_ROUTING_ENCRYPTION_KEY=%s\n' "$(local_key routing-encryption-key)"
      printf 'SWITCHBOARD_ROUTING_WEBHOOK_ALLOW_PRIVATE=true\n'
      printf 'SWITCHBOARD_ROUTING_WEBHOOK_REQUIRE_HTTPS=false\n'
      ;;
    helpdesk-service)
      # A local AES key for mailbox passwords at rest, generated once; the local mail server (127.0.0.1) is allowed.
      printf 'SWITCHBOARD_HELPDESK_ENCRYPTION_KEY=%s\n' "$(local_key helpdesk-encryption-key)"
      printf 'SWITCHBOARD_HELPDESK_MAIL_ALLOW_PRIVATE=true\n'
      ;;
    chat-service)
      # A local HMAC key for visitor session tokens and agent socket tickets, generated once.
      printf 'SWITCHBOARD_CHAT_TOKEN_KEY=%s\n' "$(local_key chat-token-key)"
      ;;
    webhook-dispatcher)
      # A local AES key for secrets at rest, generated once; local receivers (http, 127.0.0.1) are allowed.
      printf 'SWITCHBOARD_WEBHOOK_ENCRYPTION_KEY=%s\n' "$(local_key webhook-encryption-key)"
      printf 'SWITCHBOARD_WEBHOOK_TARGETS_ALLOW_PRIVATE=true\n'
      printf 'SWITCHBOARD_WEBHOOK_TARGETS_REQUIRE_HTTPS=false\n'
      ;;
  esac
}

# local_key NAME: base64 of 32 random bytes, kept in $SECRETS_DIR/NAME.
local_key() {
  local file="$SECRETS_DIR/$1"
  if [[ ! -s "$file" ]]; then
    (umask 077 && head -c 32 /dev/urandom | base64 >"$file")
  fi
  cat "$file"
}

start_one() {
  local name="$1" port="$2" jar pidfile
  jar="$ROOT/$name/target/quarkus-app/quarkus-run.jar"
  pidfile="$(pidfile_for "$name")"
  if pid_alive "$pidfile"; then
    info "$name already running (pid $(read_pid "$pidfile"))"
    return 0
  fi
  [[ -f "$jar" ]] || fail "$jar is missing: build first with 'make build'"
  if port_open 127.0.0.1 "$port"; then
    fail "port $port is taken by another process: stop it, or stop the old $name ('ss -ltnp | grep $port')"
  fi
  info "starting $name on http://localhost:$port"
  local -a environment
  mapfile -t environment < <(service_env "$name")
  start_background "$name" "$LOG_DIR/$name.log" env "${environment[@]}" "$JAVA" -Xmx384m -jar "$jar"
}

wait_ready() {
  local name="$1" port="$2"
  if ! wait_for_http "http://127.0.0.1:$port/q/health/ready" "$READY_TIMEOUT"; then
    show_log_tail "$LOG_DIR/$name.log" 30
    fail "$name is not ready after ${READY_TIMEOUT}s (log: $LOG_DIR/$name.log)"
  fi
  info "$name ready"
}

start() {
  select_java
  local entry
  for entry in "${SERVICES[@]}"; do
    start_one "${entry%%:*}" "${entry##*:}"
  done
  for entry in "${SERVICES[@]}"; do
    wait_ready "${entry%%:*}" "${entry##*:}"
  done
}

stop() {
  local i entry
  for ((i = ${#SERVICES[@]} - 1; i >= 0; i--)); do
    entry="${SERVICES[$i]}"
    stop_pidfile "${entry%%:*}" 30
  done
}

status() {
  local entry name port pidfile
  for entry in "${SERVICES[@]}"; do
    name="${entry%%:*}"
    port="${entry##*:}"
    pidfile="$(pidfile_for "$name")"
    if pid_alive "$pidfile"; then
      printf '%-20s running  pid %-7s http://localhost:%s\n' "$name" "$(read_pid "$pidfile")" "$port"
    else
      printf '%-20s stopped\n' "$name"
    fi
  done
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
