package io.switchboard.telephony.voicemail;

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
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Voicemail boxes of the active tenant. */
@Path("/api/v1/voicemail-boxes")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Voicemail boxes")
@SecurityRequirement(name = "switchboard")
@Authenticated
public class VoicemailBoxResource {

    private final VoicemailBoxService service;
    private final TenantContext tenantContext;

    public VoicemailBoxResource(VoicemailBoxService service, TenantContext tenantContext) {
        this.service = service;
        this.tenantContext = tenantContext;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @PermissionsAllowed(Permissions.EXTENSIONS_MANAGE)
    @Operation(summary = "Create a voicemail box", description = "Without a pin, one is generated and returned once.")
    public Response create(@Valid @NotNull VoicemailBoxCreate request, @Context UriInfo uri) {
        VoicemailBoxService.Created created = service.create(tenantContext.requireTenant(), request);
        Map<String, Object> body = new HashMap<>();
        body.put("voicemailBox", created.box());
        if (created.pin() != null) {
            body.put("pin", created.pin());
        }
        return Responses.created(uri, created.box().id(), body, created.box().version());
    }

    @GET
    @PermissionsAllowed(Permissions.TELEPHONY_READ)
    @Operation(summary = "List voicemail boxes")
    public Page<VoicemailBoxView> list(
            @QueryParam("page") Integer page, @QueryParam("size") Integer size, @QueryParam("sort") String sort) {
        return service.list(
                tenantContext.requireTenant(),
                PageRequest.of(page, size, sort, VoicemailBoxRepository.SORTABLE, "mailbox"));
    }

    @GET
    @Path("{id}")
    @PermissionsAllowed(Permissions.TELEPHONY_READ)
    @Operation(summary = "Read a voicemail box")
    public Response get(@PathParam("id") UUID id) {
        VoicemailBoxView box = service.get(tenantContext.requireTenant(), id);
        return Responses.ok(box, box.version());
    }

    @PATCH
    @Path("{id}")
    @Consumes({JsonMergePatch.MEDIA_TYPE, MediaType.APPLICATION_JSON})
    @PermissionsAllowed(Permissions.EXTENSIONS_MANAGE)
    @Operation(summary = "Change a voicemail box (JSON Merge Patch)")
    public Response update(
            @PathParam("id") UUID id, JsonNode patch, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        VoicemailBoxView box = service.update(tenantContext.requireTenant(), id, patch, ifMatch);
        return Responses.ok(box, box.version());
    }

    /** A new PIN: the one given, or a generated one returned once. */
    public record PinChange(String pin) {}

    @POST
    @Path("{id}/pin")
    @Consumes(MediaType.APPLICATION_JSON)
    @PermissionsAllowed(Permissions.EXTENSIONS_MANAGE)
    @Operation(summary = "Set or reset the PIN")
    public Map<String, String> resetPin(@PathParam("id") UUID id, PinChange change) {
        String generated = service.resetPin(tenantContext.requireTenant(), id, change == null ? null : change.pin());
        return generated == null ? Map.of() : Map.of("pin", generated);
    }

    @DELETE
    @Path("{id}")
    @PermissionsAllowed(Permissions.EXTENSIONS_MANAGE)
    @Operation(summary = "Delete a voicemail box")
    public void delete(@PathParam("id") UUID id) {
        service.delete(tenantContext.requireTenant(), id);
    }
}
