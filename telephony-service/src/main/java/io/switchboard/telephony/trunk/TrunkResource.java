package io.switchboard.telephony.trunk;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.security.Authenticated;
import io.quarkus.security.PermissionsAllowed;
import io.switchboard.commons.api.JsonMergePatch;
import io.switchboard.commons.api.Page;
import io.switchboard.commons.api.PageRequest;
import io.switchboard.commons.api.Responses;
import io.switchboard.commons.security.Permissions;
import io.switchboard.commons.tenant.TenantContext;
import io.switchboard.telephony.ari.AriGateway;
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

/** SIP trunks of the active tenant. */
@Path("/api/v1/trunks")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "SIP trunks")
@SecurityRequirement(name = "switchboard")
@Authenticated
public class TrunkResource {

    /** The trunk's state as Asterisk sees it: {@code online}, {@code offline} or {@code unknown}. */
    public record TrunkStatus(String endpointId, String state) {}

    private final TrunkService service;
    private final TenantContext tenantContext;
    private final AriGateway ari;

    public TrunkResource(TrunkService service, TenantContext tenantContext, AriGateway ari) {
        this.service = service;
        this.tenantContext = tenantContext;
        this.ari = ari;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @PermissionsAllowed(Permissions.TRUNKS_MANAGE)
    @Operation(summary = "Create a SIP trunk")
    public Response create(@Valid @NotNull TrunkCreate request, @Context UriInfo uri) {
        TrunkView trunk = service.create(tenantContext.requireTenant(), request);
        return Responses.created(uri, trunk.id(), trunk, trunk.version());
    }

    @GET
    @PermissionsAllowed(Permissions.TRUNKS_MANAGE)
    @Operation(summary = "List SIP trunks")
    public Page<TrunkView> list(
            @QueryParam("page") Integer page, @QueryParam("size") Integer size, @QueryParam("sort") String sort) {
        return service.list(
                tenantContext.requireTenant(), PageRequest.of(page, size, sort, TrunkRepository.SORTABLE, "name"));
    }

    @GET
    @Path("{id}")
    @PermissionsAllowed(Permissions.TRUNKS_MANAGE)
    @Operation(summary = "Read a SIP trunk")
    public Response get(@PathParam("id") UUID id) {
        TrunkView trunk = service.get(tenantContext.requireTenant(), id);
        return Responses.ok(trunk, trunk.version());
    }

    @GET
    @Path("{id}/status")
    @PermissionsAllowed(Permissions.TELEPHONY_READ)
    @Operation(summary = "Whether Asterisk reaches the trunk now (qualify / registration)")
    public TrunkStatus status(@PathParam("id") UUID id) {
        TrunkView trunk = service.get(tenantContext.requireTenant(), id);
        return new TrunkStatus(trunk.endpointId(), ari.endpointState(trunk.endpointId()));
    }

    @PATCH
    @Path("{id}")
    @Consumes({JsonMergePatch.MEDIA_TYPE, MediaType.APPLICATION_JSON})
    @PermissionsAllowed(Permissions.TRUNKS_MANAGE)
    @Operation(summary = "Change a SIP trunk (JSON Merge Patch; password may be given beside)")
    public Response update(
            @PathParam("id") UUID id, JsonNode patch, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        TrunkView trunk = service.update(tenantContext.requireTenant(), id, patch, ifMatch);
        return Responses.ok(trunk, trunk.version());
    }

    @DELETE
    @Path("{id}")
    @PermissionsAllowed(Permissions.TRUNKS_MANAGE)
    @Operation(summary = "Delete a SIP trunk")
    public void delete(@PathParam("id") UUID id) {
        service.delete(tenantContext.requireTenant(), id);
    }
}
