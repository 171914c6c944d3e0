package io.switchboard.helpdesk.template;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.security.Authenticated;
import io.quarkus.security.PermissionsAllowed;
import io.switchboard.commons.api.JsonMergePatch;
import io.switchboard.commons.api.Page;
import io.switchboard.commons.api.PageRequest;
import io.switchboard.commons.api.Responses;
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
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The active tenant's ticket templates: everyone who reads tickets reads them, tenant admins (tickets:manage) edit
 * them; {@code POST /api/v1/tickets} with {@code templateId} and {@code variables} uses one.
 */
@Path("/api/v1/helpdesk/templates")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Templates")
@SecurityRequirement(name = "switchboard")
@Authenticated
public class TemplateResource {

    private final TemplateService service;
    private final TenantContext tenantContext;

    public TemplateResource(TemplateService service, TenantContext tenantContext) {
        this.service = service;
        this.tenantContext = tenantContext;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @PermissionsAllowed(Permissions.TICKETS_MANAGE)
    @Operation(
            summary = "Create a ticket template",
            description = "Names are unique in the tenant regardless of case. {{name}} in subject and description"
                    + " are replaced by the variables of the ticket request, as given (nothing is evaluated).")
    public Response create(@NotNull TemplateDraft request, @Context UriInfo uri) {
        TemplateView template = service.create(tenantContext.requireTenant(), request);
        return Responses.created(uri, template.id(), template, template.version());
    }

    @GET
    @PermissionsAllowed(Permissions.TICKETS_READ)
    @Operation(summary = "List ticket templates")
    public Page<TemplateView> list(
            @Parameter(description = "Name contains") @QueryParam("q") String search,
            @QueryParam("page") Integer page,
            @QueryParam("size") Integer size,
            @Parameter(description = "name (default), createdAt, updatedAt; -field for descending") @QueryParam("sort")
                    String sort) {
        return service.list(
                tenantContext.requireTenant(),
                search == null || search.isBlank() ? null : search.strip(),
                PageRequest.of(page, size, sort, TemplateService.SORTABLE, "name"));
    }

    @GET
    @Path("{id}")
    @PermissionsAllowed(Permissions.TICKETS_READ)
    @Operation(summary = "Read a ticket template")
    public Response get(@PathParam("id") UUID id) {
        TemplateView template = service.get(tenantContext.requireTenant(), id);
        return Responses.ok(template, template.version());
    }

    @PATCH
    @Path("{id}")
    @Consumes({JsonMergePatch.MEDIA_TYPE, MediaType.APPLICATION_JSON})
    @PermissionsAllowed(Permissions.TICKETS_MANAGE)
    @Operation(summary = "Change a ticket template (JSON Merge Patch)")
    public Response update(
            @PathParam("id") UUID id, JsonNode patch, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        TemplateView template = service.update(tenantContext.requireTenant(), id, patch, ifMatch);
        return Responses.ok(template, template.version());
    }

    @DELETE
    @Path("{id}")
    @PermissionsAllowed(Permissions.TICKETS_MANAGE)
    @Operation(summary = "Delete a ticket template", description = "Tickets made from it keep what it gave them.")
    public void delete(@PathParam("id") UUID id) {
        service.delete(tenantContext.requireTenant(), id);
    }
}
