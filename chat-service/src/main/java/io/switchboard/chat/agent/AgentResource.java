package io.switchboard.chat.agent;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.security.Authenticated;
import io.quarkus.security.PermissionsAllowed;
import io.switchboard.chat.Actor;
import io.switchboard.chat.Actors;
import io.switchboard.chat.session.SessionService;
import io.switchboard.chat.token.ChatTokens;
import io.switchboard.commons.api.JsonMergePatch;
import io.switchboard.commons.api.Responses;
import io.switchboard.commons.security.Permissions;
import io.switchboard.commons.tenant.TenantContext;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The tenant's chat agents: availability, capacity, team, skills; and an agent's ticket for their socket. */
@Path("/api/v1/chat/agents")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Chat agents")
@SecurityRequirement(name = "switchboard")
@Authenticated
public class AgentResource {

    /** A one-minute ticket that opens the agent's WebSocket ({@code ?ticket=}). */
    public record SocketTicket(String ticket, String path, Instant expiresAt) {}

    private final AgentService service;
    private final SessionService sessions;
    private final TenantContext tenantContext;
    private final Actors actors;
    private final ChatTokens tokens;

    public AgentResource(
            AgentService service,
            SessionService sessions,
            TenantContext tenantContext,
            Actors actors,
            ChatTokens tokens) {
        this.service = service;
        this.sessions = sessions;
        this.tenantContext = tenantContext;
        this.actors = actors;
        this.tokens = tokens;
    }

    @GET
    @PermissionsAllowed(Permissions.CHATS_HANDLE)
    @Operation(summary = "List chat agents", description = "Filter by availability (online, away, offline) and team.")
    public List<AgentView> list(@QueryParam("availability") String availability, @QueryParam("team") String team) {
        return service.list(tenantContext.requireTenant(), availability, team);
    }

    @GET
    @Path("me")
    @PermissionsAllowed(Permissions.CHATS_HANDLE)
    @Operation(summary = "Your chat agent profile")
    public Response me() {
        String tenant = tenantContext.requireTenant();
        AgentView agent = service.get(tenant, actors.current(tenant).userId());
        return Responses.ok(agent, agent.version());
    }

    @PATCH
    @Path("me")
    @Consumes({JsonMergePatch.MEDIA_TYPE, MediaType.APPLICATION_JSON})
    @PermissionsAllowed(Permissions.CHATS_HANDLE)
    @Operation(
            summary = "Set your availability, auto-accept or display name (JSON Merge Patch)",
            description = "Creates your profile on first use. Going online takes waiting sessions from the queue.")
    public Response updateMe(JsonNode patch, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        String tenant = tenantContext.requireTenant();
        Actor actor = actors.current(tenant);
        AgentView agent = service.upsert(tenant, actor.userId(), actor.name(), patch, ifMatch, true);
        sessions.dispatch(tenant);
        return Responses.ok(agent, agent.version());
    }

    @GET
    @Path("{userId}")
    @PermissionsAllowed(Permissions.CHATS_HANDLE)
    @Operation(summary = "Read a chat agent")
    public Response get(@PathParam("userId") String userId) {
        AgentView agent = service.get(tenantContext.requireTenant(), userId);
        return Responses.ok(agent, agent.version());
    }

    @PATCH
    @Path("{userId}")
    @Consumes({JsonMergePatch.MEDIA_TYPE, MediaType.APPLICATION_JSON})
    @PermissionsAllowed(Permissions.AGENTS_MANAGE)
    @Operation(
            summary = "Set up or change a chat agent (JSON Merge Patch)",
            description = "Supervisors set capacity (maxConcurrentChats), team, skills and the rest; creates the"
                    + " profile when the user has none.")
    public Response update(
            @PathParam("userId") String userId, JsonNode patch, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        String tenant = tenantContext.requireTenant();
        AgentView agent = service.upsert(tenant, userId, userId, patch, ifMatch, false);
        sessions.dispatch(tenant);
        return Responses.ok(agent, agent.version());
    }

    @POST
    @Path("me/socket-ticket")
    @PermissionsAllowed(Permissions.CHATS_HANDLE)
    @Operation(
            summary = "A ticket for your chat WebSocket",
            description = "Open ws(s)://<host>/api/v1/chat/ws/agent?ticket=<ticket> within a minute.")
    public SocketTicket ticket() {
        String tenant = tenantContext.requireTenant();
        Actor actor = actors.current(tenant);
        String ticket = tokens.agentTicket(tenant, actor.userId(), actor.name());
        return new SocketTicket(
                ticket,
                "/api/v1/chat/ws/agent?ticket=" + ticket,
                tokens.verifyAgent(ticket)
                        .map(c -> Instant.ofEpochSecond(c.exp()))
                        .orElseThrow());
    }
}
