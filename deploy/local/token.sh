#!/usr/bin/env bash
# Prints an access token of the bootstrap superadmin (password grant on the switchboard-tests client).
set -euo pipefail

SB_COMPONENT=token
# shellcheck source=deploy/local/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

password="$(cat "$SECRETS_DIR/superadmin-password" 2>/dev/null)" || fail "no superadmin password yet: run 'make setup' first"
response="$(curl -sS --fail-with-body --max-time 10 \
  -d grant_type=password -d client_id=switchboard-tests -d username=superadmin \
  --data-urlencode "password=$password" \
  http://localhost:8180/realms/switchboard/protocol/openid-connect/token)" \
  || fail "Keycloak refused the token request (is it running? 'make status'): $response"
printf '%s\n' "$response" | sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p'
