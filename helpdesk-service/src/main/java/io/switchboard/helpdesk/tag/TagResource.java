package io.switchboard.helpdesk.tag;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.security.Authenticated;
import io.quarkus.security.PermissionsAllowed;
import io.switchboard.commons.api.JsonMergePatch;
import io.switchboard.commons.api.Page;
import io.switchboard.commons.api.PageRequest;
import io.switchboard.commons.api.Responses;
import io.switchboard.commons.security.Permissions;
import io.switchboard.commons.tenant.TenantContext;
import jakarta.validation.Valid;
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

/** The active tenant's ticket tags: everyone who reads tickets reads them, tenant admins (tickets:manage) edit them. */
@Path("/api/v1/helpdesk/tags")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Tags")
@SecurityRequirement(name = "switchboard")
@Authenticated
public class TagResource {

    private final TagService service;
    private final TenantContext tenantContext;

    public TagResource(TagService service, TenantContext tenantContext) {
        this.service = service;
        this.tenantContext = tenantContext;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @PermissionsAllowed(Permissions.TICKETS_MANAGE)
    @Operation(summary = "Create a tag", description = "Names are unique in the tenant regardless of case.")
    public Response create(@Valid @NotNull TagDraft request, @Context UriInfo uri) {
        TagView tag = service.create(tenantContext.requireTenant(), request);
        return Responses.created(uri, tag.id(), tag, tag.version());
    }

    @GET
    @PermissionsAllowed(Permissions.TICKETS_READ)
    @Operation(summary = "List tags")
    public Page<TagView> list(
            @Parameter(description = "Name contains") @QueryParam("q") String search,
            @QueryParam("page") Integer page,
            @QueryParam("size") Integer size,
            @QueryParam("sort") String sort) {
        return service.list(
                tenantContext.requireTenant(),
                search == null || search.isBlank() ? null : search.strip(),
                PageRequest.of(page, size, sort, TagRepository.SORTABLE, "name"));
    }

    @GET
    @Path("{id}")
    @PermissionsAllowed(Permissions.TICKETS_READ)
    @Operation(summary = "Read a tag")
    public Response get(@PathParam("id") UUID id) {
        TagView tag = service.get(tenantContext.requireTenant(), id);
        return Responses.ok(tag, tag.version());
    }

    @PATCH
    @Path("{id}")
    @Consumes({JsonMergePatch.MEDIA_TYPE, MediaType.APPLICATION_JSON})
    @PermissionsAllowed(Permissions.TICKETS_MANAGE)
    @Operation(summary = "Rename or recolour a tag (JSON Merge Patch)")
    public Response update(
            @PathParam("id") UUID id, JsonNode patch, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        TagView tag = service.update(tenantContext.requireTenant(), id, patch, ifMatch);
        return Responses.ok(tag, tag.version());
    }

    @DELETE
    @Path("{id}")
    @PermissionsAllowed(Permissions.TICKETS_MANAGE)
    @Operation(summary = "Delete a tag", description = "It is removed from every ticket that carries it.")
    public void delete(@PathParam("id") UUID id) {
        service.delete(tenantContext.requireTenant(), id);
    }
}
