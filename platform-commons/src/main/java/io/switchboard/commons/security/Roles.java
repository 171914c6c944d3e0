package io.switchboard.commons.security;

import java.util.List;

/** Role names. {@code superadmin} is platform-wide (a Keycloak realm role); the others are held per tenant. */
public final class Roles {

    public static final String SUPERADMIN = "superadmin";
    public static final String TENANT_ADMIN = "tenant_admin";
    public static final String SUPERVISOR = "supervisor";
    public static final String AGENT = "agent";
    public static final String VIEWER = "viewer";

    /** The roles a membership can hold, most privileged first. */
    public static final List<String> TENANT_ROLES = List.of(TENANT_ADMIN, SUPERVISOR, AGENT, VIEWER);

    private Roles() {}
}
