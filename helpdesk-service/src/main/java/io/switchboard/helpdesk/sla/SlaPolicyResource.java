package io.switchboard.helpdesk.sla;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.security.Authenticated;
import io.quarkus.security.PermissionsAllowed;
import io.switchboard.commons.api.JsonMergePatch;
import io.switchboard.commons.api.Responses;
import io.switchboard.commons.security.Permissions;
import io.switchboard.commons.tenant.TenantContext;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The active tenant's SLA policies, kept by tenant admins (tickets:manage). */
@Path("/api/v1/helpdesk/sla-policies")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "SLA policies")
@SecurityRequirement(name = "switchboard")
@Authenticated
public class SlaPolicyResource {

    private final SlaPolicyService service;
    private final TenantContext tenantContext;

    public SlaPolicyResource(SlaPolicyService service, TenantContext tenantContext) {
        this.service = service;
        this.tenantContext = tenantContext;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @PermissionsAllowed(Permissions.TICKETS_MANAGE)
    @Operation(
            summary = "Create an SLA policy",
            description = "One per priority and optional category; a ticket follows its category's policy, else its"
                    + " priority's default. Targets in minutes, in business hours when businessHours is true.")
    public Response create(@NotNull SlaPolicyDraft request, @Context UriInfo uri) {
        SlaPolicyView policy = service.create(tenantContext.requireTenant(), request);
        return Responses.created(uri, policy.id(), policy, policy.version());
    }

    @GET
    @PermissionsAllowed(Permissions.TICKETS_MANAGE)
    @Operation(summary = "List SLA policies", description = "By priority (critical first), then category.")
    public List<SlaPolicyView> list() {
        return service.list(tenantContext.requireTenant());
    }

    @GET
    @Path("{id}")
    @PermissionsAllowed(Permissions.TICKETS_MANAGE)
    @Operation(summary = "Read an SLA policy")
    public Response get(@PathParam("id") UUID id) {
        SlaPolicyView policy = service.get(tenantContext.requireTenant(), id);
        return Responses.ok(policy, policy.version());
    }

    @PATCH
    @Path("{id}")
    @Consumes({JsonMergePatch.MEDIA_TYPE, MediaType.APPLICATION_JSON})
    @PermissionsAllowed(Permissions.TICKETS_MANAGE)
    @Operation(
            summary = "Change an SLA policy (JSON Merge Patch)",
            description = "Applies to tickets from their next" + " creation or reprioritization.")
    public Response update(
            @PathParam("id") UUID id, JsonNode patch, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        SlaPolicyView policy = service.update(tenantContext.requireTenant(), id, patch, ifMatch);
        return Responses.ok(policy, policy.version());
    }

    @DELETE
    @Path("{id}")
    @PermissionsAllowed(Permissions.TICKETS_MANAGE)
    @Operation(summary = "Delete an SLA policy", description = "Its tickets have no SLA any more.")
    public void delete(@PathParam("id") UUID id) {
        service.delete(tenantContext.requireTenant(), id);
    }
}
