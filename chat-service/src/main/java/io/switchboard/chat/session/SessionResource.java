package io.switchboard.chat.session;

import io.quarkus.security.Authenticated;
import io.quarkus.security.PermissionsAllowed;
import io.switchboard.chat.Actor;
import io.switchboard.chat.Actors;
import io.switchboard.chat.message.MessageService;
import io.switchboard.chat.message.MessageView;
import io.switchboard.chat.message.Sender;
import io.switchboard.chat.transfer.TransferRequest;
import io.switchboard.chat.transfer.TransferService;
import io.switchboard.chat.transfer.TransferView;
import io.switchboard.commons.api.Page;
import io.switchboard.commons.api.PageRequest;
import io.switchboard.commons.api.Responses;
import io.switchboard.commons.problem.ProblemException;
import io.switchboard.commons.problem.Validation;
import io.switchboard.commons.security.Permissions;
import io.switchboard.commons.tenant.TenantContext;
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
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The tenant's chat sessions, as agents and supervisors work them. */
@Path("/api/v1/chat")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Chat sessions")
@SecurityRequirement(name = "switchboard")
@Authenticated
public class SessionResource {

    /** A message from an agent; {@code clientMessageId} makes a retried send safe. */
    public record AgentMessage(String body, String clientMessageId) {}

    /** Read receipts up to a sequence number. */
    public record ReadReceipt(Long upToSeq) {}

    /** Who a supervisor gives a session to. */
    public record AssignRequest(String agentId) {}

    /** Why an agent ends a session. */
    public record EndRequest(String reason) {}

    private final SessionService service;
    private final MessageService messages;
    private final TransferService transfers;
    private final TenantContext tenantContext;
    private final Actors actors;

    public SessionResource(
            SessionService service,
            MessageService messages,
            TransferService transfers,
            TenantContext tenantContext,
            Actors actors) {
        this.service = service;
        this.messages = messages;
        this.transfers = transfers;
        this.tenantContext = tenantContext;
        this.actors = actors;
    }

    @GET
    @Path("sessions")
    @PermissionsAllowed(Permissions.CHATS_HANDLE)
    @Operation(
            summary = "List sessions",
            description = "Filters: status (repeatable), agent (a user id or me), widget, visitor, visitorEmail (a"
                    + " contact's sessions across browsers and widgets, any case).")
    public Page<SessionView> list(
            @QueryParam("status") List<String> status,
            @QueryParam("agent") String agent,
            @QueryParam("widget") UUID widget,
            @QueryParam("visitor") UUID visitor,
            @QueryParam("visitorEmail") String visitorEmail,
            @QueryParam("page") Integer page,
            @QueryParam("size") Integer size,
            @QueryParam("sort") String sort) {
        String tenant = tenantContext.requireTenant();
        Validation validation = new Validation();
        List<SessionStatus> statuses = new ArrayList<>();
        for (String entry : status == null ? List.<String>of() : status) {
            for (String part : entry.split(",")) {
                if (!part.isBlank()) {
                    try {
                        statuses.add(SessionStatus.valueOf(part.strip().toUpperCase(java.util.Locale.ROOT)));
                    } catch (IllegalArgumentException e) {
                        validation.add("status", "'" + part.strip() + "' is not queued, active, ended or abandoned");
                    }
                }
            }
        }
        String email = visitorEmail == null || visitorEmail.isBlank() ? null : visitorEmail.strip();
        if (email != null && (email.length() > 254 || !email.contains("@"))) {
            validation.add("visitorEmail", "must be an e-mail address");
        }
        validation.throwIfInvalid();
        String agentId = "me".equals(agent) ? actors.current(tenant).userId() : agent;
        return service.list(
                tenant,
                new SessionFilter(statuses, agentId, widget, visitor, email),
                PageRequest.of(page, size, sort, SessionRepository.SORTABLE, "-createdAt"));
    }

    @GET
    @Path("queue")
    @PermissionsAllowed(Permissions.CHATS_HANDLE)
    @Operation(summary = "The waiting sessions in queue order, with positions and estimated waits")
    public List<SessionView> queue() {
        return service.queue(tenantContext.requireTenant());
    }

    @GET
    @Path("visitors/{visitorId}/sessions")
    @PermissionsAllowed(Permissions.CHATS_HANDLE)
    @Operation(
            summary = "A visitor's sessions, newest first",
            description = "404 for a visitor who never chatted with this tenant (every visitor has a session).")
    public Page<SessionView> visitorSessions(
            @PathParam("visitorId") UUID visitorId,
            @QueryParam("page") Integer page,
            @QueryParam("size") Integer size) {
        Page<SessionView> sessions = service.list(
                tenantContext.requireTenant(),
                new SessionFilter(List.of(), null, null, visitorId),
                PageRequest.of(page, size, null, SessionRepository.SORTABLE, "-createdAt"));
        if (sessions.totalItems() == 0) {
            throw ProblemException.notFound("Visitor", visitorId.toString());
        }
        return sessions;
    }

