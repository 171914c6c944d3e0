#!/usr/bin/env bash
# Local Kafka 4.2 broker (KRaft, single combined broker+controller node) for Switchboard.
#   deploy/local/kafka.sh start|stop|status
# Jars come from Maven Central through deploy/local/kafka/pom.xml; data in $LOCAL/kafka/data,
# log in $LOCAL/logs/kafka.log, pid in $LOCAL/run/kafka.pid. Listens on 127.0.0.1:9092
# (clients) and 127.0.0.1:9093 (controller).
set -euo pipefail

SB_COMPONENT=kafka
# shellcheck source=deploy/local/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

KAFKA_HOST=127.0.0.1
KAFKA_PORT=9092
KAFKA_CONTROLLER_PORT=9093
BOOTSTRAP="$KAFKA_HOST:$KAFKA_PORT"
TOPICS=(tenant.events telephony.events routing.events helpdesk.events chat.events)
TOPIC_PARTITIONS=3

KAFKA_DIR="$LOCAL/kafka"
KAFKA_LIBS="$KAFKA_DIR/libs"
KAFKA_DATA="$KAFKA_DIR/data"
KAFKA_PROPS="$KAFKA_DIR/server.properties"
CLUSTER_ID_FILE="$KAFKA_DIR/cluster-id"
POM="$DEPLOY_LOCAL/kafka/pom.xml"
PROPS_TEMPLATE="$DEPLOY_LOCAL/kafka/server.properties"
LOG4J_CONFIG="$DEPLOY_LOCAL/kafka/log4j2.properties"
LOGFILE="$LOG_DIR/kafka.log"
PIDFILE="$(pidfile_for kafka)"
# What our broker's command line contains (guards against a stale pid file's pid being reused).
PID_MATCH="kafka.Kafka $KAFKA_PROPS"

# JVM options of the broker, and of the short-lived tools (faster start, quiet logging).
BROKER_OPTS=(-Xms256m -Xmx512m -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:+ExplicitGCInvokesConcurrent
  -Djava.awt.headless=true -Dlog4j2.configurationFile="$LOG4J_CONFIG")
TOOL_OPTS=(-Xmx256m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Djava.awt.headless=true
  -Dlog4j2.configurationFile="$LOG4J_CONFIG" -Dkafka.root.log.level=WARN)

kafka_tool() {
  # 9>&-: tools must not hold the component lock either.
  "$JAVA" "${TOOL_OPTS[@]}" -cp "$KAFKA_LIBS/*" "$@" 9>&-
}

ensure_libs() {
  # The jar set is tied to the pom: a changed pom (e.g. a new Kafka version) re-resolves it.
  local stamp="$KAFKA_LIBS/.pom.sha256" want
  want="$(sha256sum "$POM" | cut -d' ' -f1)"
  if [[ -f "$stamp" && "$(cat "$stamp")" == "$want" ]]; then
    return 0
  fi
  info "resolving Kafka jars with Maven into $KAFKA_LIBS"
  local tmp="$KAFKA_DIR/libs.tmp"
  rm -rf "$tmp"
  mkdir -p "$KAFKA_DIR"
  if ! mvnw_in "$ROOT" -q -f "$POM" dependency:copy-dependencies -DoutputDirectory="$tmp" 9>&-; then
    fail "Maven could not resolve the Kafka jars (./mvnw -f $POM dependency:copy-dependencies)"
  fi
  compgen -G "$tmp/kafka_2.13-*.jar" >/dev/null || fail "kafka_2.13 jar missing in $tmp after Maven ran"
  rm -rf "$KAFKA_LIBS"
  mv "$tmp" "$KAFKA_LIBS"
  printf '%s\n' "$want" >"$stamp"
}

render_props() {
  mkdir -p "$KAFKA_DATA"
  local escaped="${KAFKA_DATA//\\/\\\\}"
  escaped="${escaped//&/\\&}"
  escaped="${escaped//|/\\|}"
  sed "s|@DATA_DIR@|$escaped|g" "$PROPS_TEMPLATE" >"$KAFKA_PROPS.tmp"
  mv "$KAFKA_PROPS.tmp" "$KAFKA_PROPS"
}

