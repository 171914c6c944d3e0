package io.switchboard.gateway.system;

import io.switchboard.commons.security.Permissions;
import io.switchboard.commons.security.Roles;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The access matrix of docs/rbac.md as data: "METHOD path" of every endpoint the services publish, and who may call
 * it. {@link RbacMatrixTest} walks it for every role, {@link TenantIsolationTest} for another tenant's resources.
 */
final class AccessMatrix {

    private AccessMatrix() {}

    /** Who may call an endpoint. */
    record Rule(String kind, Set<String> permissions) {
        static Rule permission(String... anyOf) {
            return new Rule("permission", Set.of(anyOf));
        }

        static final Rule SUPERADMIN = new Rule("superadmin", Set.of());
        static final Rule AUTHENTICATED = new Rule("authenticated", Set.of());
        static final Rule SERVICE = new Rule("service", Set.of());
        /** No token needed: the service authenticates the request itself (a widget key, a visitor's token). */
        static final Rule PUBLIC = new Rule("public", Set.of());

        boolean allows(String role) {
            return switch (kind) {
                case "authenticated", "public" -> true;
                case "superadmin", "service" -> role.equals(Roles.SUPERADMIN);
                default ->
                    role.equals(Roles.SUPERADMIN)
                            || Permissions.defaultsFor(role).stream().anyMatch(permissions::contains);
            };
        }
    }

    static final Map<String, Rule> RULES = new LinkedHashMap<>();

