package io.switchboard.helpdesk.settings;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.security.Authenticated;
import io.quarkus.security.PermissionsAllowed;
import io.switchboard.commons.api.JsonMergePatch;
import io.switchboard.commons.api.Responses;
import io.switchboard.commons.security.Permissions;
import io.switchboard.commons.tenant.TenantContext;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The active tenant's helpdesk settings (ticket numbering). */
@Path("/api/v1/helpdesk/settings")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Helpdesk settings")
@SecurityRequirement(name = "switchboard")
@Authenticated
public class SettingsResource {

    private final SettingsService service;
    private final TenantContext tenantContext;

    public SettingsResource(SettingsService service, TenantContext tenantContext) {
        this.service = service;
        this.tenantContext = tenantContext;
    }

    @GET
    @PermissionsAllowed(Permissions.TICKETS_READ)
    @Operation(summary = "Read the helpdesk settings")
    public Response get() {
        SettingsView settings = service.get(tenantContext.requireTenant());
        return Responses.ok(settings, settings.version());
    }

    @PATCH
    @Consumes({JsonMergePatch.MEDIA_TYPE, MediaType.APPLICATION_JSON})
    @PermissionsAllowed(Permissions.TICKETS_MANAGE)
    @Operation(
            summary = "Change the helpdesk settings (JSON Merge Patch)",
            description = "A new ticketPrefix applies to tickets created from now on; existing tickets keep their"
                    + " numbers and are still found by them.")
    public Response update(JsonNode patch, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        SettingsView settings = service.update(tenantContext.requireTenant(), patch, ifMatch);
        return Responses.ok(settings, settings.version());
    }
}