ensure_formatted() {
  if [[ -f "$KAFKA_DATA/meta.properties" ]]; then
    return 0
  fi
  local cluster_id
  if [[ -s "$CLUSTER_ID_FILE" ]]; then
    cluster_id="$(cat "$CLUSTER_ID_FILE")"
  else
    cluster_id="$(kafka_tool kafka.tools.StorageTool random-uuid | tail -n1 | tr -d '[:space:]')"
    [[ -n "$cluster_id" ]] || fail "kafka.tools.StorageTool random-uuid printed no cluster id"
    printf '%s\n' "$cluster_id" >"$CLUSTER_ID_FILE"
  fi
  info "formatting storage $KAFKA_DATA (cluster id $cluster_id)"
  # Static controller.quorum.voters: plain format, no --standalone / --initial-controllers.
  kafka_tool kafka.tools.StorageTool format --cluster-id "$cluster_id" --config "$KAFKA_PROPS" --ignore-formatted \
    >>"$LOGFILE" 2>&1 || {
    show_log_tail "$LOGFILE" 20
    fail "formatting Kafka storage failed (log: $LOGFILE)"
  }
}

# wait_until_usable TIMEOUT_S: port open, then the broker answers an admin request.
wait_until_usable() {
  local timeout="$1" deadline
  deadline=$((SECONDS + timeout))
  until port_open "$KAFKA_HOST" "$KAFKA_PORT"; do
    if ! pid_alive "$PIDFILE"; then
      show_log_tail "$LOGFILE" 40
      fail "the Kafka broker exited during startup (log: $LOGFILE)"
    fi
    if ((SECONDS >= deadline)); then
      show_log_tail "$LOGFILE" 40
      fail "Kafka did not open $BOOTSTRAP within ${timeout}s (log: $LOGFILE)"
    fi
    sleep 0.2
  done
}

list_topics() {
  timeout 60 "$JAVA" "${TOOL_OPTS[@]}" -cp "$KAFKA_LIBS/*" org.apache.kafka.tools.TopicCommand \
    --bootstrap-server "$BOOTSTRAP" --list 9>&-
}

create_topics() {
  local existing topic missing=()
  local attempt=0
  # The first admin request also proves the broker is usable (metadata loaded, not just the port).
  until existing="$(list_topics 2>>"$LOGFILE")"; do
    attempt=$((attempt + 1))
    if ((attempt >= 3)) || ! pid_alive "$PIDFILE"; then
      show_log_tail "$LOGFILE" 40
      fail "Kafka on $BOOTSTRAP does not answer admin requests (log: $LOGFILE)"
    fi
    sleep 1
  done
  for topic in "${TOPICS[@]}"; do
    if ! grep -qxF "$topic" <<<"$existing"; then
      missing+=("$topic")
    fi
  done
  for topic in "${missing[@]}"; do
    info "creating topic $topic ($TOPIC_PARTITIONS partitions, replication 1)"
    kafka_tool org.apache.kafka.tools.TopicCommand --bootstrap-server "$BOOTSTRAP" --create --if-not-exists \
      --topic "$topic" --partitions "$TOPIC_PARTITIONS" --replication-factor 1 >>"$LOGFILE" 2>&1 \
      || fail "creating topic $topic failed (log: $LOGFILE)"
  done
}

start() {
  lock_component kafka
  select_java
  if pid_alive "$PIDFILE" "$PID_MATCH"; then
    info "already running (pid $(read_pid "$PIDFILE"), $BOOTSTRAP)"
    return 0
  fi
  rm -f "$PIDFILE"
  if port_open "$KAFKA_HOST" "$KAFKA_PORT" || port_open "$KAFKA_HOST" "$KAFKA_CONTROLLER_PORT"; then
    fail "port $KAFKA_PORT or $KAFKA_CONTROLLER_PORT on $KAFKA_HOST is already in use by another process (not ours: no live pid in $PIDFILE)"
  fi
  ensure_libs
  render_props
  ensure_formatted

  info "starting broker on $BOOTSTRAP (log: $LOGFILE)"
  start_background kafka "$LOGFILE" "$JAVA" "${BROKER_OPTS[@]}" -cp "$KAFKA_LIBS/*" kafka.Kafka "$KAFKA_PROPS"
  wait_until_usable 90
  create_topics
  info "ready on $BOOTSTRAP (pid $(read_pid "$PIDFILE"))"
}

stop() {
  lock_component kafka
  # SIGTERM -> controlled shutdown (a second or two for one node); SIGKILL after 30 s.
  stop_pidfile kafka 30 "$PID_MATCH"
}

status() {
  if pid_alive "$PIDFILE" "$PID_MATCH"; then
    echo "kafka: running (pid $(read_pid "$PIDFILE"), $BOOTSTRAP)"
  else
    echo "kafka: stopped"
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
