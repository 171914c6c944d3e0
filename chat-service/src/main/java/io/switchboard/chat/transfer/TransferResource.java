package io.switchboard.chat.transfer;

import io.quarkus.security.Authenticated;
import io.quarkus.security.PermissionsAllowed;
import io.switchboard.chat.Actors;
import io.switchboard.commons.problem.ProblemException;
import io.switchboard.commons.security.Permissions;
import io.switchboard.commons.tenant.TenantContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Transfers of the tenant's sessions: read them, and accept or reject those addressed to you or your team. */
@Path("/api/v1/chat/transfers")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Chat transfers")
@SecurityRequirement(name = "switchboard")
@Authenticated
public class TransferResource {

    private static final Set<String> STATUSES = Set.of("pending", "accepted", "rejected", "expired");

    private final TransferService service;
    private final TenantContext tenantContext;
    private final Actors actors;

    public TransferResource(TransferService service, TenantContext tenantContext, Actors actors) {
        this.service = service;
        this.tenantContext = tenantContext;
        this.actors = actors;
    }

    @GET
    @PermissionsAllowed(Permissions.CHATS_HANDLE)
    @Operation(summary = "List transfers", description = "Newest first; filter by status and session.")
    public List<TransferView> list(@QueryParam("status") String status, @QueryParam("session") UUID session) {
        if (status != null && !STATUSES.contains(status)) {
            throw ProblemException.invalid("status", "must be one of " + STATUSES);
        }
        return service.list(tenantContext.requireTenant(), status, session);
    }

    @GET
    @Path("{id}")
    @PermissionsAllowed(Permissions.CHATS_HANDLE)
    @Operation(summary = "Read a transfer")
    public TransferView get(@PathParam("id") UUID id) {
        return service.get(tenantContext.requireTenant(), id);
    }

    @POST
    @Path("{id}/accept")
    @PermissionsAllowed(Permissions.CHATS_HANDLE)
    @Operation(summary = "Accept a transfer addressed to you or your team", description = "Within your capacity.")
    public TransferView accept(@PathParam("id") UUID id) {
        String tenant = tenantContext.requireTenant();
        return service.accept(tenant, id, actors.current(tenant));
    }

    @POST
    @Path("{id}/reject")
    @PermissionsAllowed(Permissions.CHATS_HANDLE)
    @Operation(
            summary = "Reject a transfer addressed to you or your team",
            description = "The session stays with the sender.")
    public TransferView reject(@PathParam("id") UUID id) {
        String tenant = tenantContext.requireTenant();
        return service.reject(tenant, id, actors.current(tenant));
    }
}
