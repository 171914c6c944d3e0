#!/usr/bin/env bash
# make bench: the benchmarks, against the real local stack (started here if it is not running).
# Each benchmark is a function below; results are printed and kept under $LOCAL/bench/. See docs/benchmarks.md.
#   deploy/local/bench.sh            every benchmark
#   deploy/local/bench.sh webhook    one of them
set -euo pipefail

SB_COMPONENT=bench
# shellcheck source=deploy/local/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

BENCH_DIR="$LOCAL/bench"
mkdir -p "$BENCH_DIR"

# bench_classpath MODULE: the module's test classpath (its classes, test classes and dependencies).
bench_classpath() {
  local module="$1" file="$BENCH_DIR/$1.classpath"
  (cd "$ROOT" && ./mvnw -B -ntp -q -pl "$module" dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile="$file" >/dev/null)
  printf '%s:%s:%s' "$ROOT/$module/target/test-classes" "$ROOT/$module/target/classes" "$(cat "$file")"
}

# bench_run MODULE MAIN_CLASS [JAVA_OPTION...]: builds MODULE and what it needs (tests skipped), then runs the benchmark
# program MAIN_CLASS from the module's test classpath. Every program gets its packaged service (bench.jar), where to
# keep results (bench.out) and the phase length (bench.seconds, BENCH_SECONDS); the options add its own knobs.
bench_run() {
  local module="$1" main="$2"
  shift 2
  info "building $module (tests skipped)"
  (cd "$ROOT" && ./mvnw -B -ntp -q install -pl "$module" -am -DskipTests)
  local classpath
  classpath="$(bench_classpath "$module")"
  info "running ${main##*.}"
  (cd "$ROOT" && "$JAVA" -Xmx768m -Dswitchboard.repo.root="$ROOT" \
    -Dbench.jar="$ROOT/$module/target/quarkus-app/quarkus-run.jar" \
    -Dbench.out="$BENCH_DIR" -Dbench.seconds="${BENCH_SECONDS:-25}" "$@" \
    -cp "$classpath" "$main")
}

# Webhooks: sustained deliveries/s to a local receiver and commit-to-receiver latency p50/p99, against the raw
# ceiling of the dispatcher's HTTP client posting to the same receiver. About 2 minutes after the build.
bench_webhook() {
  bench_run webhook-dispatcher io.switchboard.webhook.bench.WebhookBench
}

# Calls: call setups per second through the ARI simulator and the latency from StasisStart to the first ARI command
# (and to the bridge), p50/p99, with the packaged telephony-service. About 40 seconds after the build.
bench_calls() {
  bench_run telephony-service io.switchboard.telephony.bench.CallSetupBench \
    -Dbench.concurrency="${BENCH_CONCURRENCY:-20}"
}

# Gateway: requests/s and p50/p99 latency to a local service directly and through the packaged gateway, same client,
# same run; the difference is what the gateway adds. About a minute after the build.
# GATEWAY_JVM adds options to the gateway's JVM (e.g. a flight recording to profile it).
bench_gateway() {
  bench_run gateway io.switchboard.gateway.bench.GatewayBench -Dbench.concurrency="${BENCH_CONCURRENCY:-16}" \
    -Dbench.gateway.jvm="${GATEWAY_JVM:-}"
}

# Routing decisions: decisions/s (closed loop) and p50/p99 decision latency at a steady 1,000 decisions/s (open loop),
# as the client and as the service sees it, with the packaged routing-service; then call setups end to end through the
# packaged telephony-service (if built) and the ARI simulator, decided by routing-service. About 4 minutes after the build.
bench_routing() {
  bench_run routing-service io.switchboard.routing.bench.RoutingBench \
    -Dbench.rate="${BENCH_RATE:-1000}" -Dbench.concurrency="${BENCH_CONCURRENCY:-16}"
}

# Helpdesk at scale: the packaged helpdesk-service on switchboard_bench seeded with 1,000,000 tickets over 1,000 tenants
# (a few minutes the first time; kept and reused afterwards), a filtered list and full-text searches at a steady
# HELPDESK_RATE requests/s each (open loop), p50/p90/p99/max. About 3 minutes after the build and the seed.
# HELPDESK_TICKETS / HELPDESK_TENANTS seed another size (the seed is replaced).
bench_helpdesk() {
  bench_run helpdesk-service io.switchboard.helpdesk.bench.HelpdeskBench -Dbench.rate="${HELPDESK_RATE:-50}" \
    -Dbench.tickets="${HELPDESK_TICKETS:-1000000}" -Dbench.tenants="${HELPDESK_TENANTS:-1000}"
}

# Chat at scale: the packaged chat-service holds CHAT_CONNECTIONS WebSocket connections (CHAT_AGENTS agents' sockets, the
# rest visitors' sessions started through a widget), then messages at a steady CHAT_RATE/s between visitor and agent:
# latency sender to receiver p50/p90/p99/max, connect rates, the service's memory. About 5 minutes after the build.
# CHAT_TENANTS spreads the agents and sessions over that many tenants (10); CHAT_JVM adds options to the service's JVM
# (e.g. a flight recording to profile it).
bench_chat() {
  # each side of the connections is a process of its own (the service, the client) and needs a descriptor per socket
  (
    ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"
    bench_run chat-service io.switchboard.chat.bench.ChatBench -Xmx2g -Dbench.rate="${CHAT_RATE:-200}" \
      -Dbench.connections="${CHAT_CONNECTIONS:-10000}" -Dbench.agents="${CHAT_AGENTS:-100}" \
      -Dbench.tenants="${CHAT_TENANTS:-10}" -Dbench.service.jvm="${CHAT_JVM:-}"
  )
}

BENCHMARKS=(webhook calls gateway routing helpdesk chat)

main() {
  "$DEPLOY_LOCAL/stack.sh" start
  select_java
  export JAVA_HOME
  local name
  for name in "${@:-${BENCHMARKS[@]}}"; do
    declare -F "bench_$name" >/dev/null || fail "no benchmark '$name' (known: ${BENCHMARKS[*]})"
    "bench_$name"
  done
}

main "$@"
