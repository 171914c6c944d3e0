package io.switchboard.webhook.subscription;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.security.Authenticated;
import io.quarkus.security.PermissionsAllowed;
import io.switchboard.commons.api.ETags;
import io.switchboard.commons.api.JsonMergePatch;
import io.switchboard.commons.api.Page;
import io.switchboard.commons.api.PageRequest;
import io.switchboard.commons.problem.Problem;
import io.switchboard.commons.security.Permissions;
import io.switchboard.commons.tenant.TenantContext;
import io.switchboard.webhook.delivery.DeliveryService;
import io.switchboard.webhook.delivery.DeliveryStore;
import io.switchboard.webhook.delivery.DeliveryViews.AttemptView;
import io.switchboard.webhook.delivery.DeliveryViews.TestResult;
import io.switchboard.webhook.delivery.LogQuery;
import io.switchboard.webhook.delivery.TestEvents;
import io.switchboard.webhook.http.AttemptOutcome;
import io.switchboard.webhook.subscription.SubscriptionModels.CreatedSubscription;
import io.switchboard.webhook.subscription.SubscriptionModels.RotatedSecret;
import io.switchboard.webhook.subscription.SubscriptionModels.SecretRotation;
import io.switchboard.webhook.subscription.SubscriptionModels.SubscriptionCreate;
import io.switchboard.webhook.subscription.SubscriptionModels.SubscriptionView;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
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
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Webhook subscriptions of the active tenant ({@code webhooks:manage}); superadmins manage the platform scope, whose
 * subscriptions receive every tenant's events, with {@code X-Tenant-ID: platform}.
 */
@Path("/api/v1/webhooks/subscriptions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Webhooks")
@SecurityRequirement(name = "switchboard")
@Authenticated
public class SubscriptionResource {

    private static final Set<String> OUTCOMES =
            Arrays.stream(AttemptOutcome.values()).map(AttemptOutcome::value).collect(Collectors.toSet());

    private final SubscriptionService service;
    private final DeliveryService deliveries;
    private final TestEvents testEvents;
    private final TenantContext tenantContext;

    public SubscriptionResource(
            SubscriptionService service,
            DeliveryService deliveries,
            TestEvents testEvents,
            TenantContext tenantContext) {
        this.service = service;
        this.deliveries = deliveries;
        this.testEvents = testEvents;
        this.tenantContext = tenantContext;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @PermissionsAllowed(Permissions.WEBHOOKS_MANAGE)
    @Operation(
            summary = "Create a subscription",
            description = "The answer carries the signing secret (whsec_...), shown this once. The URL must be https"
                    + " in production and must not point to a private, loopback or link-local address.")
    @APIResponse(responseCode = "201", description = "Created, with its secret")
    @APIResponse(
            responseCode = "400",
            description = "Invalid input; `errors` names each field",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "422",
            description = "The tenant has as many subscriptions as it may",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(@NotNull SubscriptionCreate request, @Context UriInfo uri) {
        CreatedSubscription created = service.create(tenantContext.requireTenant(), request);
        return Response.created(uri.getAbsolutePathBuilder()
                        .path(created.subscription().id().toString())
                        .build())
                .tag(ETags.of(created.subscription().version()))
                .entity(created)
                .build();
    }

    @GET
    @PermissionsAllowed(Permissions.WEBHOOKS_MANAGE)
    @Operation(summary = "List the subscriptions of the active tenant (or of the platform scope)")
    public Page<SubscriptionView> list(
            @Parameter(description = "Only enabled (true) or disabled (false) ones") @QueryParam("enabled")
                    Boolean enabled,
            @QueryParam("page") Integer page,
            @QueryParam("size") Integer size,
            @Parameter(description = "createdAt, updatedAt, url; `-` for descending") @QueryParam("sort") String sort) {
        PageRequest request = PageRequest.of(page, size, sort, SubscriptionRepository.SORTABLE, "createdAt");
        return service.list(tenantContext.requireTenant(), enabled, request);
    }

    @GET
    @Path("{id}")
    @PermissionsAllowed(Permissions.WEBHOOKS_MANAGE)
    @Operation(summary = "Read a subscription", description = "Never shows its secret. The ETag is its version.")
    @APIResponse(
            responseCode = "404",
            description = "No such subscription in this tenant",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response get(@PathParam("id") UUID id) {
        SubscriptionView view = service.find(tenantContext.requireTenant(), id);
        return Response.ok(view).tag(ETags.of(view.version())).build();
    }

    @PATCH
    @Path("{id}")
    @Consumes({JsonMergePatch.MEDIA_TYPE, MediaType.APPLICATION_JSON})
    @PermissionsAllowed(Permissions.WEBHOOKS_MANAGE)
    @Operation(
            summary = "Change a subscription (JSON Merge Patch)",
            description = "Fields left out stay; null removes description, headers or rateLimit. {\"enabled\": true}"
                    + " re-enables a disabled subscription. Send If-Match with the ETag you read.")
    @RequestBody(
            content =
                    @Content(
                            mediaType = JsonMergePatch.MEDIA_TYPE,
                            schema = @Schema(implementation = SubscriptionModels.SubscriptionDraft.class)))
    @APIResponse(
            responseCode = "409",
            description = "A managed endpoint (managedBy set): only enabled can change here; change its DID instead",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "412",
            description = "If-Match does not match the current version",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response update(
            @PathParam("id") UUID id, JsonNode patch, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        SubscriptionView view = service.update(tenantContext.requireTenant(), id, patch, ifMatch);
        return Response.ok(view).tag(ETags.of(view.version())).build();
    }

    @DELETE
    @Path("{id}")
    @PermissionsAllowed(Permissions.WEBHOOKS_MANAGE)
    @Operation(summary = "Delete a subscription with its delivery log")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(
            responseCode = "409",
            description = "A managed endpoint (managedBy set): it goes with its DID's smsWebhookUrl",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public void delete(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        service.delete(tenantContext.requireTenant(), id, ifMatch);
    }

    @POST
    @Path("{id}/secret/rotate")
    @Consumes(MediaType.APPLICATION_JSON)
    @PermissionsAllowed(Permissions.WEBHOOKS_MANAGE)
    @Operation(
            summary = "Rotate the signing secret",
            description = "Returns the new secret, shown once. Until the grace period ends every webhook carries two"
                    + " signatures, one per secret, so the receiver can switch over without losing any.")
    public RotatedSecret rotate(@PathParam("id") UUID id, SecretRotation request) {
        return service.rotateSecret(tenantContext.requireTenant(), id, request);
    }

    @POST
    @Path("{id}/test")
    @PermissionsAllowed(Permissions.WEBHOOKS_MANAGE)
    @Operation(
            summary = "Send a test event",
            description = "Sends a signed webhook.test event now (also to a disabled subscription) and returns the"
                    + " attempt's outcome; it is logged, not retried, and does not change the subscription.")
    public TestResult test(@PathParam("id") UUID id) {
        return testEvents.send(tenantContext.requireTenant(), id, tenantContext.actor());
    }

    @GET
    @Path("{id}/attempts")
    @PermissionsAllowed(Permissions.WEBHOOKS_MANAGE)
    @Operation(summary = "The attempt log of a subscription: every request, its outcome, status and timing")
    public Page<AttemptView> attempts(@PathParam("id") UUID id, @BeanParam LogQuery query) {
        return deliveries.attempts(
                tenantContext.requireTenant(),
                id,
                query.filter(OUTCOMES),
                query.page(DeliveryStore.ATTEMPT_SORT, "-startedAt"));
    }
}
