#!/usr/bin/env bash
# The whole Switchboard local stack: PostgreSQL, Kafka, Keycloak, the mail server, the object store (real processes,
# 127.0.0.1 only).
#   deploy/local/stack.sh start    postgres, then kafka, keycloak, mail and s3 in parallel
#   deploy/local/stack.sh stop     in reverse order (postgres only if this project started it)
#   deploy/local/stack.sh status   one line per component
#   deploy/local/stack.sh env      KEY=value facts for other tools (source-able)
set -euo pipefail

SB_COMPONENT=stack
# shellcheck source=deploy/local/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

component_log() {
  case "$1" in
    postgres) printf '%s' "/var/log/postgresql/postgresql-15-main.log" ;;
    *) printf '%s' "$LOG_DIR/$1.log" ;;
  esac
}

now_ms() { date +%s%3N; }

elapsed() {
  local ms=$(($(now_ms) - $1))
  printf '%d.%01ds' $((ms / 1000)) $(((ms % 1000) / 100))
}

# report_failure NAME STARTED_EPOCH_S: names the log and shows its end if this attempt wrote to it.
report_failure() {
  local name="$1" since="$2" log mtime=0
  log="$(component_log "$name")"
  printf '%s [stack] ERROR: %s failed to start (log: %s)\n' "$(date +%H:%M:%S)" "$name" "$log" >&2
  [[ -f "$log" ]] && mtime="$(stat -c %Y "$log" 2>/dev/null || echo 0)"
  if ((mtime >= since)); then
    show_log_tail "$log" 15
  else
    printf '%s [stack] (%s was not written by this attempt: the error above is the cause)\n' "$(date +%H:%M:%S)" "$log" >&2
  fi
}

start() {
  local t0 t pids=() names=() rc=0 i summary=() since
  t0="$(now_ms)"
  since="$(date +%s)"

  t="$(now_ms)"
  if ! "$DEPLOY_LOCAL/postgres.sh" start; then
    report_failure postgres "$since"
    exit 1
  fi
  summary+=("postgres $(elapsed "$t")")

  # Kafka, Keycloak, the mail server and the object store do not depend on each other: start them at once.
  local timings name
  timings="$(mktemp -d "$RUN_DIR/stack-start.XXXXXX")"
  # shellcheck disable=SC2064 # expand now: the local is gone when the trap runs
  trap "rm -rf '$timings'" EXIT
  for name in kafka keycloak mail s3; do
    (
      s="$(now_ms)"
      "$DEPLOY_LOCAL/$name.sh" start
      elapsed "$s" >"$timings/$name"
    ) &
    pids+=("$!")
    names+=("$name")
  done
  for i in "${!pids[@]}"; do
    if wait "${pids[$i]}"; then
      summary+=("${names[$i]} $(cat "$timings/${names[$i]}")")
    else
      rc=1
      report_failure "${names[$i]}" "$since"
    fi
  done
  if ((rc != 0)); then
    fail "stack start failed (see above); 'deploy/local/stack.sh status' shows what runs"
  fi
  local joined
  joined="$(printf '%s, ' "${summary[@]}")"
  info "stack ready in $(elapsed "$t0") (${joined%, })"
  status
}

stop() {
  local rc=0
  "$DEPLOY_LOCAL/s3.sh" stop || rc=1
  "$DEPLOY_LOCAL/mail.sh" stop || rc=1
  "$DEPLOY_LOCAL/keycloak.sh" stop || rc=1
  "$DEPLOY_LOCAL/kafka.sh" stop || rc=1
  "$DEPLOY_LOCAL/postgres.sh" stop || rc=1
  return "$rc"
}

status() {
  local name
  for name in postgres kafka keycloak mail s3; do
    "$DEPLOY_LOCAL/$name.sh" status || true
  done
}

read_secret() {
  local file="$SECRETS_DIR/$1"
  if [[ -s "$file" ]]; then
    cat "$file"
  else
    log "warning: $file does not exist yet (run 'deploy/local/stack.sh start' first)"
  fi
}

env_cmd() {
  cat <<EOF
SWITCHBOARD_LOCAL_DIR=$LOCAL
DB_HOST=127.0.0.1
DB_PORT=5432
DB_URL=jdbc:postgresql://127.0.0.1:5432/switchboard
DB_TEST_URL=jdbc:postgresql://127.0.0.1:5432/switchboard_test
DB_ROLES=tenant_service,telephony_service,routing_service,helpdesk_service,chat_service,webhook_dispatcher,asterisk
KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:9092
KEYCLOAK_URL=http://localhost:8180
KEYCLOAK_REALM=switchboard
KEYCLOAK_REALM_URL=http://localhost:8180/realms/switchboard
KEYCLOAK_ADMIN_USERNAME=admin
KEYCLOAK_ADMIN_PASSWORD=$(read_secret keycloak-admin-password)
KEYCLOAK_TEST_CLIENT_ID=switchboard-tests
KEYCLOAK_WEB_CLIENT_ID=switchboard-web
TENANT_SERVICE_CLIENT_ID=tenant-service
TENANT_SERVICE_CLIENT_SECRET=tenant-service-local-secret
SUPERADMIN_USERNAME=superadmin
SUPERADMIN_PASSWORD=$(read_secret superadmin-password)
MAIL_SMTP_HOST=127.0.0.1
MAIL_SMTP_PORT=3025
MAIL_IMAP_PORT=3143
MAIL_API_URL=http://127.0.0.1:8025
S3_ENDPOINT=http://127.0.0.1:8333
S3_REGION=us-east-1
S3_ACCESS_KEY=switchboard-local
S3_SECRET_KEY=switchboard-local-secret
EOF
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  env) env_cmd ;;
  *)
    echo "usage: $0 start|stop|status|env" >&2
    exit 2
    ;;
esac
