package io.switchboard.telephony.queue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.security.Authenticated;
import io.quarkus.security.PermissionsAllowed;
import io.switchboard.commons.api.JsonMergePatch;
import io.switchboard.commons.api.Page;
import io.switchboard.commons.api.PageRequest;
import io.switchboard.commons.api.Responses;
import io.switchboard.commons.problem.ProblemException;
import io.switchboard.commons.security.Caller;
import io.switchboard.commons.security.Permissions;
import io.switchboard.commons.tenant.TenantContext;
import io.switchboard.telephony.extension.ExtensionService;
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
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Call queues of the active tenant and their members. */
@Path("/api/v1/queues")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Queues")
@SecurityRequirement(name = "switchboard")
@Authenticated
public class QueueResource {

    /** A new member: an extension of the tenant and its penalty (0 is tried first). */
    public record MemberCreate(@NotNull UUID extensionId, Integer penalty, Integer wrapupTime) {}

    /** Why a member pauses (shown to supervisors; at most 80 characters). */
    public record Pause(String reason) {}

    private final QueueService service;
    private final ExtensionService extensions;
    private final TenantContext tenantContext;

    public QueueResource(QueueService service, ExtensionService extensions, TenantContext tenantContext) {
        this.service = service;
        this.extensions = extensions;
        this.tenantContext = tenantContext;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @PermissionsAllowed(Permissions.QUEUES_MANAGE)
    @Operation(summary = "Create a queue", description = "Needs the tenant's queue feature.")
    public Response create(@Valid @NotNull QueueCreate request, @Context UriInfo uri) {
        QueueView queue = service.create(tenantContext.requireTenant(), request);
        return Responses.created(uri, queue.id(), queue, queue.version());
    }

    @GET
    @PermissionsAllowed(Permissions.TELEPHONY_READ)
    @Operation(summary = "List queues")
    public Page<QueueView> list(
            @QueryParam("page") Integer page, @QueryParam("size") Integer size, @QueryParam("sort") String sort) {
        return service.list(
                tenantContext.requireTenant(), PageRequest.of(page, size, sort, QueueRepository.SORTABLE, "name"));
    }

    @GET
    @Path("{id}")
    @PermissionsAllowed(Permissions.TELEPHONY_READ)
    @Operation(summary = "Read a queue")
    public Response get(@PathParam("id") UUID id) {
        QueueView queue = service.get(tenantContext.requireTenant(), id);
        return Responses.ok(queue, queue.version());
    }

    @PATCH
    @Path("{id}")
    @Consumes({JsonMergePatch.MEDIA_TYPE, MediaType.APPLICATION_JSON})
    @PermissionsAllowed(Permissions.QUEUES_MANAGE)
    @Operation(summary = "Change a queue (JSON Merge Patch)")
    public Response update(
            @PathParam("id") UUID id, JsonNode patch, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        QueueView queue = service.update(tenantContext.requireTenant(), id, patch, ifMatch);
        return Responses.ok(queue, queue.version());
    }

    @DELETE
    @Path("{id}")
    @PermissionsAllowed(Permissions.QUEUES_MANAGE)
    @Operation(summary = "Delete a queue and its members")
    public void delete(@PathParam("id") UUID id) {
        service.delete(tenantContext.requireTenant(), id);
    }

    @GET
    @Path("{id}/members")
    @PermissionsAllowed(Permissions.TELEPHONY_READ)
    @Operation(summary = "List the members of a queue")
    public List<QueueMemberView> members(@PathParam("id") UUID id) {
        return service.members(tenantContext.requireTenant(), id);
    }

    @POST
    @Path("{id}/members")
    @Consumes(MediaType.APPLICATION_JSON)
    @PermissionsAllowed({Permissions.QUEUES_MANAGE, Permissions.AGENTS_MANAGE})
    @Operation(summary = "Add an extension to a queue")
    public Response addMember(@PathParam("id") UUID id, @Valid @NotNull MemberCreate request, @Context UriInfo uri) {
        QueueMemberView member = service.addMember(
                tenantContext.requireTenant(),
                id,
                request.extensionId(),
                new QueueService.MemberDraft(request.penalty(), request.wrapupTime()));
        return Responses.created(uri, member.id(), member, member.version());
    }

    @PATCH
    @Path("{id}/members/{memberId}")
    @Consumes({JsonMergePatch.MEDIA_TYPE, MediaType.APPLICATION_JSON})
    @PermissionsAllowed({Permissions.QUEUES_MANAGE, Permissions.AGENTS_MANAGE})
    @Operation(summary = "Change a member's penalty or wrap-up time")
    public QueueMemberView updateMember(
            @PathParam("id") UUID id, @PathParam("memberId") UUID memberId, @NotNull QueueService.MemberDraft draft) {
        return service.updateMember(tenantContext.requireTenant(), id, memberId, draft);
    }

    @DELETE
    @Path("{id}/members/{memberId}")
    @PermissionsAllowed({Permissions.QUEUES_MANAGE, Permissions.AGENTS_MANAGE})
    @Operation(summary = "Remove a member from a queue")
    public void removeMember(@PathParam("id") UUID id, @PathParam("memberId") UUID memberId) {
        service.removeMember(tenantContext.requireTenant(), id, memberId);
    }

    @POST
    @Path("{id}/members/{memberId}/pause")
    @PermissionsAllowed({Permissions.QUEUES_MANAGE, Permissions.AGENTS_MANAGE, Permissions.CALLS_HANDLE})
    @Operation(
            summary = "Pause a member",
            description = "Supervisors pause anyone; an agent pauses the memberships of their own extensions.")
    public QueueMemberView pause(@PathParam("id") UUID id, @PathParam("memberId") UUID memberId, Pause pause) {
        String tenant = tenantContext.requireTenant();
        requireSelfOrSupervisor(tenant, memberId);
        return service.setPaused(tenant, id, memberId, true, pause == null ? null : pause.reason());
    }

    @POST
    @Path("{id}/members/{memberId}/unpause")
    @PermissionsAllowed({Permissions.QUEUES_MANAGE, Permissions.AGENTS_MANAGE, Permissions.CALLS_HANDLE})
    @Operation(summary = "Unpause a member")
    public QueueMemberView unpause(@PathParam("id") UUID id, @PathParam("memberId") UUID memberId) {
        String tenant = tenantContext.requireTenant();
        requireSelfOrSupervisor(tenant, memberId);
        return service.setPaused(tenant, id, memberId, false, null);
    }

    private void requireSelfOrSupervisor(String tenant, UUID memberId) {
        Caller caller = tenantContext.requireCaller();
        if (caller.hasPermissionIn(tenant, Permissions.QUEUES_MANAGE)
                || caller.hasPermissionIn(tenant, Permissions.AGENTS_MANAGE)) {
            return;
        }
        // a member that does not exist is not found, for agents as for everyone
        UUID extensionId = service.memberExtension(tenant, memberId)
                .orElseThrow(() -> ProblemException.notFound("Queue member", memberId.toString()));
        boolean own = extensions
                .find(tenant, extensionId)
                .map(extension -> caller.userId().equals(extension.userId()))
                .orElse(false);
        if (!own) {
            throw ProblemException.forbidden(
                    "Agents pause and unpause only the queue memberships of their own" + " extensions");
        }
    }
}
