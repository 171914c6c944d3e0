package io.switchboard.routing.did;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.security.Authenticated;
import io.quarkus.security.PermissionsAllowed;
import io.switchboard.commons.api.JsonMergePatch;
import io.switchboard.commons.api.Page;
import io.switchboard.commons.api.PageRequest;
import io.switchboard.commons.api.Responses;
import io.switchboard.commons.problem.ProblemException;
import io.switchboard.commons.security.Permissions;
import io.switchboard.commons.tenant.TenantContext;
import io.switchboard.routing.target.TargetType;
import io.switchboard.routing.webhook.WebhookCallLog;
import io.switchboard.routing.webhook.WebhookCallView;
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
import java.util.Arrays;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The active tenant's phone numbers (DIDs) and their routes. */
@Path("/api/v1/routing/dids")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "DIDs")
@SecurityRequirement(name = "switchboard")
@Authenticated
public class DidResource {

    private final DidService service;
    private final WebhookCallLog webhookLog;
    private final TenantContext tenantContext;

    public DidResource(DidService service, WebhookCallLog webhookLog, TenantContext tenantContext) {
        this.service = service;
        this.webhookLog = webhookLog;
        this.tenantContext = tenantContext;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @PermissionsAllowed(Permissions.NUMBERS_MANAGE)
    @Operation(
            summary = "Add a DID",
            description = "The number is stored in E.164 and must not be any tenant's yet; the tenant's maxDids"
                    + " applies. A route needs routing:manage as well. When the route uses a webhook, the response"
                    + " carries its signing secret (webhookSecret) this once.")
    public Response create(@Valid @NotNull DidCreate request, @Context UriInfo uri) {
        String tenant = tenantContext.requireTenant();
        DidView did = service.create(tenant, request, mayRoute(tenant));
        return Responses.created(uri, did.id(), did, did.version());
    }

    @GET
    @PermissionsAllowed(Permissions.TELEPHONY_READ)
    @Operation(summary = "List DIDs")
    public Page<DidView> list(
            @Parameter(description = "active, inactive or pending") @QueryParam("status") String status,
            @Parameter(description = "The type of the route's target") @QueryParam("routeType") String routeType,
            @QueryParam("smsEnabled") Boolean smsEnabled,
            @Parameter(description = "Number or description contains") @QueryParam("q") String search,
            @QueryParam("page") Integer page,
            @QueryParam("size") Integer size,
            @QueryParam("sort") String sort) {
        if (status != null
                && Arrays.stream(DidStatus.values()).noneMatch(s -> s.toString().equals(status))) {
            throw ProblemException.invalid("status", "must be active, inactive or pending");
        }
        if (routeType != null
                && Arrays.stream(TargetType.values())
                        .noneMatch(t -> t.toString().equals(routeType))) {
            throw ProblemException.invalid("routeType", "must be one of " + Arrays.toString(TargetType.values()));
        }
        return service.list(
                tenantContext.requireTenant(),
                new DidRepository.Filter(
                        status, routeType, smsEnabled, search == null || search.isBlank() ? null : search.strip()),
                PageRequest.of(page, size, sort, DidRepository.SORTABLE, "number"));
    }

    @GET
    @Path("{id}")
    @PermissionsAllowed(Permissions.TELEPHONY_READ)
    @Operation(summary = "Read a DID")
    public Response get(@PathParam("id") UUID id) {
        DidView did = service.get(tenantContext.requireTenant(), id);
        return Responses.ok(did, did.version());
    }

    @PATCH
    @Path("{id}")
    @Consumes({JsonMergePatch.MEDIA_TYPE, MediaType.APPLICATION_JSON})
    @PermissionsAllowed(Permissions.NUMBERS_MANAGE)
    @Operation(
            summary = "Change a DID (JSON Merge Patch)",
            description = "Changing the route needs routing:manage as well. The first webhook route of a DID brings"
                    + " its signing secret in the response (webhookSecret), this once.")
    public Response update(
            @PathParam("id") UUID id, JsonNode patch, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        String tenant = tenantContext.requireTenant();
        DidView did = service.update(tenant, id, patch, ifMatch, mayRoute(tenant));
        return Responses.ok(did, did.version());
    }

    @DELETE
    @Path("{id}")
    @PermissionsAllowed(Permissions.NUMBERS_MANAGE)
    @Operation(summary = "Delete a DID", description = "The number is free for any tenant again.")
    public void delete(@PathParam("id") UUID id) {
        service.delete(tenantContext.requireTenant(), id);
    }

    @POST
    @Path("{id}/webhook-secret")
    @PermissionsAllowed(Permissions.ROUTING_MANAGE)
    @Operation(
            summary = "Rotate the webhook signing secret",
            description = "Returns the DID with its new secret (webhookSecret) this once; the old one stops working.")
    public Response rotateSecret(@PathParam("id") UUID id) {
        DidView did = service.rotateSecret(tenantContext.requireTenant(), id);
        return Responses.ok(did, did.version());
    }

    @GET
    @Path("{id}/webhook-calls")
    @PermissionsAllowed(Permissions.ROUTING_MANAGE)
    @Operation(summary = "The log of the DID's webhook routing requests", description = "Newest first by default.")
    public Page<WebhookCallView> webhookCalls(
            @PathParam("id") UUID id,
            @QueryParam("page") Integer page,
            @QueryParam("size") Integer size,
            @QueryParam("sort") String sort) {
        String tenant = tenantContext.requireTenant();
        service.get(tenant, id);
        return webhookLog.list(tenant, id, PageRequest.of(page, size, sort, WebhookCallLog.SORTABLE, "-startedAt"));
    }

    private boolean mayRoute(String tenant) {
        return tenantContext.requireCaller().hasPermissionIn(tenant, Permissions.ROUTING_MANAGE);
    }
}