    @GET
    @Path("sessions/{id}")
    @PermissionsAllowed(Permissions.CHATS_HANDLE)
    @Operation(summary = "Read a session")
    public Response get(@PathParam("id") UUID id) {
        SessionView session = service.get(tenantContext.requireTenant(), id);
        return Responses.ok(session, session.version());
    }

    @GET
    @Path("sessions/{id}/messages")
    @PermissionsAllowed(Permissions.CHATS_HANDLE)
    @Operation(summary = "A session's messages after a sequence number (default: from the start)")
    public List<MessageView> history(
            @PathParam("id") UUID id, @QueryParam("after") Long after, @QueryParam("limit") Integer limit) {
        String tenant = tenantContext.requireTenant();
        service.get(tenant, id);
        return messages.history(tenant, id, after == null ? 0 : after, limit(limit));
    }

    @POST
    @Path("sessions/{id}/messages")
    @Consumes(MediaType.APPLICATION_JSON)
    @PermissionsAllowed(Permissions.CHATS_HANDLE)
    @Operation(
            summary = "Write in a session you handle",
            description = "The same clientMessageId twice stores one message.")
    public Response send(@PathParam("id") UUID id, @NotNull AgentMessage request, @Context UriInfo uri) {
        String tenant = tenantContext.requireTenant();
        Actor actor = actors.current(tenant);
        Validations.body(request.body(), request.clientMessageId());
        MessageView message = service.send(
                tenant,
                id,
                Sender.agent(actor.userId(), actor.name()),
                request.body().strip(),
                request.clientMessageId());
        return Response.status(Response.Status.CREATED).entity(message).build();
    }

    @POST
    @Path("sessions/{id}/read")
    @Consumes(MediaType.APPLICATION_JSON)
    @PermissionsAllowed(Permissions.CHATS_HANDLE)
    @Operation(summary = "Mark the visitor's messages read up to a sequence number")
    public void read(@PathParam("id") UUID id, @NotNull ReadReceipt request) {
        String tenant = tenantContext.requireTenant();
        Validations.upToSeq(request.upToSeq());
        service.read(tenant, id, Sender.AGENT, actors.current(tenant).userId(), request.upToSeq());
    }

    @POST
    @Path("sessions/{id}/accept")
    @PermissionsAllowed(Permissions.CHATS_HANDLE)
    @Operation(
            summary = "Take a session",
            description = "One offered to you, or a waiting one from the queue; 409 agent_at_capacity at your limit.")
    public SessionView accept(@PathParam("id") UUID id) {
        String tenant = tenantContext.requireTenant();
        return service.accept(tenant, id, actors.current(tenant));
    }

    @POST
    @Path("sessions/{id}/assign")
    @Consumes(MediaType.APPLICATION_JSON)
    @PermissionsAllowed(Permissions.AGENTS_MANAGE)
    @Operation(summary = "Give a waiting session to an agent (supervisors)")
    public SessionView assign(@PathParam("id") UUID id, @NotNull AssignRequest request) {
        String tenant = tenantContext.requireTenant();
        if (request.agentId() == null || request.agentId().isBlank()) {
            throw io.switchboard.commons.problem.ProblemException.invalid("agentId", "must not be blank");
        }
        return service.assign(tenant, id, request.agentId().strip(), actors.current(tenant));
    }

    @POST
    @Path("sessions/{id}/end")
    @PermissionsAllowed(Permissions.CHATS_HANDLE)
    @Operation(summary = "End a session (its agent or a supervisor)")
    public SessionView end(@PathParam("id") UUID id) {
        String tenant = tenantContext.requireTenant();
        SessionView ended = service.end(tenant, id, Sender.AGENT, "agent", actors.current(tenant));
        service.dispatch(tenant);
        return ended;
    }

    @POST
    @Path("sessions/{id}/transfers")
    @Consumes(MediaType.APPLICATION_JSON)
    @PermissionsAllowed(Permissions.CHATS_HANDLE)
    @Operation(
            summary = "Transfer a session to an agent or a team",
            description = "Pending until the receiver accepts or rejects it, or the timeout gives it back to you.")
    public Response transfer(@PathParam("id") UUID id, @NotNull TransferRequest request, @Context UriInfo uri) {
        String tenant = tenantContext.requireTenant();
        TransferView transfer = transfers.request(tenant, id, request, actors.current(tenant));
        return Response.created(uri.getBaseUriBuilder()
                        .path("/api/v1/chat/transfers/" + transfer.id())
                        .build())
                .entity(transfer)
                .build();
    }

    static int limit(Integer limit) {
        if (limit == null) {
            return 500;
        }
        if (limit < 1 || limit > 1000) {
            throw io.switchboard.commons.problem.ProblemException.invalid("limit", "must be between 1 and 1000");
        }
        return limit;
    }
}
