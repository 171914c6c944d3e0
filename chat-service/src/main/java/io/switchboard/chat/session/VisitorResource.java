package io.switchboard.chat.session;

import io.switchboard.chat.message.MessageService;
import io.switchboard.chat.message.MessageView;
import io.switchboard.chat.message.Sender;
import io.switchboard.chat.token.ChatTokens;
import io.switchboard.chat.token.ChatTokens.VisitorClaims;
import io.switchboard.chat.widget.PublicWidgetView;
import io.switchboard.chat.widget.Widget;
import io.switchboard.chat.widget.WidgetDraft;
import io.switchboard.chat.widget.WidgetService;
import io.switchboard.commons.api.Page;
import io.switchboard.commons.api.PageRequest;
import io.switchboard.commons.problem.Problem;
import io.switchboard.commons.problem.ProblemException;
import io.switchboard.commons.problem.ProblemType;
import io.switchboard.commons.problem.Validation;
import io.switchboard.commons.tenant.TenantDirectory;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The visitor's side, public: authenticated by the widget key and then the session token ({@code X-Chat-Token}), never
 * by Keycloak. Every request passes the widget's Origin and IP rules ({@link VisitorGate}).
 */
@Path("/api/v1/chat/public")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Chat visitors")
@PermitAll
public class VisitorResource {

    public static final String TOKEN_HEADER = "X-Chat-Token";
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    private static final Pattern PHONE = Pattern.compile("^\\+?[0-9 ()./-]{5,30}$");

    /** A started session, and the token for its REST calls ({@code X-Chat-Token}) and socket ({@code ?token=}). */
    public record Started(SessionView session, String token, String socketPath) {}

    /** A message from the visitor; {@code clientMessageId} makes a retried send safe. */
    public record VisitorMessage(String body, String clientMessageId) {}

    /** The offline form was taken. */
    public record OfflineAccepted(UUID id) {}

    private final VisitorGate gate;
    private final WidgetService widgets;
    private final SessionService sessions;
    private final MessageService messages;
    private final ChatTokens tokens;
    private final TenantDirectory directory;

    public VisitorResource(
            VisitorGate gate,
            WidgetService widgets,
            SessionService sessions,
            MessageService messages,
            ChatTokens tokens,
            TenantDirectory directory) {
        this.gate = gate;
        this.widgets = widgets;
        this.sessions = sessions;
        this.messages = messages;
        this.tokens = tokens;
        this.directory = directory;
    }

    @GET
    @Path("widgets/{key}")
    @Operation(summary = "A widget's look, pre-chat form and whether chats are offered now")
    public PublicWidgetView widget(
            @PathParam("key") String key, @HeaderParam("Origin") String origin, @Context HttpServerRequest http) {
        Widget widget = gate.widget(key, origin, address(http));
        WidgetDraft c = widget.config;
        return new PublicWidgetView(
                widget.widgetKey, widget.name, c.appearance(), c.behaviour(), online(widget), c.offlineMessage());
    }

