package io.switchboard.commons.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.StringPermission;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.Permission;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Adds the tenant dimension to the verified identity: the active tenant (from {@code X-Tenant-ID}, or the user's only
 * tenant), that tenant's roles as identity roles, and a permission checker, so that {@code @RolesAllowed} and
 * {@code @PermissionsAllowed("tickets:manage")} mean "in the active tenant". A superadmin holds every permission.
 */
@ApplicationScoped
public class TenantIdentityAugmentor implements SecurityIdentityAugmentor {

    private final BlockedUsers blockedUsers;

    public TenantIdentityAugmentor(BlockedUsers blockedUsers) {
        this.blockedUsers = blockedUsers;
    }

    public static final String TENANT_HEADER = "X-Tenant-ID";
    /** Identity attribute holding the {@link Caller}. */
    public static final String CALLER_ATTRIBUTE = "switchboard.caller";
    /** Identity attribute holding the active tenant id, when there is one the caller belongs to. */
    public static final String ACTIVE_TENANT_ATTRIBUTE = "switchboard.active-tenant";
    /** Identity attribute holding the tenant id the request asked for, whether or not the caller belongs to it. */
    public static final String REQUESTED_TENANT_ATTRIBUTE = "switchboard.requested-tenant";

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        return augment(identity, context, Map.of());
    }

    @Override
    public Uni<SecurityIdentity> augment(
            SecurityIdentity identity, AuthenticationRequestContext context, Map<String, Object> attributes) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            return Uni.createFrom().item(identity);
        }
        if (blockedUsers.isBlocked(token.getSubject())) {
            // Keycloak signed the token before the user was suspended or deleted: it no longer counts
            return Uni.createFrom()
                    .failure(new AuthenticationFailedException("The account of this token is suspended or deleted"));
        }
        Caller caller = new Caller(
                token.getSubject(),
                token.getClaim("preferred_username"),
                identity.hasRole(Roles.SUPERADMIN),
                TenantClaims.parse(token.getClaim(TenantClaims.CLAIM)));
        String requested = requestedTenant(attributes);
        String active = requested;
        if (active == null && caller.memberships().size() == 1) {
            active = caller.memberships().keySet().iterator().next();
        }
        if (active != null && !caller.isMemberOf(active) && !caller.superadmin()) {
            active = null;
        }

        QuarkusSecurityIdentity.Builder builder =
                QuarkusSecurityIdentity.builder(identity).addAttribute(CALLER_ATTRIBUTE, caller);
        if (requested != null) {
            builder.addAttribute(REQUESTED_TENANT_ATTRIBUTE, requested);
        }
        Set<String> permissions = Set.of();
        if (active != null) {
            builder.addAttribute(ACTIVE_TENANT_ATTRIBUTE, active);
            Membership membership = caller.memberships().get(active);
            if (membership != null) {
                builder.addRoles(membership.roles());
                permissions = membership.permissions();
            }
        }
        Set<String> granted = permissions;
        boolean superadmin = caller.superadmin();
        builder.addPermissionChecker(required -> Uni.createFrom().item(superadmin || implies(granted, required)));
        return Uni.createFrom().item(builder.build());
    }

    private static boolean implies(Set<String> granted, Permission required) {
        if (!(required instanceof StringPermission)) {
            return false;
        }
        for (String permission : granted) {
            int colon = permission.indexOf(':');
            StringPermission held = colon < 0
                    ? new StringPermission(permission)
                    : new StringPermission(permission.substring(0, colon), permission.substring(colon + 1));
            if (held.implies(required)) {
                return true;
            }
        }
        return false;
    }

    private static String requestedTenant(Map<String, Object> attributes) {
        Object context = attributes.get(HttpSecurityUtils.ROUTING_CONTEXT_ATTRIBUTE);
        if (context instanceof RoutingContext routing) {
            String header = routing.request().getHeader(TENANT_HEADER);
            if (header != null && !header.isBlank()) {
                return header.trim();
            }
        }
        return null;
    }
}
