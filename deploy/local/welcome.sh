#!/usr/bin/env bash
# Prints where the running platform is and how to log in (the end of 'make run').
set -euo pipefail

SB_COMPONENT=run
# shellcheck source=deploy/local/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

superadmin_password="$(cat "$SECRETS_DIR/superadmin-password")"
keycloak_admin_password="$(cat "$SECRETS_DIR/keycloak-admin-password")"

cat <<TEXT

  Switchboard is running.

  API (gateway)          http://localhost:8080/api/v1/...     every service, one URL
  API docs               http://localhost:8080/q/swagger-ui   (all services; Authorize: client switchboard-web)
  tenant-service API     http://localhost:8081/api/v1/tenants
  tenant-service docs    http://localhost:8081/q/swagger-ui   (Authorize: client switchboard-web)
  telephony-service API  http://localhost:8082/api/v1/extensions  (docs: /q/swagger-ui; Asterisk: ARI_URL)
  routing-service API    http://localhost:8083/api/v1/routing/dids   (docs: :8083/q/swagger-ui)
  helpdesk-service API   http://localhost:8084/api/v1/tickets   (docs: :8084/q/swagger-ui)
  chat-service API       http://localhost:8085/api/v1/chat/widgets   (widget script: /api/v1/chat/public/widget.js)
  webhooks API           http://localhost:8086/api/v1/webhooks/subscriptions   (docs: :8086/q/swagger-ui)
  Keycloak (identity)    http://localhost:8180/admin           admin / $keycloak_admin_password
  Mail (GreenMail)       SMTP 127.0.0.1:3025, IMAP :3143      mailboxes: http://127.0.0.1:8025/api/user/<address>/messages/INBOX
  Files (S3Proxy)        http://127.0.0.1:8333 (S3 API)        switchboard-local / switchboard-local-secret, objects in .local/s3/

  Log in as the platform superadmin
    user      superadmin
    password  $superadmin_password

  From a shell:  TOKEN=\$(make -s token)
                 curl -H "Authorization: Bearer \$TOKEN" http://localhost:8080/api/v1/tenants

  make status   what runs        make stop   stop everything     logs in .local/logs/

TEXT
