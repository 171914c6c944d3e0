package io.switchboard.helpdesk.assignment;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.security.Authenticated;
import io.quarkus.security.PermissionsAllowed;
import io.switchboard.commons.api.JsonMergePatch;
import io.switchboard.commons.api.Page;
import io.switchboard.commons.api.PageRequest;
import io.switchboard.commons.api.Responses;
import io.switchboard.commons.problem.Problem;
import io.switchboard.commons.security.Permissions;
import io.switchboard.commons.tenant.TenantContext;
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
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The active tenant's automatic assignment rules: a new ticket of a category, created without an assignee, goes to the
 * rule's team and there to its least-loaded available agent. Everyone who reads tickets reads them; tenant admins
 * (tickets:manage) edit them.
 */
@Path("/api/v1/helpdesk/assignment-rules")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Assignment")
@SecurityRequirement(name = "switchboard")
@Authenticated
public class AssignmentRuleResource {

    private final AssignmentRuleService service;
    private final TenantContext tenantContext;

    public AssignmentRuleResource(AssignmentRuleService service, TenantContext tenantContext) {
        this.service = service;
        this.tenantContext = tenantContext;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @PermissionsAllowed(Permissions.TICKETS_MANAGE)
    @Operation(summary = "Send a category's new tickets to a team")
    @APIResponse(responseCode = "201", description = "Created")
    @APIResponse(
            responseCode = "409",
            description = "The category has a rule already",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "422",
            description = "`teamId` is not a team of the tenant",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(@NotNull AssignmentRuleDraft request, @Context UriInfo uri) {
        AssignmentRuleView rule = service.create(tenantContext.requireTenant(), request);
        return Responses.created(uri, rule.id(), rule, rule.version());
    }

    @GET
    @PermissionsAllowed(Permissions.TICKETS_READ)
    @Operation(summary = "List the assignment rules")
    public Page<AssignmentRuleView> list(
            @QueryParam("page") Integer page, @QueryParam("size") Integer size, @QueryParam("sort") String sort) {
        return service.list(
                tenantContext.requireTenant(),
                PageRequest.of(page, size, sort, AssignmentRuleService.SORTABLE, "category"));
    }

    @GET
    @Path("{id}")
    @PermissionsAllowed(Permissions.TICKETS_READ)
    @Operation(summary = "Read an assignment rule")
    public Response get(@PathParam("id") UUID id) {
        AssignmentRuleView rule = service.get(tenantContext.requireTenant(), id);
        return Responses.ok(rule, rule.version());
    }

    @PATCH
    @Path("{id}")
    @Consumes({JsonMergePatch.MEDIA_TYPE, MediaType.APPLICATION_JSON})
    @PermissionsAllowed(Permissions.TICKETS_MANAGE)
    @Operation(summary = "Change an assignment rule (JSON Merge Patch)")
    @RequestBody(
            content =
                    @Content(
                            mediaType = JsonMergePatch.MEDIA_TYPE,
                            schema = @Schema(implementation = AssignmentRuleDraft.class)))
    public Response update(
            @PathParam("id") UUID id, JsonNode patch, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        AssignmentRuleView rule = service.update(tenantContext.requireTenant(), id, patch, ifMatch);
        return Responses.ok(rule, rule.version());
    }

    @DELETE
    @Path("{id}")
    @PermissionsAllowed(Permissions.TICKETS_MANAGE)
    @Operation(summary = "Delete an assignment rule")
    @APIResponse(responseCode = "204", description = "Deleted")
    public void delete(@PathParam("id") UUID id) {
        service.delete(tenantContext.requireTenant(), id);
    }
}
