package io.switchboard.helpdesk.reminder;

import io.quarkus.security.Authenticated;
import io.quarkus.security.PermissionsAllowed;
import io.switchboard.commons.security.Permissions;
import io.switchboard.commons.tenant.TenantContext;
import io.switchboard.helpdesk.Actors;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Reminders of a ticket for its assignee. */
@Path("/api/v1/tickets/{id}/reminders")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Tickets")
@SecurityRequirement(name = "switchboard")
@Authenticated
public class ReminderResource {

    private final ReminderService service;
    private final TenantContext tenantContext;
    private final Actors actors;

    public ReminderResource(ReminderService service, TenantContext tenantContext, Actors actors) {
        this.service = service;
        this.tenantContext = tenantContext;
        this.actors = actors;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @PermissionsAllowed(Permissions.TICKETS_HANDLE)
    @Operation(
            summary = "Set a reminder",
            description = "At remindAt, helpdesk.ticket.reminder_due is emitted for whoever is the ticket's assignee"
                    + " then (once, also across restarts and replicas). At most 20 pending per ticket.")
    public Response create(@PathParam("id") UUID ticketId, @NotNull ReminderCreate request, @Context UriInfo uri) {
        String tenant = tenantContext.requireTenant();
        ReminderView reminder = service.create(tenant, ticketId, request, actors.current(tenant));
        return Response.created(uri.getAbsolutePathBuilder()
                        .path(reminder.id().toString())
                        .build())
                .entity(reminder)
                .build();
    }

    @GET
    @PermissionsAllowed(Permissions.TICKETS_READ)
    @Operation(summary = "The ticket's reminders, pending and fired, by time")
    public List<ReminderView> list(@PathParam("id") UUID ticketId) {
        return service.list(tenantContext.requireTenant(), ticketId);
    }

    @DELETE
    @Path("{reminderId}")
    @PermissionsAllowed(Permissions.TICKETS_HANDLE)
    @Operation(summary = "Remove a reminder")
    public void delete(@PathParam("id") UUID ticketId, @PathParam("reminderId") UUID reminderId) {
        service.delete(tenantContext.requireTenant(), ticketId, reminderId);
    }
}
