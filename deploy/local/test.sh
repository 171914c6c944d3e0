#!/usr/bin/env bash
# make test: starts the parts of the local stack that are not running, runs the whole build with every test
# (extra arguments go to Maven), then stops what this run started. A stack that was already up (make setup,
# make run) stays up, so repeated test runs are fast; a fresh machine (CI) is left as it was found.
set -euo pipefail

SB_COMPONENT=test
# shellcheck source=deploy/local/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

started=()
for component in postgres kafka keycloak mail s3; do
  if ! "$DEPLOY_LOCAL/$component.sh" status >/dev/null 2>&1; then
    started+=("$component")
  fi
done

cleanup() {
  local i
  for ((i = ${#started[@]} - 1; i >= 0; i--)); do
    "$DEPLOY_LOCAL/${started[$i]}.sh" stop || true
  done
}
trap cleanup EXIT

"$DEPLOY_LOCAL/stack.sh" start
# the browser tests (chat-service's WidgetBrowserTest): Debian's chromium, node and npm
"$DEPLOY_LOCAL/chromium.sh" ensure
select_java
cd "$ROOT"
./mvnw -B -ntp install "$@"
