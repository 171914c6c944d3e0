package io.switchboard.helpdesk.canned;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.security.Authenticated;
import io.quarkus.security.PermissionsAllowed;
import io.switchboard.commons.api.JsonMergePatch;
import io.switchboard.commons.api.Page;
import io.switchboard.commons.api.PageRequest;
import io.switchboard.commons.api.Responses;
import io.switchboard.commons.problem.ProblemException;
import io.switchboard.commons.security.Permissions;
import io.switchboard.commons.tenant.TenantContext;
import io.switchboard.helpdesk.Actors;
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
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The active tenant's ticket responses: everyone who reads tickets reads them, tenant admins (tickets:manage) edit
 * them; {@code POST /api/v1/tickets} with {@code responseId} and {@code variables} uses one.
 */
@Path("/api/v1/helpdesk/canned-responses")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Canned responses")
@SecurityRequirement(name = "switchboard")
@Authenticated
public class CannedResponseResource {

    private final CannedResponseService service;
    private final TenantContext tenantContext;
    private final Actors actors;

    public CannedResponseResource(CannedResponseService service, TenantContext tenantContext, Actors actors) {
        this.service = service;
        this.tenantContext = tenantContext;
        this.actors = actors;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @PermissionsAllowed(Permissions.TICKETS_MANAGE)
    @Operation(
            summary = "Create a canned response",
            description = "Names and shortcuts are unique in the tenant regardless of case. The body may use "
                    + CannedResponseService.VARIABLE_LIST
                    + "; they are filled in for the ticket when it is sent or rendered (nothing is evaluated).")
    public Response create(@NotNull CannedResponseDraft request, @Context UriInfo uri) {
        CannedResponseView response = service.create(tenantContext.requireTenant(), request);
        return Responses.created(uri, response.id(), response, response.version());
    }

    @GET
    @PermissionsAllowed(Permissions.TICKETS_HANDLE)
    @Operation(summary = "List canned responses")
    public Page<CannedResponseView> list(
            @Parameter(description = "Name or shortcut contains") @QueryParam("q") String search,
            @QueryParam("page") Integer page,
            @QueryParam("size") Integer size,
            @Parameter(description = "name (default), createdAt, updatedAt; -field for descending") @QueryParam("sort")
                    String sort) {
        return service.list(
                tenantContext.requireTenant(),
                search == null || search.isBlank() ? null : search.strip(),
                PageRequest.of(page, size, sort, CannedResponseService.SORTABLE, "name"));
    }

    @GET
    @Path("{id}")
    @PermissionsAllowed(Permissions.TICKETS_HANDLE)
    @Operation(summary = "Read a canned response")
    public Response get(@PathParam("id") UUID id) {
        CannedResponseView response = service.get(tenantContext.requireTenant(), id);
        return Responses.ok(response, response.version());
    }

    @PATCH
    @Path("{id}")
    @Consumes({JsonMergePatch.MEDIA_TYPE, MediaType.APPLICATION_JSON})
    @PermissionsAllowed(Permissions.TICKETS_MANAGE)
    @Operation(summary = "Change a canned response (JSON Merge Patch)")
    public Response update(
            @PathParam("id") UUID id, JsonNode patch, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        CannedResponseView response = service.update(tenantContext.requireTenant(), id, patch, ifMatch);
        return Responses.ok(response, response.version());
    }

    @DELETE
    @Path("{id}")
    @PermissionsAllowed(Permissions.TICKETS_MANAGE)
    @Operation(summary = "Delete a canned response", description = "Messages sent with it keep their text.")
    public void delete(@PathParam("id") UUID id) {
        service.delete(tenantContext.requireTenant(), id);
    }

    @GET
    @Path("{id}/render")
    @PermissionsAllowed(Permissions.TICKETS_HANDLE)
    @Operation(
            summary = "Preview a canned response for a ticket",
            description = "The text a reply with it would have on this ticket, sent by you.")
    public RenderedResponse render(@PathParam("id") UUID id, @QueryParam("ticketId") String ticketId) {
        String tenant = tenantContext.requireTenant();
        UUID ticket;
        try {
            ticket = UUID.fromString(ticketId == null ? "" : ticketId.strip());
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("ticketId", "must be a ticket id (a UUID)");
        }
        return service.render(tenant, id, ticket, actors.current(tenant));
    }
}
