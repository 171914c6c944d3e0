# shellcheck shell=bash
# Shared helpers for the Switchboard local stack scripts (deploy/local/*.sh).
# Source it; do not execute it:   . "$(dirname "${BASH_SOURCE[0]}")/common.sh"
#
# Everything the local stack creates lives under $LOCAL (default: <repo>/.local,
# override with SWITCHBOARD_LOCAL_DIR). All servers bind to 127.0.0.1 only.

if [[ -n "${SWITCHBOARD_COMMON_SOURCED:-}" ]]; then
  return 0
fi
SWITCHBOARD_COMMON_SOURCED=1

DEPLOY_LOCAL="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$DEPLOY_LOCAL/../.." && pwd)"
LOCAL="${SWITCHBOARD_LOCAL_DIR:-$ROOT/.local}"
RUN_DIR="$LOCAL/run"
LOG_DIR="$LOCAL/logs"
SECRETS_DIR="$LOCAL/secrets"
DOWNLOADS_DIR="$LOCAL/downloads"
# Used by the scripts that source this file.
export ROOT LOCAL RUN_DIR LOG_DIR SECRETS_DIR DOWNLOADS_DIR DEPLOY_LOCAL

mkdir -p "$RUN_DIR" "$LOG_DIR" "$SECRETS_DIR" "$DOWNLOADS_DIR"
chmod 700 "$SECRETS_DIR"

# Name used as a prefix in messages; scripts set it before sourcing, or keep the file name.
SB_COMPONENT="${SB_COMPONENT:-$(basename "$0" .sh)}"

log() { printf '%s [%s] %s\n' "$(date +%H:%M:%S)" "$SB_COMPONENT" "$*" >&2; }
info() { log "$@"; }
fail() {
  printf '%s [%s] ERROR: %s\n' "$(date +%H:%M:%S)" "$SB_COMPONENT" "$*" >&2
  exit 1
}

# --- Java ---------------------------------------------------------------------
# Java processes of the stack run on the Temurin 25 JDK (see docs: pinned versions).
SB_JAVA_HOME_DEFAULT="/usr/lib/jvm/temurin-25-jdk-amd64"

# select_java: exports JAVA_HOME (Temurin 25) and JAVA, or fails naming what is missing.
# Honours SWITCHBOARD_JAVA_HOME if set (must still be a Java 25 JDK).
select_java() {
  local home="${SWITCHBOARD_JAVA_HOME:-$SB_JAVA_HOME_DEFAULT}"
  if [[ ! -x "$home/bin/java" ]]; then
    fail "Temurin 25 JDK not found: $home/bin/java is missing (install temurin-25-jdk or set SWITCHBOARD_JAVA_HOME to a JDK 25)"
  fi
  local version
  version="$("$home/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p')"
  if [[ "$version" != "25" ]]; then
    fail "JDK at $home is Java '${version:-unknown}', Java 25 (Temurin 25) is required"
  fi
  JAVA_HOME="$home"
  JAVA="$home/bin/java"
  export JAVA_HOME JAVA
}

# mvnw_in DIR ARGS...: runs the repository's Maven wrapper ($ROOT/mvnw) with the Temurin 25 JDK
# in DIR. Use a DIR without pom.xml (or pass -f) so the work-in-progress root pom is not read.
mvnw_in() {
  local dir="$1"
  shift
  select_java
  [[ -x "$ROOT/mvnw" ]] || fail "Maven wrapper missing: $ROOT/mvnw"
  (cd "$dir" && JAVA_HOME="$JAVA_HOME" "$ROOT/mvnw" "$@")
}

# --- waiting ------------------------------------------------------------------

# port_open HOST PORT: true if a TCP connection succeeds now.
port_open() {
  local host="$1" port="$2"
  (exec 3<>"/dev/tcp/$host/$port") 2>/dev/null
}

# wait_for_port HOST PORT TIMEOUT_S
wait_for_port() {
  local host="$1" port="$2" timeout="$3"
  local deadline=$((SECONDS + timeout))
  until port_open "$host" "$port"; do
    if ((SECONDS >= deadline)); then
      return 1
    fi
    sleep 0.2
  done
}

# wait_for_http URL TIMEOUT_S: waits until URL answers HTTP 200.
wait_for_http() {
  local url="$1" timeout="$2" code
  local deadline=$((SECONDS + timeout))
  while true; do
    code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$url" 2>/dev/null || true)"
    if [[ "$code" == "200" ]]; then
      return 0
    fi
    if ((SECONDS >= deadline)); then
      return 1
    fi
    sleep 0.5
  done
}

# --- pid files ----------------------------------------------------------------

pidfile_for() { printf '%s/%s.pid' "$RUN_DIR" "$1"; }

# read_pid PIDFILE: prints the pid stored in PIDFILE (empty if none/invalid).
read_pid() {
  local pidfile="$1" pid=""
  if [[ -f "$pidfile" ]]; then
    pid="$(tr -dc '0-9' <"$pidfile")"
  fi
  printf '%s' "$pid"
}

