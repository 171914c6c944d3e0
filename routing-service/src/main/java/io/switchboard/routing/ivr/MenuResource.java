package io.switchboard.routing.ivr;

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
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The active tenant's IVR menus. */
@Path("/api/v1/routing/ivr-menus")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "IVR menus")
@SecurityRequirement(name = "switchboard")
@Authenticated
public class MenuResource {

    private final MenuService service;
    private final TenantContext tenantContext;

    public MenuResource(MenuService service, TenantContext tenantContext) {
        this.service = service;
        this.tenantContext = tenantContext;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @PermissionsAllowed(Permissions.ROUTING_MANAGE)
    @Operation(summary = "Create a menu", description = "Needs the tenant's ivr feature.")
    public Response create(@Valid @NotNull MenuCreate request, @Context UriInfo uri) {
        MenuView menu = service.create(tenantContext.requireTenant(), request);
        return Responses.created(uri, menu.id(), menu, menu.version());
    }

    @GET
    @PermissionsAllowed(Permissions.TELEPHONY_READ)
    @Operation(summary = "List menus")
    public Page<MenuView> list(
            @QueryParam("page") Integer page, @QueryParam("size") Integer size, @QueryParam("sort") String sort) {
        return service.list(
                tenantContext.requireTenant(), PageRequest.of(page, size, sort, MenuRepository.SORTABLE, "name"));
    }

    @GET
    @Path("{id}")
    @PermissionsAllowed(Permissions.TELEPHONY_READ)
    @Operation(summary = "Read a menu")
    public Response get(@PathParam("id") UUID id) {
        MenuView menu = service.get(tenantContext.requireTenant(), id);
        return Responses.ok(menu, menu.version());
    }

    @PATCH
    @Path("{id}")
    @Consumes({JsonMergePatch.MEDIA_TYPE, MediaType.APPLICATION_JSON})
    @PermissionsAllowed(Permissions.ROUTING_MANAGE)
    @Operation(summary = "Change a menu (JSON Merge Patch)")
    public Response update(
            @PathParam("id") UUID id, JsonNode patch, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        MenuView menu = service.update(tenantContext.requireTenant(), id, patch, ifMatch);
        return Responses.ok(menu, menu.version());
    }

    @DELETE
    @Path("{id}")
    @PermissionsAllowed(Permissions.ROUTING_MANAGE)
    @Operation(summary = "Delete a menu", description = "Refused (409) while a DID or another menu leads to it.")
    public void delete(@PathParam("id") UUID id) {
        service.delete(tenantContext.requireTenant(), id);
    }
}