    static {
        // tenant-service
        RULES.put("POST /api/v1/tenants", Rule.SUPERADMIN);
        RULES.put("GET /api/v1/tenants", Rule.AUTHENTICATED);
        RULES.put("GET /api/v1/tenants/{id}", Rule.AUTHENTICATED); // members; others 404, see tenantPath
        RULES.put("PATCH /api/v1/tenants/{id}", Rule.permission(Permissions.TENANT_SETTINGS));
        RULES.put("DELETE /api/v1/tenants/{id}", Rule.SUPERADMIN);
        RULES.put("POST /api/v1/tenants/{id}/restore", Rule.SUPERADMIN);
        RULES.put("POST /api/v1/users", Rule.permission(Permissions.USERS_MANAGE));
        RULES.put("GET /api/v1/users", Rule.permission(Permissions.USERS_READ));
        RULES.put("GET /api/v1/users/{id}", Rule.permission(Permissions.USERS_READ));
        RULES.put("PATCH /api/v1/users/{id}", Rule.permission(Permissions.USERS_MANAGE));
        RULES.put("DELETE /api/v1/users/{id}", Rule.permission(Permissions.USERS_MANAGE));
        RULES.put("PUT /api/v1/users/{id}/password", Rule.permission(Permissions.USERS_MANAGE));
        RULES.put("PUT /api/v1/users/me/password", Rule.AUTHENTICATED);
        RULES.put("POST /api/v1/users/{id}/password-reset", Rule.permission(Permissions.USERS_MANAGE));
        RULES.put("GET /api/v1/audit", Rule.permission(Permissions.AUDIT_READ));
        crud("teams", Permissions.TEAMS_MANAGE, Permissions.USERS_READ);
        RULES.put("PUT /api/v1/teams/{id}/members/{userId}", Rule.permission(Permissions.TEAMS_MANAGE));
        RULES.put("DELETE /api/v1/teams/{id}/members/{userId}", Rule.permission(Permissions.TEAMS_MANAGE));
        // telephony-service
        for (String resource : List.of("trunks")) {
            crud(resource, Permissions.TRUNKS_MANAGE, Permissions.TRUNKS_MANAGE);
        }
        RULES.put("GET /api/v1/trunks/{id}/status", Rule.permission(Permissions.TELEPHONY_READ));
        crud("extensions", Permissions.EXTENSIONS_MANAGE, Permissions.TELEPHONY_READ);
        RULES.put("GET /api/v1/extensions/{id}/registration", Rule.permission(Permissions.TELEPHONY_READ));
        RULES.put("POST /api/v1/extensions/{id}/credentials", Rule.permission(Permissions.EXTENSIONS_MANAGE));
        crud("queues", Permissions.QUEUES_MANAGE, Permissions.TELEPHONY_READ);
        RULES.put("GET /api/v1/queues/{id}/members", Rule.permission(Permissions.TELEPHONY_READ));
        Rule members = Rule.permission(Permissions.QUEUES_MANAGE, Permissions.AGENTS_MANAGE);
        RULES.put("POST /api/v1/queues/{id}/members", members);
        RULES.put("PATCH /api/v1/queues/{id}/members/{memberId}", members);
        RULES.put("DELETE /api/v1/queues/{id}/members/{memberId}", members);
        Rule pause = Rule.permission(Permissions.QUEUES_MANAGE, Permissions.AGENTS_MANAGE, Permissions.CALLS_HANDLE);
        RULES.put("POST /api/v1/queues/{id}/members/{memberId}/pause", pause);
        RULES.put("POST /api/v1/queues/{id}/members/{memberId}/unpause", pause);
        crud("voicemail-boxes", Permissions.EXTENSIONS_MANAGE, Permissions.TELEPHONY_READ);
        RULES.put("POST /api/v1/voicemail-boxes/{id}/pin", Rule.permission(Permissions.EXTENSIONS_MANAGE));
        RULES.put("GET /api/v1/calls", Rule.permission(Permissions.CDR_READ));
        RULES.put("GET /api/v1/calls/{id}", Rule.permission(Permissions.CDR_READ));
        RULES.put("GET /api/v1/calls/{id}/recording", Rule.permission(Permissions.RECORDINGS_READ));
        RULES.put("POST /api/v1/calls/{id}/transfer", Rule.permission(Permissions.CALLS_HANDLE));
        // routing-service
        RULES.put("POST /api/v1/routing/decisions", Rule.SERVICE);
        crud("routing/dids", Permissions.NUMBERS_MANAGE, Permissions.TELEPHONY_READ);
        RULES.put("POST /api/v1/routing/dids/{id}/webhook-secret", Rule.permission(Permissions.ROUTING_MANAGE));
        RULES.put("GET /api/v1/routing/dids/{id}/webhook-calls", Rule.permission(Permissions.ROUTING_MANAGE));
        crud("routing/ivr-menus", Permissions.ROUTING_MANAGE, Permissions.TELEPHONY_READ);
        crud("routing/schedules", Permissions.ROUTING_MANAGE, Permissions.TELEPHONY_READ);
        RULES.put("GET /api/v1/routing/targets", Rule.permission(Permissions.TELEPHONY_READ));
        // helpdesk-service
        crud("tickets", Permissions.TICKETS_HANDLE, Permissions.TICKETS_READ);
        RULES.put("DELETE /api/v1/tickets/{id}", Rule.permission(Permissions.TICKETS_MANAGE));
        RULES.put("POST /api/v1/tickets/{id}/restore", Rule.permission(Permissions.TICKETS_MANAGE));
        RULES.put("GET /api/v1/tickets/by-number/{number}", Rule.permission(Permissions.TICKETS_READ));
        RULES.put("GET /api/v1/tickets/{id}/messages", Rule.permission(Permissions.TICKETS_READ));
        RULES.put("GET /api/v1/tickets/{id}/messages/{messageId}", Rule.permission(Permissions.TICKETS_READ));
        RULES.put("POST /api/v1/tickets/{id}/messages", Rule.permission(Permissions.TICKETS_HANDLE));
        RULES.put("POST /api/v1/tickets/{id}/attachments", Rule.permission(Permissions.TICKETS_HANDLE));
        RULES.put("GET /api/v1/tickets/{id}/attachments", Rule.permission(Permissions.TICKETS_READ));
        RULES.put("GET /api/v1/tickets/{id}/attachments/{attachmentId}", Rule.permission(Permissions.TICKETS_READ));
        RULES.put(
                "GET /api/v1/tickets/{id}/attachments/{attachmentId}/content",
                Rule.permission(Permissions.TICKETS_READ));
        RULES.put(
                "DELETE /api/v1/tickets/{id}/attachments/{attachmentId}", Rule.permission(Permissions.TICKETS_HANDLE));
        RULES.put("GET /api/v1/helpdesk/settings", Rule.permission(Permissions.TICKETS_READ));
        RULES.put("PATCH /api/v1/helpdesk/settings", Rule.permission(Permissions.TICKETS_MANAGE));
        crud("helpdesk/tags", Permissions.TICKETS_MANAGE, Permissions.TICKETS_READ);
        crud("helpdesk/mailboxes", Permissions.TICKETS_MANAGE, Permissions.TICKETS_MANAGE);
        crud("helpdesk/sla-policies", Permissions.TICKETS_MANAGE, Permissions.TICKETS_MANAGE);
        RULES.put("GET /api/v1/helpdesk/reports/sla", Rule.permission(Permissions.REPORTS_READ));
        RULES.put("GET /api/v1/helpdesk/reports/volume", Rule.permission(Permissions.REPORTS_READ));
        RULES.put("GET /api/v1/helpdesk/reports/response-times", Rule.permission(Permissions.REPORTS_READ));
        crud("helpdesk/assignment-rules", Permissions.TICKETS_MANAGE, Permissions.TICKETS_READ);
        RULES.put("GET /api/v1/helpdesk/agents/{userId}/availability", Rule.permission(Permissions.TICKETS_READ));
        // agents set their own (another's needs tickets:assign: the service's own 403, after the lookup)
        RULES.put("PUT /api/v1/helpdesk/agents/{userId}/availability", Rule.permission(Permissions.TICKETS_HANDLE));
        crud("helpdesk/templates", Permissions.TICKETS_MANAGE, Permissions.TICKETS_READ);
        crud("helpdesk/canned-responses", Permissions.TICKETS_MANAGE, Permissions.TICKETS_HANDLE);
        RULES.put("GET /api/v1/helpdesk/canned-responses/{id}/render", Rule.permission(Permissions.TICKETS_HANDLE));
        RULES.put("GET /api/v1/tickets/{id}/reminders", Rule.permission(Permissions.TICKETS_READ));
        RULES.put("POST /api/v1/tickets/{id}/reminders", Rule.permission(Permissions.TICKETS_HANDLE));
        RULES.put("DELETE /api/v1/tickets/{id}/reminders/{reminderId}", Rule.permission(Permissions.TICKETS_HANDLE));
        RULES.put("GET /api/v1/contacts/{id}/timeline", Rule.permission(Permissions.TICKETS_READ));
        crud("contacts", Permissions.TICKETS_HANDLE, Permissions.TICKETS_READ);
        RULES.put("DELETE /api/v1/contacts/{id}", Rule.permission(Permissions.TICKETS_MANAGE));
        RULES.put("GET /api/v1/contacts/{id}/tickets", Rule.permission(Permissions.TICKETS_READ));
        // webhook-dispatcher
        crud("webhooks/subscriptions", Permissions.WEBHOOKS_MANAGE, Permissions.WEBHOOKS_MANAGE);
        Rule webhooks = Rule.permission(Permissions.WEBHOOKS_MANAGE);
        for (String endpoint : List.of(
                "GET /api/v1/webhooks/event-types",
                "POST /api/v1/webhooks/subscriptions/{id}/secret/rotate",
                "POST /api/v1/webhooks/subscriptions/{id}/test",
                "GET /api/v1/webhooks/subscriptions/{id}/attempts",
                "GET /api/v1/webhooks/subscriptions/{subscriptionId}/deliveries",
                "GET /api/v1/webhooks/subscriptions/{subscriptionId}/deliveries/{deliveryId}",
                "POST /api/v1/webhooks/subscriptions/{subscriptionId}/deliveries/{deliveryId}/replay",
                "POST /api/v1/webhooks/subscriptions/{subscriptionId}/deliveries/replay")) {
            RULES.put(endpoint, webhooks);
        }
        // chat-service
        Rule handle = Rule.permission(Permissions.CHATS_HANDLE);
        Rule manageAgents = Rule.permission(Permissions.AGENTS_MANAGE);
        RULES.put("POST /api/v1/chat/widgets", Rule.permission(Permissions.CHATS_MANAGE));
        RULES.put("GET /api/v1/chat/widgets", handle);
        RULES.put("GET /api/v1/chat/widgets/{id}", handle);
        RULES.put("PATCH /api/v1/chat/widgets/{id}", Rule.permission(Permissions.CHATS_MANAGE));
        RULES.put("DELETE /api/v1/chat/widgets/{id}", Rule.permission(Permissions.CHATS_MANAGE));
        RULES.put("GET /api/v1/chat/widgets/{id}/embed-code", handle);
        RULES.put("GET /api/v1/chat/agents", handle);
        RULES.put("GET /api/v1/chat/agents/me", handle);
        RULES.put("PATCH /api/v1/chat/agents/me", handle);
        RULES.put("POST /api/v1/chat/agents/me/socket-ticket", handle);
        RULES.put("GET /api/v1/chat/agents/{userId}", handle);
        RULES.put("PATCH /api/v1/chat/agents/{userId}", manageAgents);
        RULES.put("GET /api/v1/chat/queue", handle);
        RULES.put("GET /api/v1/chat/sessions", handle);
        RULES.put("GET /api/v1/chat/sessions/{id}", handle);
        RULES.put("GET /api/v1/chat/sessions/{id}/messages", handle);
        RULES.put("POST /api/v1/chat/sessions/{id}/messages", handle);
        RULES.put("POST /api/v1/chat/sessions/{id}/read", handle);
        RULES.put("POST /api/v1/chat/sessions/{id}/accept", handle);
        RULES.put("POST /api/v1/chat/sessions/{id}/assign", manageAgents);
        RULES.put("POST /api/v1/chat/sessions/{id}/end", handle);
        RULES.put("POST /api/v1/chat/sessions/{id}/transfers", handle);
        RULES.put("POST /api/v1/chat/sessions/{id}/ticket", handle);
        RULES.put("GET /api/v1/chat/reports", Rule.permission(Permissions.REPORTS_READ));
        RULES.put("POST /api/v1/chat/sessions/{id}/attachments", handle);
        RULES.put("GET /api/v1/chat/sessions/{id}/attachments/{attachmentId}/content", handle);
        RULES.put("GET /api/v1/chat/transfers", handle);
        RULES.put("GET /api/v1/chat/transfers/{id}", handle);
        RULES.put("POST /api/v1/chat/transfers/{id}/accept", handle);
        RULES.put("POST /api/v1/chat/transfers/{id}/reject", handle);
        RULES.put("GET /api/v1/chat/visitors/{visitorId}/sessions", handle);
        for (String visitorApi : List.of(
                "GET /api/v1/chat/public/widget.js",
                "GET /api/v1/chat/public/widgets/{key}",
                "POST /api/v1/chat/public/widgets/{key}/sessions",
                "POST /api/v1/chat/public/widgets/{key}/offline-messages",
                "GET /api/v1/chat/public/sessions/{id}",
                "GET /api/v1/chat/public/sessions/{id}/messages",
                "POST /api/v1/chat/public/sessions/{id}/messages",
                "POST /api/v1/chat/public/sessions/{id}/read",
                "POST /api/v1/chat/public/sessions/{id}/end",
                "GET /api/v1/chat/public/sessions/{id}/history",
                "POST /api/v1/chat/public/sessions/{id}/rating",
                "POST /api/v1/chat/public/sessions/{id}/attachments",
                "GET /api/v1/chat/public/sessions/{id}/attachments/{attachmentId}/content")) {
            RULES.put(visitorApi, Rule.PUBLIC);
        }
    }

    /** Create, list, read, change, delete under {@code /api/v1/<resource>}. */
    private static void crud(String resource, String manage, String read) {
        String base = "/api/v1/" + resource;
        RULES.put("POST " + base, Rule.permission(manage));
        RULES.put("GET " + base, Rule.permission(read));
        RULES.put("GET " + base + "/{id}", Rule.permission(read));
        RULES.put("PATCH " + base + "/{id}", Rule.permission(manage));
        RULES.put("DELETE " + base + "/{id}", Rule.permission(manage));
    }
}
