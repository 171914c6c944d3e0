package io.switchboard.helpdesk.assignment;

import io.quarkus.security.Authenticated;
import io.quarkus.security.PermissionsAllowed;
import io.switchboard.commons.security.Permissions;
import io.switchboard.commons.tenant.TenantContext;
import io.switchboard.helpdesk.Actors;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Whether an agent takes automatically assigned tickets: agents set their own, supervisors anyone's. */
@Path("/api/v1/helpdesk/agents/{userId}/availability")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Assignment")
@SecurityRequirement(name = "switchboard")
@Authenticated
public class AgentAvailabilityResource {

    private final AutoAssignment assignment;
    private final TenantContext tenantContext;
    private final Actors actors;

    public AgentAvailabilityResource(AutoAssignment assignment, TenantContext tenantContext, Actors actors) {
        this.assignment = assignment;
        this.tenantContext = tenantContext;
        this.actors = actors;
    }

    @GET
    @PermissionsAllowed(Permissions.TICKETS_READ)
    @Operation(summary = "Read an agent's helpdesk availability")
    @APIResponse(responseCode = "404", description = "Not a current member of the tenant")
    public AvailabilityView get(@PathParam("userId") String userId) {
        return assignment.availability(tenantContext.requireTenant(), userId);
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @PermissionsAllowed(Permissions.TICKETS_HANDLE)
    @Operation(
            summary = "Set an agent's helpdesk availability",
            description = "An unavailable agent gets no automatically assigned tickets (they keep their tickets and"
                    + " can still be given some by hand). Agents set their own; setting another's needs"
                    + " tickets:assign.")
    @APIResponse(responseCode = "404", description = "Not a current member of the tenant")
    public AvailabilityView set(@PathParam("userId") String userId, @Valid @NotNull AvailabilityChange change) {
        String tenant = tenantContext.requireTenant();
        return assignment.setAvailability(tenant, userId, change.available(), actors.current(tenant));
    }
}
