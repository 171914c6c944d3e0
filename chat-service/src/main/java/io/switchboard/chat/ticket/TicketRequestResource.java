package io.switchboard.chat.ticket;

import io.quarkus.security.Authenticated;
import io.quarkus.security.PermissionsAllowed;
import io.switchboard.commons.problem.ProblemException;
import io.switchboard.commons.security.Caller;
import io.switchboard.commons.security.Permissions;
import io.switchboard.commons.tenant.TenantContext;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** An agent turns a chat into a helpdesk ticket: the request goes to helpdesk-service as an event. */
@Path("/api/v1/chat/sessions/{id}/ticket")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Chat sessions")
@SecurityRequirement(name = "switchboard")
@Authenticated
public class TicketRequestResource {

    public static final int MAX_SUBJECT = 200;

    /** An optional subject for the ticket. */
    public record Body(String subject) {}

    /** The request was accepted; helpdesk-service creates the ticket from {@code chat.session.ticket_requested}. */
    public record Accepted(UUID id, UUID sessionId) {}

    private final TicketRequestService service;
    private final TenantContext tenantContext;

    public TicketRequestResource(TicketRequestService service, TenantContext tenantContext) {
        this.service = service;
        this.tenantContext = tenantContext;
    }

    @POST
    @PermissionsAllowed(Permissions.CHATS_HANDLE)
    @Operation(
            summary = "Ask for a helpdesk ticket from the chat",
            description = "The session's agent, or chats:manage. 202 with the request's id: helpdesk-service opens the"
                    + " ticket from the event chat.session.ticket_requested (visitor and transcript).")
    public Response request(@PathParam("id") UUID id, Body body) {
        String tenant = tenantContext.requireTenant();
        Caller caller = tenantContext.requireCaller();
        String subject =
                body == null || body.subject() == null || body.subject().isBlank()
                        ? null
                        : body.subject().strip();
        if (subject != null && subject.length() > MAX_SUBJECT) {
            throw ProblemException.invalid("subject", "must be at most " + MAX_SUBJECT + " characters");
        }
        UUID request = service.request(
                tenant, id, caller.userId(), caller.hasPermissionIn(tenant, Permissions.CHATS_MANAGE), subject);
        return Response.accepted(new Accepted(request, id)).build();
    }
}
