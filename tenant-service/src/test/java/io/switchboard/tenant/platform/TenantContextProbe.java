package io.switchboard.tenant.platform;

import io.quarkus.security.Authenticated;
import io.quarkus.security.PermissionsAllowed;
import io.switchboard.commons.tenant.TenantContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/** Test-only endpoints that expose what platform-commons resolves for a request. */
@Path("/test/tenant-context")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class TenantContextProbe {

    private final TenantContext tenantContext;

    public TenantContextProbe(TenantContext tenantContext) {
        this.tenantContext = tenantContext;
    }

    @GET
    public Map<String, String> activeTenant() {
        return Map.of("tenant", tenantContext.requireTenant());
    }

    @GET
    @Path("settings")
    @PermissionsAllowed("tenant:settings")
    public Map<String, String> needsSettingsPermission() {
        return Map.of("tenant", tenantContext.requireTenant());
    }

    @POST
    public Map<String, String> write() {
        return Map.of("tenant", tenantContext.requireTenant());
    }
}
