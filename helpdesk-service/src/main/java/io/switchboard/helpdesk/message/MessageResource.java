package io.switchboard.helpdesk.message;

import io.quarkus.security.Authenticated;
import io.quarkus.security.PermissionsAllowed;
import io.switchboard.commons.api.Page;
import io.switchboard.commons.api.PageRequest;
import io.switchboard.commons.security.Permissions;
import io.switchboard.commons.tenant.TenantContext;
import io.switchboard.helpdesk.Actors;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The thread of a ticket of the active tenant. */
@Path("/api/v1/tickets/{id}/messages")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Ticket messages")
@SecurityRequirement(name = "switchboard")
@Authenticated
public class MessageResource {

    private final MessageService service;
    private final TenantContext tenantContext;
    private final Actors actors;

    public MessageResource(MessageService service, TenantContext tenantContext, Actors actors) {
        this.service = service;
        this.tenantContext = tenantContext;
        this.actors = actors;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @PermissionsAllowed(Permissions.TICKETS_HANDLE)
    @Operation(
            summary = "Add a reply or an internal note",
            description = "An agent's first public reply to an open ticket moves it to in_progress; a requester's"
                    + " message reopens a pending or resolved ticket. Closed tickets take no messages (409).")
    public Response post(@PathParam("id") UUID ticketId, @Valid @NotNull MessageCreate request, @Context UriInfo uri) {
        String tenant = tenantContext.requireTenant();
        MessageView message = service.post(tenant, ticketId, request, actors.current(tenant));
        return Response.created(uri.getAbsolutePathBuilder()
                        .path(message.id().toString())
                        .build())
                .entity(message)
                .build();
    }

    @GET
    @PermissionsAllowed(Permissions.TICKETS_READ)
    @Operation(
            summary = "The ticket's thread, oldest first",
            description = "Internal notes are included only for those who handle tickets (tickets:handle).")
    public Page<MessageView> list(
            @PathParam("id") UUID ticketId,
            @QueryParam("page") Integer page,
            @QueryParam("size") Integer size,
            @QueryParam("sort") String sort) {
        String tenant = tenantContext.requireTenant();
        return service.list(
                tenant,
                ticketId,
                PageRequest.of(page, size, sort, MessageService.SORTABLE, "createdAt"),
                actors.current(tenant));
    }

    @GET
    @Path("{messageId}")
    @PermissionsAllowed(Permissions.TICKETS_READ)
    @Operation(summary = "Read a message")
    public MessageView get(@PathParam("id") UUID ticketId, @PathParam("messageId") UUID messageId) {
        String tenant = tenantContext.requireTenant();
        return service.get(tenant, ticketId, messageId, actors.current(tenant));
    }
}
