package io.switchboard.chat.widget;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.security.Authenticated;
import io.quarkus.security.PermissionsAllowed;
import io.switchboard.commons.api.JsonMergePatch;
import io.switchboard.commons.api.Page;
import io.switchboard.commons.api.PageRequest;
import io.switchboard.commons.api.Responses;
import io.switchboard.commons.security.Permissions;
import io.switchboard.commons.tenant.TenantContext;
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

/** The active tenant's chat widgets. */
@Path("/api/v1/chat/widgets")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Chat widgets")
@SecurityRequirement(name = "switchboard")
@Authenticated
public class WidgetResource {

    /** The embed code: one script tag. */
    public record EmbedCode(String html, String widgetKey) {}

    private final WidgetService service;
    private final TenantContext tenantContext;

    public WidgetResource(WidgetService service, TenantContext tenantContext) {
        this.service = service;
        this.tenantContext = tenantContext;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @PermissionsAllowed(Permissions.CHATS_MANAGE)
    @Operation(
            summary = "Create a widget",
            description = "Only name is required; every other field starts from the defaults. The widget gets a"
                    + " random public key for its embed code.")
    public Response create(JsonNode request, @Context UriInfo uri) {
        WidgetView widget = service.create(tenantContext.requireTenant(), request);
        return Responses.created(uri, widget.id(), widget, widget.version());
    }

    @GET
    @PermissionsAllowed(Permissions.CHATS_HANDLE)
    @Operation(summary = "List widgets", description = "Sortable by name and createdAt.")
    public Page<WidgetView> list(
            @QueryParam("page") Integer page, @QueryParam("size") Integer size, @QueryParam("sort") String sort) {
        String tenant = tenantContext.requireTenant();
        return service.list(tenant, PageRequest.of(page, size, sort, WidgetRepository.SORTABLE, "createdAt"));
    }

    @GET
    @Path("{id}")
    @PermissionsAllowed(Permissions.CHATS_HANDLE)
    @Operation(summary = "Read a widget")
    public Response get(@PathParam("id") UUID id) {
        WidgetView widget = service.get(tenantContext.requireTenant(), id);
        return Responses.ok(widget, widget.version());
    }

    @PATCH
    @Path("{id}")
    @Consumes({JsonMergePatch.MEDIA_TYPE, MediaType.APPLICATION_JSON})
    @PermissionsAllowed(Permissions.CHATS_MANAGE)
    @Operation(
            summary = "Change a widget (JSON Merge Patch)",
            description = "Send If-Match with the ETag you read to be refused (412) when someone changed it since.")
    public Response update(
            @PathParam("id") UUID id, JsonNode patch, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        WidgetView widget = service.update(tenantContext.requireTenant(), id, patch, ifMatch);
        return Responses.ok(widget, widget.version());
    }

    @DELETE
    @Path("{id}")
    @PermissionsAllowed(Permissions.CHATS_MANAGE)
    @Operation(summary = "Delete a widget", description = "Its sessions and their messages go with it.")
    public void delete(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        service.delete(tenantContext.requireTenant(), id, ifMatch);
    }

    @GET
    @Path("{id}/embed-code")
    @PermissionsAllowed(Permissions.CHATS_HANDLE)
    @Operation(summary = "The widget's embed code", description = "One script tag to paste into the site's pages.")
    public EmbedCode embedCode(@PathParam("id") UUID id) {
        String tenant = tenantContext.requireTenant();
        return new EmbedCode(
                service.embedCode(tenant, id), service.get(tenant, id).widgetKey());
    }
}
