package io.switchboard.tenant.user;

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
import io.switchboard.tenant.user.UserModels.OwnPasswordChange;
import io.switchboard.tenant.user.UserModels.PasswordChange;
import io.switchboard.tenant.user.UserModels.UserCreate;
import io.switchboard.tenant.user.UserModels.UserDraft;
import io.switchboard.tenant.user.UserModels.UserView;
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

/** The users of the active tenant: their profile, status and roles there; logins live in Keycloak. */
@Path("/api/v1/users")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Users")
@SecurityRequirement(name = "switchboard")
@Authenticated
public class UserResource {

    private final UserService service;
    private final TenantContext tenantContext;

    public UserResource(UserService service, TenantContext tenantContext) {
        this.service = service;
        this.tenantContext = tenantContext;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @PermissionsAllowed(Permissions.USERS_MANAGE)
    @Operation(
            summary = "Create a user in the active tenant",
            description = "Makes the Keycloak login (user name = e-mail) and the membership with its roles. The"
                    + " password, if given, goes to Keycloak only. The agent role counts against maxAgents.")
    @APIResponse(responseCode = "201", description = "Created")
    @APIResponse(
            responseCode = "409",
            description = "A login with this e-mail exists",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "422",
            description = "maxAgents reached; `limit` and `count` say by how much",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "503",
            description = "Keycloak cannot be reached; nothing was created",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(@NotNull UserCreate request, @Context UriInfo uri) {
        UserView created = service.create(tenantContext.requireTenant(), request);
        return Responses.created(uri, created.id(), created, created.version());
    }

    @GET
    @PermissionsAllowed(Permissions.USERS_READ)
    @Operation(summary = "List the tenant's users")
    public Page<UserView> list(
            @Parameter(description = "Text in the e-mail or the name") @QueryParam("q") String text,
            @Parameter(description = "active, inactive or suspended") @QueryParam("status") String status,
            @Parameter(description = "Only users with this role in the tenant") @QueryParam("role") String role,
            @QueryParam("page") Integer page,
            @QueryParam("size") Integer size,
            @Parameter(description = "email, lastName, firstName, status, createdAt, updatedAt; `-` for descending")
                    @QueryParam("sort")
                    String sort) {
        UserStatus parsedStatus;
        try {
            parsedStatus = status == null || status.isBlank() ? null : UserStatus.of(status.strip());
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("status", e.getMessage());
        }
        return service.list(
                tenantContext.requireTenant(),
                new UserFilter(
                        text == null || text.isBlank() ? null : text.strip(),
                        parsedStatus,
                        role == null || role.isBlank() ? null : role.strip()),
                PageRequest.of(page, size, sort, UserStore.SORTABLE, "email"));
    }

    @GET
    @Path("{id}")
    @PermissionsAllowed(Permissions.USERS_READ)
    @Operation(summary = "Read a user of the tenant")
    public Response get(@PathParam("id") UUID id) {
        UserView user = service.find(tenantContext.requireTenant(), id);
        return Responses.ok(user, user.version());
    }

    @PATCH
    @Path("{id}")
    @Consumes({JsonMergePatch.MEDIA_TYPE, MediaType.APPLICATION_JSON})
    @PermissionsAllowed(Permissions.USERS_MANAGE)
    @Operation(
            summary = "Change a user (JSON Merge Patch)",
            description = "Profile, status (suspended users can no longer log in or refresh tokens) and the roles,"
                    + " grants and revocations in this tenant. Role changes reach the user's token at its next"
                    + " refresh. The e-mail and status of a user who also belongs to other tenants are for"
                    + " superadmins.")
    @RequestBody(
            content =
                    @Content(mediaType = JsonMergePatch.MEDIA_TYPE, schema = @Schema(implementation = UserDraft.class)))
    public Response update(
            @PathParam("id") UUID id, JsonNode patch, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        UserView updated =
                service.update(tenantContext.requireTenant(), id, patch, ifMatch, tenantContext.requireCaller());
        return Responses.ok(updated, updated.version());
    }

    @DELETE
    @Path("{id}")
    @PermissionsAllowed(Permissions.USERS_MANAGE)
    @Operation(
            summary = "Remove a user from the tenant",
            description = "A user left in no tenant is deleted (soft) and can no longer log in.")
    @APIResponse(responseCode = "204", description = "Removed")
    public void delete(@PathParam("id") UUID id) {
        service.remove(tenantContext.requireTenant(), id, tenantContext.requireCaller());
    }

    @PUT
    @Path("me/password")
    @Consumes(MediaType.APPLICATION_JSON)
    @Authenticated
    @Operation(
            summary = "Change your own password",
            description = "Any logged-in user, with their current password (checked by Keycloak; failed checks count"
                    + " towards its brute-force protection). Keycloak's password policy applies to the new one.")
    @APIResponse(responseCode = "204", description = "Changed")
    public void changeOwnPassword(@NotNull OwnPasswordChange change) {
        service.changeOwnPassword(
                tenantContext.tenantId().orElse(null),
                tenantContext.requireCaller(),
                change.currentPassword(),
                change.password());
    }

    @POST
    @Path("{id}/password-reset")
    @PermissionsAllowed(Permissions.USERS_MANAGE)
    @Operation(
            summary = "E-mail the user a password reset link",
            description = "Keycloak e-mails the user a link to its own page where they choose a new password (valid"
                    + " for switchboard.tenant.password-reset.link-lifespan, 12 h by default); Switchboard never sees"
                    + " it. Active users only. Users can also ask for the link themselves with 'Forgot password?' on"
                    + " the login page.")
    @APIResponse(responseCode = "202", description = "The e-mail was handed to the mail server")
    @APIResponse(responseCode = "409", description = "The user is suspended or inactive")
    @APIResponse(responseCode = "502", description = "Keycloak could not send the e-mail (its SMTP settings)")
    public Response sendPasswordReset(@PathParam("id") UUID id) {
        service.sendPasswordReset(tenantContext.requireTenant(), id);
        return Response.accepted().build();
    }

    @PUT
    @Path("{id}/password")
    @Consumes(MediaType.APPLICATION_JSON)
    @PermissionsAllowed(Permissions.USERS_MANAGE)
    @Operation(
            summary = "Set a user's password",
            description = "Goes to Keycloak only; its password policy applies. For users of this tenant only.")
    @APIResponse(responseCode = "204", description = "Set")
    public void setPassword(@PathParam("id") UUID id, @NotNull PasswordChange change) {
        service.setPassword(
                tenantContext.requireTenant(),
                id,
                change.password(),
                Boolean.TRUE.equals(change.temporary()),
                tenantContext.requireCaller());
    }
}
