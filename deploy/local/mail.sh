#!/usr/bin/env bash
# Local mail server: GreenMail standalone (SMTP, IMAP and a REST API), 127.0.0.1 only.
#   deploy/local/mail.sh start|stop|status
# Jar from Maven Central (com.icegreen:greenmail-standalone) in $LOCAL/downloads; log $LOCAL/logs/mail.log;
# pid $LOCAL/run/mail.pid. Keycloak sends its e-mails (password reset links) here, and the helpdesk reads and sends
# tickets' mail here. Any address receives mail (the mailbox springs into existence) and any login is accepted over
# IMAP with its own address as the password; mail is kept in memory until GreenMail stops.
#   SMTP  127.0.0.1:3025      IMAP 127.0.0.1:3143
#   API   http://127.0.0.1:8025/api/user/{address}/messages/INBOX  (GreenMail's REST API, what tests read)
set -euo pipefail

SB_COMPONENT=mail
# shellcheck source=deploy/local/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

GREENMAIL_VERSION=2.1.8
MAIL_HOST=127.0.0.1
SMTP_PORT=3025
IMAP_PORT=3143
API_PORT=8025
JAR="$DOWNLOADS_DIR/greenmail-standalone-$GREENMAIL_VERSION.jar"
LOGFILE="$LOG_DIR/mail.log"
PIDFILE="$(pidfile_for mail)"
PID_MATCH="greenmail-standalone-$GREENMAIL_VERSION.jar"

ensure_jar() {
  [[ -s "$JAR" ]] && return 0
  info "downloading GreenMail $GREENMAIL_VERSION with Maven into $DOWNLOADS_DIR"
  mvnw_in "$DOWNLOADS_DIR" -q dependency:copy \
    -Dartifact="com.icegreen:greenmail-standalone:$GREENMAIL_VERSION" -DoutputDirectory="$DOWNLOADS_DIR" 9>&- \
    || fail "Maven could not download com.icegreen:greenmail-standalone:$GREENMAIL_VERSION"
  [[ -s "$JAR" ]] || fail "$JAR missing after the Maven download"
}

start() {
  lock_component mail
  select_java
  if pid_alive "$PIDFILE" "$PID_MATCH"; then
    info "already running (pid $(read_pid "$PIDFILE"), smtp $MAIL_HOST:$SMTP_PORT)"
    return 0
  fi
  rm -f "$PIDFILE"
  local port
  for port in "$SMTP_PORT" "$IMAP_PORT" "$API_PORT"; do
    port_open "$MAIL_HOST" "$port" \
      && fail "port $port on $MAIL_HOST is already in use by another process (not ours: no live pid in $PIDFILE)"
  done
  ensure_jar
  info "starting GreenMail (smtp $SMTP_PORT, imap $IMAP_PORT, api $API_PORT; log: $LOGFILE)"
  start_background mail "$LOGFILE" "$JAVA" -Xmx256m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC \
    -Dgreenmail.setup.test.smtp -Dgreenmail.setup.test.imap -Dgreenmail.auth.disabled \
    -Dgreenmail.hostname="$MAIL_HOST" -Dgreenmail.api.hostname="$MAIL_HOST" -Dgreenmail.api.port="$API_PORT" \
    -Dgreenmail.verbose=false -jar "$JAR"
  wait_for_http "http://$MAIL_HOST:$API_PORT/api/service/readiness" 60 \
    || { show_log_tail "$LOGFILE" 30; fail "GreenMail did not become ready (log: $LOGFILE)"; }
  info "ready (pid $(read_pid "$PIDFILE"))"
}

stop() {
  lock_component mail
  stop_pidfile mail 10 "$PID_MATCH"
}

status() {
  if pid_alive "$PIDFILE" "$PID_MATCH"; then
    echo "mail: running (pid $(read_pid "$PIDFILE"), smtp $MAIL_HOST:$SMTP_PORT, imap $MAIL_HOST:$IMAP_PORT, api http://$MAIL_HOST:$API_PORT)"
  else
    echo "mail: stopped"
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
