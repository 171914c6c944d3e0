package io.switchboard.commons.tenant;

import io.quarkus.security.identity.SecurityIdentity;
import io.switchboard.commons.problem.ProblemException;
import io.switchboard.commons.problem.ProblemType;
import io.switchboard.commons.security.Caller;
import io.switchboard.commons.security.TenantIdentityAugmentor;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Instance;
import java.util.Optional;

/**
 * Who is acting and for which tenant, for one request or one consumed event. HTTP requests take it from the verified
 * token and {@code X-Tenant-ID}; consumers and jobs declare it with {@link #runAsSystem(String)}. The row-level-security
 * interceptor applies {@link #tenantId()} to every transaction of the unit of work.
 */
@RequestScoped
public class TenantContext {

    private final Instance<SecurityIdentity> identity;
    private boolean resolved;
    private Caller caller;
    private String tenantId;
    private String requestedTenant;
    private boolean system;
    private String clientIp;

    public TenantContext(Instance<SecurityIdentity> identity) {
        this.identity = identity;
    }

    /** The authenticated user, if this unit of work is an HTTP request with a valid token. */
    public Optional<Caller> caller() {
        resolve();
        return Optional.ofNullable(caller);
    }

    /** The caller, or a 401 when there is none. */
    public Caller requireCaller() {
        return caller().orElseThrow(() -> new io.quarkus.security.UnauthorizedException());
    }

    /** The tenant this unit of work acts for, if it has one. */
    public Optional<String> tenantId() {
        resolve();
        return Optional.ofNullable(tenantId);
    }

    /**
     * The active tenant, or a problem telling the client how to name one: a 403 when the caller does not belong to
     * the tenant it asked for, a 400 when it belongs to several and named none.
     */
    public String requireTenant() {
        resolve();
        if (tenantId != null) {
            return tenantId;
        }
        if (requestedTenant != null) {
            throw new ProblemException(
                    ProblemType.NOT_TENANT_MEMBER, "You are not a member of tenant '" + requestedTenant + "'");
        }
        throw new ProblemException(
                ProblemType.TENANT_REQUIRED,
                "Name the tenant to act for in the " + TenantIdentityAugmentor.TENANT_HEADER + " header");
    }

    /**
     * Acts for {@code id} named in the request path: allowed for its members and for superadmins. For anyone else the
     * tenant does not exist (404), so that ids of other tenants cannot be probed.
     */
    public String enterTenant(String id) {
        Caller c = requireCaller();
        if (!c.superadmin() && !c.isMemberOf(id)) {
            throw ProblemException.notFound("Tenant", id);
        }
        this.tenantId = id;
        return id;
    }

    /** Declares a consumer or job acting for {@code id} (null for a platform-wide task). */
    public void runAsSystem(String id) {
        this.resolved = true;
        this.system = true;
        this.caller = null;
        this.tenantId = id;
    }

    public boolean isSystem() {
        resolve();
        return system;
    }

    public boolean isSuperadmin() {
        return caller().map(Caller::superadmin).orElse(false);
    }

    /** Who to record as the actor of events: the user id, or {@code system}. */
    public String actor() {
        return caller().map(Caller::userId).orElse(system ? "system" : null);
    }

    public Optional<String> clientIp() {
        return Optional.ofNullable(clientIp);
    }

    public void clientIp(String address) {
        this.clientIp = address;
    }

    private void resolve() {
        if (resolved) {
            return;
        }
        resolved = true;
        if (!identity.isResolvable()) {
            return;
        }
        SecurityIdentity current = identity.get();
        if (current.isAnonymous()) {
            return;
        }
        caller = current.getAttribute(TenantIdentityAugmentor.CALLER_ATTRIBUTE);
        tenantId = current.getAttribute(TenantIdentityAugmentor.ACTIVE_TENANT_ATTRIBUTE);
        requestedTenant = current.getAttribute(TenantIdentityAugmentor.REQUESTED_TENANT_ATTRIBUTE);
    }
}
