package io.switchboard.routing.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.security.Authenticated;
import io.quarkus.security.PermissionsAllowed;
import io.switchboard.commons.api.JsonMergePatch;
import io.switchboard.commons.api.Page;
import io.switchboard.commons.api.PageRequest;
import io.switchboard.commons.api.Responses;
import io.switchboard.commons.security.Permissions;
import io.switchboard.commons.tenant.TenantContext;
import jakarta.validation.Valid;
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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The active tenant's named business-hours schedules. */
@Path("/api/v1/routing/schedules")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Schedules")
@SecurityRequirement(name = "switchboard")
@Authenticated
public class ScheduleResource {

    private final ScheduleService service;
    private final TenantContext tenantContext;

    public ScheduleResource(ScheduleService service, TenantContext tenantContext) {
        this.service = service;
        this.tenantContext = tenantContext;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @PermissionsAllowed(Permissions.ROUTING_MANAGE)
    @Operation(
            summary = "Create a schedule",
            description = "Weekly intervals in local time of an IANA zone (several per day), holidays and one-off"
                    + " closures; correct across daylight-saving changes. A week without intervals is always open.")
    public Response create(@Valid @NotNull ScheduleDraft request, @Context UriInfo uri) {
        ScheduleView schedule = service.create(tenantContext.requireTenant(), request);
        return Responses.created(uri, schedule.id(), schedule, schedule.version());
    }

    @GET
    @PermissionsAllowed(Permissions.TELEPHONY_READ)
    @Operation(summary = "List schedules")
    public Page<ScheduleView> list(
            @QueryParam("page") Integer page, @QueryParam("size") Integer size, @QueryParam("sort") String sort) {
        return service.list(
                tenantContext.requireTenant(), PageRequest.of(page, size, sort, ScheduleRepository.SORTABLE, "name"));
    }

    @GET
    @Path("{id}")
    @PermissionsAllowed(Permissions.TELEPHONY_READ)
    @Operation(summary = "Read a schedule")
    public Response get(@PathParam("id") UUID id) {
        ScheduleView schedule = service.get(tenantContext.requireTenant(), id);
        return Responses.ok(schedule, schedule.version());
    }

    @PATCH
    @Path("{id}")
    @Consumes({JsonMergePatch.MEDIA_TYPE, MediaType.APPLICATION_JSON})
    @PermissionsAllowed(Permissions.ROUTING_MANAGE)
    @Operation(summary = "Change a schedule (JSON Merge Patch)")
    public Response update(
            @PathParam("id") UUID id, JsonNode patch, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        ScheduleView schedule = service.update(tenantContext.requireTenant(), id, patch, ifMatch);
        return Responses.ok(schedule, schedule.version());
    }

    @DELETE
    @Path("{id}")
    @PermissionsAllowed(Permissions.ROUTING_MANAGE)
    @Operation(summary = "Delete a schedule", description = "Refused (409) while a DID's route uses it.")
    public void delete(@PathParam("id") UUID id) {
        service.delete(tenantContext.requireTenant(), id);
    }
}