    @POST
    @Path("widgets/{key}/sessions")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Start a chat",
            description = "Answers the session (queued, with position and estimated wait, or already with an agent)"
                    + " and its token. 409 widget_offline outside business hours: use the offline form.")
    public Response start(
            @PathParam("key") String key,
            @NotNull StartRequest request,
            @HeaderParam("Origin") String origin,
            @HeaderParam("User-Agent") String userAgent,
            @Context HttpServerRequest http) {
        String address = address(http);
        Widget widget = gate.widget(key, origin, address);
        directory.requireWritable(widget.tenantId);
        directory.requireFeature(widget.tenantId, "chat", null);
        validate(widget.config.behaviour(), request);
        if (!online(widget)) {
            throw new ProblemException(Problem.of(
                            ProblemType.CONFLICT,
                            "Chats are not offered now (outside business hours); leave a message with the offline form")
                    .with("reason", "widget_offline")
                    .with("offlineMessage", widget.config.offlineMessage()));
        }
        SessionView started = sessions.start(widget.tenantId, widget, request, address, userAgent);
        sessions.dispatch(widget.tenantId);
        SessionView now = sessions.viewOf(widget.tenantId, started.id());
        String token = tokens.visitorToken(widget.tenantId, widget.id, started.id(), started.visitorId());
        return Response.status(Response.Status.CREATED)
                .entity(new Started(now, token, "/api/v1/chat/ws/visitor?token=" + token))
                .build();
    }

    @POST
    @Path("widgets/{key}/offline-messages")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Leave a message while chats are not offered (becomes an event for the helpdesk)")
    public Response offline(
            @PathParam("key") String key,
            @NotNull OfflineRequest request,
            @HeaderParam("Origin") String origin,
            @HeaderParam("User-Agent") String userAgent,
            @Context HttpServerRequest http) {
        String address = address(http);
        Widget widget = gate.widget(key, origin, address);
        directory.requireWritable(widget.tenantId);
        Validation validation = new Validation();
        if (request.email() == null || !EMAIL.matcher(request.email()).matches()) {
            validation.add("email", "must be an e-mail address, so that someone can answer");
        }
        if (request.message() == null || request.message().isBlank()) {
            validation.add("message", "must not be blank");
        } else if (request.message().length() > MessageService.MAX_BODY) {
            validation.add("message", "must be at most " + MessageService.MAX_BODY + " characters");
        }
        checkLengths(validation, request.name(), request.phone());
        validation.throwIfInvalid();
        UUID id = sessions.offlineMessage(widget.tenantId, widget, request, address, userAgent);
        return Response.accepted(new OfflineAccepted(id)).build();
    }

    @GET
    @Path("sessions/{id}")
    @Operation(summary = "The visitor's session, with queue position and estimated wait while queued")
    public SessionView session(
            @PathParam("id") UUID id,
            @HeaderParam(TOKEN_HEADER) String token,
            @HeaderParam("Origin") String origin,
            @Context HttpServerRequest http) {
        VisitorClaims claims = gate.session(token, id, origin, address(http));
        return sessions.viewOf(claims.tenantId(), id);
    }

    @GET
    @Path("sessions/{id}/messages")
    @Operation(summary = "The session's messages after a sequence number (to resume)")
    public List<MessageView> history(
            @PathParam("id") UUID id,
            @QueryParam("after") Long after,
            @HeaderParam(TOKEN_HEADER) String token,
            @HeaderParam("Origin") String origin,
            @Context HttpServerRequest http) {
        VisitorClaims claims = gate.session(token, id, origin, address(http));
        return messages.history(claims.tenantId(), id, after == null ? 0 : after, 1000);
    }

    @POST
    @Path("sessions/{id}/messages")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Write in the session", description = "The same clientMessageId twice stores one message.")
    public Response send(
            @PathParam("id") UUID id,
            @NotNull VisitorMessage request,
            @HeaderParam(TOKEN_HEADER) String token,
            @HeaderParam("Origin") String origin,
            @Context HttpServerRequest http) {
        VisitorClaims claims = gate.session(token, id, origin, address(http));
        Validations.body(request.body(), request.clientMessageId());
        MessageView message = sessions.send(
                claims.tenantId(),
                id,
                new Sender(Sender.VISITOR, null, null),
                request.body().strip(),
                request.clientMessageId());
        return Response.status(Response.Status.CREATED).entity(message).build();
    }

    @POST
    @Path("sessions/{id}/read")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Mark the agent's messages read up to a sequence number")
    public void read(
            @PathParam("id") UUID id,
            @NotNull SessionResource.ReadReceipt request,
            @HeaderParam(TOKEN_HEADER) String token,
            @HeaderParam("Origin") String origin,
            @Context HttpServerRequest http) {
        VisitorClaims claims = gate.session(token, id, origin, address(http));
        Validations.upToSeq(request.upToSeq());
        sessions.read(claims.tenantId(), id, Sender.VISITOR, null, request.upToSeq());
    }

    @POST
    @Path("sessions/{id}/end")
    @Operation(summary = "Leave the chat", description = "A session left while queued counts as abandoned.")
    public SessionView end(
            @PathParam("id") UUID id,
            @HeaderParam(TOKEN_HEADER) String token,
            @HeaderParam("Origin") String origin,
            @Context HttpServerRequest http) {
        VisitorClaims claims = gate.session(token, id, origin, address(http));
        SessionView ended = sessions.end(claims.tenantId(), id, Sender.VISITOR, "visitor", null);
        sessions.dispatch(claims.tenantId());
        return ended;
    }

    @GET
    @Path("sessions/{id}/history")
    @Operation(summary = "The visitor's earlier sessions on this widget, newest first")
    public Page<SessionView> visitorHistory(
            @PathParam("id") UUID id,
            @HeaderParam(TOKEN_HEADER) String token,
            @HeaderParam("Origin") String origin,
            @Context HttpServerRequest http) {
        VisitorClaims claims = gate.session(token, id, origin, address(http));
        return sessions.list(
                claims.tenantId(),
                new SessionFilter(List.of(), null, claims.widgetId(), claims.visitorId()),
                PageRequest.of(0, 50, null, SessionRepository.SORTABLE, "-createdAt"));
    }

    private boolean online(Widget widget) {
        return widgets.isOpen(widget.tenantId, widget.config.businessHours(), Instant.now());
    }

    private static void validate(WidgetDraft.Behaviour behaviour, StartRequest request) {
        Validation validation = new Validation();
        if (behaviour.requireName() && (request.name() == null || request.name().isBlank())) {
            validation.add("name", "is required by this widget");
        }
        if (behaviour.requireEmail()
                && (request.email() == null || request.email().isBlank())) {
            validation.add("email", "is required by this widget");
        } else if (request.email() != null
                && !request.email().isBlank()
                && !EMAIL.matcher(request.email()).matches()) {
            validation.add("email", "must be an e-mail address");
        }
        if (behaviour.requirePhone()
                && (request.phone() == null || request.phone().isBlank())) {
            validation.add("phone", "is required by this widget");
        }
        checkLengths(validation, request.name(), request.phone());
        if (request.currentUrl() != null && request.currentUrl().length() > 2048) {
            validation.add("currentUrl", "must be at most 2048 characters");
        }
        if (request.referrerUrl() != null && request.referrerUrl().length() > 2048) {
            validation.add("referrerUrl", "must be at most 2048 characters");
        }
        if (request.message() != null && request.message().length() > MessageService.MAX_BODY) {
            validation.add("message", "must be at most " + MessageService.MAX_BODY + " characters");
        }
        validation.throwIfInvalid();
    }

    private static void checkLengths(Validation validation, String name, String phone) {
        if (name != null && name.length() > 100) {
            validation.add("name", "must be at most 100 characters");
        }
        if (phone != null && !phone.isBlank() && !PHONE.matcher(phone).matches()) {
            validation.add("phone", "must be a phone number such as +49 30 1234567");
        }
    }

    /** The visitor's address: the direct peer, or X-Forwarded-For when the peer is a trusted proxy (the gateway). */
    public static String address(HttpServerRequest http) {
        return http.remoteAddress() == null ? null : http.remoteAddress().hostAddress();
    }
}
