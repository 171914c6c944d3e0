package io.switchboard.telephony.extension;

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
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Extensions of the active tenant: the SIP endpoints of its phones and softphones. */
@Path("/api/v1/extensions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Extensions")
@SecurityRequirement(name = "switchboard")
@Authenticated
public class ExtensionResource {

    private final ExtensionService service;
    private final TenantContext tenantContext;

    public ExtensionResource(ExtensionService service, TenantContext tenantContext) {
        this.service = service;
        this.tenantContext = tenantContext;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @PermissionsAllowed(Permissions.EXTENSIONS_MANAGE)
    @Operation(
            summary = "Create an extension",
            description = "Returns the SIP credentials once: Switchboard keeps only a digest of the password.")
    public Response create(@Valid @NotNull ExtensionCreate request, @Context UriInfo uri) {
        ExtensionService.Created created = service.create(tenantContext.requireTenant(), request);
        return Responses.created(
                uri,
                created.extension().id(),
                Map.of("extension", created.extension(), "credentials", created.credentials()),
                created.extension().version());
    }

    @GET
    @PermissionsAllowed(Permissions.TELEPHONY_READ)
    @Operation(summary = "List extensions")
    public Page<ExtensionView> list(
            @Parameter(description = "Number or name contains") @QueryParam("q") String search,
            @QueryParam("page") Integer page,
            @QueryParam("size") Integer size,
            @QueryParam("sort") String sort) {
        return service.list(
                tenantContext.requireTenant(),
                search == null || search.isBlank() ? null : search.strip(),
                PageRequest.of(page, size, sort, ExtensionRepository.SORTABLE, "number"));
    }

    @GET
    @Path("{id}")
    @PermissionsAllowed(Permissions.TELEPHONY_READ)
    @Operation(summary = "Read an extension")
    public Response get(@PathParam("id") UUID id) {
        ExtensionView extension = service.get(tenantContext.requireTenant(), id);
        return Responses.ok(extension, extension.version());
    }

    @GET
    @Path("{id}/registration")
    @PermissionsAllowed(Permissions.TELEPHONY_READ)
    @Operation(summary = "Where the extension is registered now")
    public Registration registration(@PathParam("id") UUID id) {
        return service.registration(tenantContext.requireTenant(), id);
    }

    @PATCH
    @Path("{id}")
    @Consumes({JsonMergePatch.MEDIA_TYPE, MediaType.APPLICATION_JSON})
    @PermissionsAllowed(Permissions.EXTENSIONS_MANAGE)
    @Operation(summary = "Change an extension (JSON Merge Patch)")
    public Response update(
            @PathParam("id") UUID id, JsonNode patch, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        ExtensionView extension = service.update(tenantContext.requireTenant(), id, patch, ifMatch);
        return Responses.ok(extension, extension.version());
    }

    @POST
    @Path("{id}/credentials")
    @PermissionsAllowed(Permissions.EXTENSIONS_MANAGE)
    @Operation(summary = "Reset the SIP password", description = "Returns the new credentials once.")
    public SipCredentials resetCredentials(@PathParam("id") UUID id) {
        return service.resetCredentials(tenantContext.requireTenant(), id);
    }

    @DELETE
    @Path("{id}")
    @PermissionsAllowed(Permissions.EXTENSIONS_MANAGE)
    @Operation(summary = "Delete an extension", description = "Also removes it from every queue.")
    public void delete(@PathParam("id") UUID id) {
        service.delete(tenantContext.requireTenant(), id);
    }
}
