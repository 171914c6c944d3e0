package io.switchboard.tenant.team;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.security.Authenticated;
import io.quarkus.security.PermissionsAllowed;
import io.switchboard.commons.api.JsonMergePatch;
import io.switchboard.commons.api.Page;
import io.switchboard.commons.api.PageRequest;
import io.switchboard.commons.api.Responses;
import io.switchboard.commons.problem.Problem;
import io.switchboard.commons.problem.ProblemException;
import io.switchboard.commons.security.Permissions;
import io.switchboard.commons.tenant.TenantContext;
import io.switchboard.tenant.team.TeamModels.TeamDraft;
import io.switchboard.tenant.team.TeamModels.TeamView;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
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
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The teams of the active tenant: groups of its users that helpdesk and chat route work to. */
@Path("/api/v1/teams")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Teams")
@SecurityRequirement(name = "switchboard")
@Authenticated
public class TeamResource {

    private final TeamService service;
    private final TenantContext tenantContext;

    public TeamResource(TeamService service, TenantContext tenantContext) {
        this.service = service;
        this.tenantContext = tenantContext;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @PermissionsAllowed(Permissions.TEAMS_MANAGE)
    @Operation(summary = "Create a team in the active tenant")
    @APIResponse(responseCode = "201", description = "Created")
    @APIResponse(
            responseCode = "409",
            description = "The tenant has a team of that name (ignoring case)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "422",
            description = "`leadId` or `members[i]` is not a user of the tenant",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(@NotNull TeamDraft request, @Context UriInfo uri) {
        TeamView created = service.create(tenantContext.requireTenant(), request);
        return Responses.created(uri, created.id(), created, created.version());
    }

    @GET
    @PermissionsAllowed(Permissions.USERS_READ)
    @Operation(summary = "List the tenant's teams")
    public Page<TeamView> list(
            @Parameter(description = "Text in the name") @QueryParam("q") String text,
            @Parameter(description = "Only teams this user is a member of") @QueryParam("member") String member,
            @QueryParam("page") Integer page,
            @QueryParam("size") Integer size,
            @Parameter(description = "name, createdAt, updatedAt; `-` for descending") @QueryParam("sort")
                    String sort) {
        UUID memberId = null;
        if (member != null && !member.isBlank()) {
            try {
                memberId = UUID.fromString(member.strip());
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalid("member", "must be a user id");
            }
        }
        return service.list(
                tenantContext.requireTenant(),
                new TeamFilter(text == null || text.isBlank() ? null : text.strip(), memberId),
                PageRequest.of(page, size, sort, TeamStore.SORTABLE, "name"));
    }

    @GET
    @Path("{id}")
    @PermissionsAllowed(Permissions.USERS_READ)
    @Operation(summary = "Read a team of the tenant")
    public Response get(@PathParam("id") UUID id) {
        TeamView team = service.find(tenantContext.requireTenant(), id);
        return Responses.ok(team, team.version());
    }

    @PATCH
    @Path("{id}")
    @Consumes({JsonMergePatch.MEDIA_TYPE, MediaType.APPLICATION_JSON})
    @PermissionsAllowed(Permissions.TEAMS_MANAGE)
    @Operation(
            summary = "Change a team (JSON Merge Patch)",
            description = "`members`, when given, replaces the whole list; `If-Match` with the ETag guards against"
                    + " overwriting a concurrent change.")
    @RequestBody(
            content =
                    @Content(mediaType = JsonMergePatch.MEDIA_TYPE, schema = @Schema(implementation = TeamDraft.class)))
    public Response update(
            @PathParam("id") UUID id, JsonNode patch, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        TeamView updated = service.update(tenantContext.requireTenant(), id, patch, ifMatch);
        return Responses.ok(updated, updated.version());
    }

    @DELETE
    @Path("{id}")
    @PermissionsAllowed(Permissions.TEAMS_MANAGE)
    @Operation(summary = "Delete a team", description = "Its members stay users of the tenant.")
    @APIResponse(responseCode = "204", description = "Deleted")
    public void delete(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        service.delete(tenantContext.requireTenant(), id, ifMatch);
    }

    @PUT
    @Path("{id}/members/{userId}")
    @PermissionsAllowed(Permissions.TEAMS_MANAGE)
    @Operation(summary = "Add a user of the tenant to the team (idempotent)")
    @APIResponse(responseCode = "200", description = "The team with the member")
    @APIResponse(
            responseCode = "422",
            description = "The user is not a user of the tenant",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response addMember(@PathParam("id") UUID id, @PathParam("userId") String userId) {
        TeamView team = service.addMember(tenantContext.requireTenant(), id, userId);
        return Responses.ok(team, team.version());
    }

    @DELETE
    @Path("{id}/members/{userId}")
    @PermissionsAllowed(Permissions.TEAMS_MANAGE)
    @Operation(summary = "Take a member out of the team")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(
            responseCode = "404",
            description = "No such team, or the user is not a member",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public void removeMember(@PathParam("id") UUID id, @PathParam("userId") String userId) {
        service.removeMember(tenantContext.requireTenant(), id, userId);
    }
}
