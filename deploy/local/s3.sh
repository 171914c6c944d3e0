#!/usr/bin/env bash
# Local object store: S3Proxy (the S3 API over a folder), 127.0.0.1 only.
#   deploy/local/s3.sh start|stop|status
# Jar from Maven Central (org.gaul:s3proxy, classifier jar-with-dependencies) in $LOCAL/downloads; objects in
# $LOCAL/s3/<bucket>/<key> (filesystem-nio2 blob store); configuration $LOCAL/s3proxy.conf; log $LOCAL/logs/s3.log;
# pid $LOCAL/run/s3.pid. helpdesk-service keeps ticket attachments here and chat-service chat uploads, through the AWS
# SDK with path-style addressing. The credentials are fixed and public: they only guard a local folder.
#   S3 API  http://127.0.0.1:8333   region us-east-1   access key switchboard-local   secret switchboard-local-secret
# The services create their bucket (switchboard) on first use when it is missing, so the same code runs against any
# S3 store (S3, MinIO, Ceph RGW); this script creates none.
set -euo pipefail

SB_COMPONENT=s3
# shellcheck source=deploy/local/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

S3PROXY_VERSION=4.1.0
S3_HOST=127.0.0.1
S3_PORT=8333
S3_ACCESS_KEY=switchboard-local
S3_SECRET_KEY=switchboard-local-secret
S3_DATA="$LOCAL/s3"
CONF="$LOCAL/s3proxy.conf"
JAR="$DOWNLOADS_DIR/s3proxy-$S3PROXY_VERSION-jar-with-dependencies.jar"
LOGFILE="$LOG_DIR/s3.log"
PIDFILE="$(pidfile_for s3)"
PID_MATCH="s3proxy-$S3PROXY_VERSION-jar-with-dependencies.jar"

ensure_jar() {
  [[ -s "$JAR" ]] && return 0
  info "downloading S3Proxy $S3PROXY_VERSION with Maven into $DOWNLOADS_DIR"
  mvnw_in "$DOWNLOADS_DIR" -q dependency:copy \
    -Dartifact="org.gaul:s3proxy:$S3PROXY_VERSION:jar:jar-with-dependencies" -DoutputDirectory="$DOWNLOADS_DIR" 9>&- \
    || fail "Maven could not download org.gaul:s3proxy:$S3PROXY_VERSION (jar-with-dependencies)"
  [[ -s "$JAR" ]] || fail "$JAR missing after the Maven download"
}

write_conf() {
  mkdir -p "$S3_DATA"
  cat >"$CONF" <<EOF
# written by deploy/local/s3.sh at every start
s3proxy.endpoint=http://$S3_HOST:$S3_PORT
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=$S3_ACCESS_KEY
s3proxy.credential=$S3_SECRET_KEY
jclouds.provider=filesystem-nio2
jclouds.filesystem.basedir=$S3_DATA
EOF
}

# ready: S3Proxy answers the S3 API (an unsigned request is refused with an S3 error: the server is up).
ready() {
  local code
  code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "http://$S3_HOST:$S3_PORT/" 2>/dev/null || true)"
  [[ "$code" =~ ^[2-4][0-9][0-9]$ ]]
}

start() {
  lock_component s3
  select_java
  if pid_alive "$PIDFILE" "$PID_MATCH"; then
    info "already running (pid $(read_pid "$PIDFILE"), http://$S3_HOST:$S3_PORT)"
    return 0
  fi
  rm -f "$PIDFILE"
  port_open "$S3_HOST" "$S3_PORT" \
    && fail "port $S3_PORT on $S3_HOST is already in use by another process (not ours: no live pid in $PIDFILE)"
  ensure_jar
  write_conf
  info "starting S3Proxy (http://$S3_HOST:$S3_PORT, data $S3_DATA; log: $LOGFILE)"
  start_background s3 "$LOGFILE" "$JAVA" -Xmx256m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC \
    -Dlogback.statusListenerClass=ch.qos.logback.core.status.NopStatusListener -DLOG_LEVEL=warn \
    -DJETTY_LOG_LEVEL=warn -jar "$JAR" --properties "$CONF"
  local deadline=$((SECONDS + 60))
  until ready; do
    if ! pid_alive "$PIDFILE" "$PID_MATCH" || ((SECONDS >= deadline)); then
      show_log_tail "$LOGFILE" 30
      fail "S3Proxy did not become ready (log: $LOGFILE)"
    fi
    sleep 0.2
  done
  info "ready (pid $(read_pid "$PIDFILE"))"
}

stop() {
  lock_component s3
  stop_pidfile s3 10 "$PID_MATCH"
}

status() {
  if pid_alive "$PIDFILE" "$PID_MATCH"; then
    echo "s3: running (pid $(read_pid "$PIDFILE"), http://$S3_HOST:$S3_PORT, data $S3_DATA)"
  else
    echo "s3: stopped"
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
