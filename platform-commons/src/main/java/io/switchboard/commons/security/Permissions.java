package io.switchboard.commons.security;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Granular permissions ({@code <area>:<action>}) and the defaults each tenant role carries. A membership's effective
 * permissions are the defaults of its roles plus its grants minus its revocations; docs/rbac.md is the matrix.
 */
public final class Permissions {

    public static final String TENANT_READ = "tenant:read";
    public static final String TENANT_SETTINGS = "tenant:settings";
    public static final String USERS_READ = "users:read";
    public static final String USERS_MANAGE = "users:manage";
    public static final String AGENTS_MANAGE = "agents:manage";
    /** Create, change and delete the tenant's teams and their members. */
    public static final String TEAMS_MANAGE = "teams:manage";

    public static final String TELEPHONY_READ = "telephony:read";
    public static final String TRUNKS_MANAGE = "trunks:manage";
    public static final String EXTENSIONS_MANAGE = "extensions:manage";
    public static final String QUEUES_MANAGE = "queues:manage";
    public static final String NUMBERS_MANAGE = "numbers:manage";
    public static final String ROUTING_MANAGE = "routing:manage";
    public static final String CALLS_HANDLE = "calls:handle";
    public static final String CALLS_MONITOR = "calls:monitor";
    public static final String CDR_READ = "cdr:read";
    public static final String RECORDINGS_READ = "recordings:read";
    public static final String TICKETS_READ = "tickets:read";
    public static final String TICKETS_HANDLE = "tickets:handle";
    /** Give tickets to others, take them from others, move them between teams (agents only take free ones). */
    public static final String TICKETS_ASSIGN = "tickets:assign";

    public static final String TICKETS_MANAGE = "tickets:manage";
    public static final String CHATS_HANDLE = "chats:handle";
    public static final String CHATS_MANAGE = "chats:manage";
    public static final String REPORTS_READ = "reports:read";
    public static final String WEBHOOKS_MANAGE = "webhooks:manage";
    public static final String AUDIT_READ = "audit:read";

    public static final List<String> ALL = List.of(
            TENANT_READ,
            TENANT_SETTINGS,
            USERS_READ,
            USERS_MANAGE,
            AGENTS_MANAGE,
            TEAMS_MANAGE,
            TELEPHONY_READ,
            TRUNKS_MANAGE,
            EXTENSIONS_MANAGE,
            QUEUES_MANAGE,
            NUMBERS_MANAGE,
            ROUTING_MANAGE,
            CALLS_HANDLE,
            CALLS_MONITOR,
            CDR_READ,
            RECORDINGS_READ,
            TICKETS_READ,
            TICKETS_HANDLE,
            TICKETS_ASSIGN,
            TICKETS_MANAGE,
            CHATS_HANDLE,
            CHATS_MANAGE,
            REPORTS_READ,
            WEBHOOKS_MANAGE,
            AUDIT_READ);

    private static final Map<String, List<String>> DEFAULTS = Map.of(
            Roles.TENANT_ADMIN,
            ALL,
            Roles.SUPERVISOR,
            List.of(
                    TENANT_READ,
                    USERS_READ,
                    AGENTS_MANAGE,
                    TEAMS_MANAGE,
                    TELEPHONY_READ,
                    QUEUES_MANAGE,
                    CALLS_HANDLE,
                    CALLS_MONITOR,
                    CDR_READ,
                    RECORDINGS_READ,
                    TICKETS_READ,
                    TICKETS_HANDLE,
                    TICKETS_ASSIGN,
                    CHATS_HANDLE,
                    REPORTS_READ),
            Roles.AGENT,
            List.of(TENANT_READ, USERS_READ, TELEPHONY_READ, CALLS_HANDLE, TICKETS_READ, TICKETS_HANDLE, CHATS_HANDLE),
            Roles.VIEWER,
            List.of(TENANT_READ, TICKETS_READ, REPORTS_READ));

    private Permissions() {}

    /** The permissions a role carries before grants and revocations. */
    public static List<String> defaultsFor(String role) {
        return DEFAULTS.getOrDefault(role, List.of());
    }

    public static Set<String> effective(Set<String> roles, Set<String> grants, Set<String> revokes) {
        Set<String> result = new LinkedHashSet<>();
        for (String role : Roles.TENANT_ROLES) {
            if (roles.contains(role)) {
                result.addAll(defaultsFor(role));
            }
        }
        result.addAll(grants);
        result.removeAll(revokes);
        return Set.copyOf(result);
    }

    public static boolean isKnown(String permission) {
        return ALL.contains(permission);
    }
}