# pid_alive PIDFILE [CMDLINE_PART]: true if the pid file names a live process (not a zombie)
# and, when CMDLINE_PART is given, that process's command line contains it (so a pid reused by
# an unrelated process after a reboot is not taken for ours).
pid_alive() {
  local pid state cmdline
  pid="$(read_pid "$1")"
  [[ -n "$pid" ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  state="$(ps -o stat= -p "$pid" 2>/dev/null || true)"
  [[ -n "$state" && "$state" != Z* ]] || return 1
  if [[ -n "${2:-}" ]]; then
    cmdline="$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null || true)"
    [[ "$cmdline" == *"$2"* ]] || return 1
  fi
}

# stop_pidfile NAME TIMEOUT_S [CMDLINE_PART]: SIGTERM to the pid in $RUN_DIR/NAME.pid (and its
# process group, when it leads one), waits up to TIMEOUT_S, then SIGKILL; removes the pid file.
# With CMDLINE_PART, a pid whose command line does not contain it is not ours: nothing is killed.
stop_pidfile() {
  local name="$1" timeout="${2:-30}" match="${3:-}"
  local pidfile pid pgid deadline
  pidfile="$(pidfile_for "$name")"
  pid="$(read_pid "$pidfile")"
  if [[ -z "$pid" ]] || ! pid_alive "$pidfile" "$match"; then
    rm -f "$pidfile"
    info "$name is not running"
    return 0
  fi
  pgid="$(ps -o pgid= -p "$pid" 2>/dev/null | tr -d ' ' || true)"
  info "stopping $name (pid $pid)"
  if [[ "$pgid" == "$pid" ]]; then
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
  else
    kill -TERM "$pid" 2>/dev/null || true
  fi
  deadline=$((SECONDS + timeout))
  while pid_alive "$pidfile"; do
    if ((SECONDS >= deadline)); then
      info "$name did not stop within ${timeout}s, sending SIGKILL"
      if [[ "$pgid" == "$pid" ]]; then
        kill -KILL -- "-$pid" 2>/dev/null || true
      fi
      kill -KILL "$pid" 2>/dev/null || true
      sleep 0.5
      break
    fi
    sleep 0.1
  done
  # Anything left in the group (a child that ignored TERM) goes too.
  if [[ "$pgid" == "$pid" ]] && pgrep -g "$pid" >/dev/null 2>&1; then
    kill -KILL -- "-$pid" 2>/dev/null || true
  fi
  rm -f "$pidfile"
  info "$name stopped"
}

# start_background NAME LOGFILE CMD...: starts CMD detached in its own session
# (so its pid is also its process group id), output appended to LOGFILE, pid in $RUN_DIR/NAME.pid.
start_background() {
  local name="$1" logfile="$2"
  shift 2
  local pidfile
  pidfile="$(pidfile_for "$name")"
  printf '\n===== %s starting %s =====\n' "$(date '+%F %T')" "$name" >>"$logfile"
  # fd 9 (the component lock) must not leak into the long-running child.
  setsid "$@" </dev/null >>"$logfile" 2>&1 9>&- &
  echo $! >"$pidfile"
}

# lock_component NAME: serializes start/stop of one component between concurrent
# invocations (held on fd 9 until the script exits).
lock_component() {
  exec 9>"$RUN_DIR/$1.lock"
  flock -w 300 9 || fail "could not lock $RUN_DIR/$1.lock (another start/stop of $1 still running?)"
}

# show_log_tail LOGFILE [N]: prints the last N lines of a log to stderr.
show_log_tail() {
  local logfile="$1" n="${2:-30}"
  if [[ -f "$logfile" ]]; then
    printf -- '----- last %s lines of %s -----\n' "$n" "$logfile" >&2
    tail -n "$n" "$logfile" >&2
    printf -- '-----\n' >&2
  fi
}

# --- secrets ------------------------------------------------------------------

# random_secret [LENGTH]: prints an alphanumeric random string (default 24 chars).
random_secret() {
  local len="${1:-24}" out=""
  while ((${#out} < len)); do
    if command -v openssl >/dev/null 2>&1; then
      out+="$(openssl rand -base64 48 | tr -dc 'A-Za-z0-9')"
    else
      out+="$(head -c 64 /dev/urandom | tr -dc 'A-Za-z0-9')"
    fi
  done
  printf '%s' "${out:0:len}"
}

# ensure_secret NAME [LENGTH]: creates $SECRETS_DIR/NAME once (mode 600), prints its value.
ensure_secret() {
  local file="$SECRETS_DIR/$1" len="${2:-24}"
  if [[ ! -s "$file" ]]; then
    (umask 077 && random_secret "$len" >"$file")
  fi
  cat "$file"
}

# as_root CMD...: runs CMD as root (directly, or through sudo when not root).
as_root() {
  if [[ "$(id -u)" -eq 0 ]]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    fail "need root to run '$*' and sudo is not installed"
  fi
}
