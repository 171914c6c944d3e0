package io.switchboard.webhook.delivery;

import io.quarkus.security.Authenticated;
import io.quarkus.security.PermissionsAllowed;
import io.switchboard.commons.api.Page;
import io.switchboard.commons.problem.Validation;
import io.switchboard.commons.security.Permissions;
import io.switchboard.commons.tenant.TenantContext;
import io.switchboard.webhook.delivery.DeliveryViews.DeliveryDetail;
import io.switchboard.webhook.delivery.DeliveryViews.DeliveryView;
import io.switchboard.webhook.delivery.DeliveryViews.ReplayResult;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The delivery log of a subscription, and replays. */
@Path("/api/v1/webhooks/subscriptions/{subscriptionId}/deliveries")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Webhooks")
@SecurityRequirement(name = "switchboard")
@Authenticated
public class DeliveryResource {

    private static final Set<String> STATUSES =
            Arrays.stream(DeliveryStatus.values()).map(DeliveryStatus::value).collect(Collectors.toSet());

    /** A bulk replay: the failed deliveries created in {@code [since, until)}; until defaults to now. */
    public record ReplayRange(String since, String until) {}

    private final DeliveryService service;
    private final DeliveryDispatcher dispatcher;
    private final TenantContext tenantContext;

    public DeliveryResource(DeliveryService service, DeliveryDispatcher dispatcher, TenantContext tenantContext) {
        this.service = service;
        this.dispatcher = dispatcher;
        this.tenantContext = tenantContext;
    }

    @GET
    @PermissionsAllowed(Permissions.WEBHOOKS_MANAGE)
    @Operation(summary = "The deliveries of a subscription, newest first, with filters")
    public Page<DeliveryView> list(@PathParam("subscriptionId") UUID subscriptionId, @BeanParam LogQuery query) {
        return service.deliveries(
                tenantContext.requireTenant(),
                subscriptionId,
                query.filter(STATUSES),
                query.page(DeliveryStore.DELIVERY_SORT, "-createdAt"));
    }

    @GET
    @Path("{deliveryId}")
    @PermissionsAllowed(Permissions.WEBHOOKS_MANAGE)
    @Operation(summary = "A delivery with its body and every attempt")
    public DeliveryDetail get(
            @PathParam("subscriptionId") UUID subscriptionId, @PathParam("deliveryId") UUID deliveryId) {
        return service.delivery(tenantContext.requireTenant(), subscriptionId, deliveryId);
    }

    @POST
    @Path("{deliveryId}/replay")
    @PermissionsAllowed(Permissions.WEBHOOKS_MANAGE)
    @Operation(
            summary = "Send a delivery again",
            description = "Puts a finished delivery (failed or succeeded) back on the schedule, due now, with the same"
                    + " webhook-id; the retry schedule starts over.")
    public Response replay(@PathParam("subscriptionId") UUID subscriptionId, @PathParam("deliveryId") UUID deliveryId) {
        service.replay(tenantContext.requireTenant(), subscriptionId, deliveryId);
        dispatcher.wake();
        return Response.accepted(new ReplayResult(1)).build();
    }

    @POST
    @Path("replay")
    @Consumes(MediaType.APPLICATION_JSON)
    @PermissionsAllowed(Permissions.WEBHOOKS_MANAGE)
    @Operation(summary = "Send again every failed delivery created in a time range")
    public Response replayFailed(@PathParam("subscriptionId") UUID subscriptionId, ReplayRange range) {
        Validation validation = new Validation();
        Instant since = range == null ? null : DeliveryFilter.instant("since", range.since(), validation);
        Instant until = range == null ? null : DeliveryFilter.instant("until", range.until(), validation);
        if (range == null || range.since() == null || range.since().isBlank()) {
            validation.add("since", "is required");
        }
        if (until == null) {
            until = Instant.now();
        }
        if (since != null && !until.isAfter(since)) {
            validation.add("until", "must be after since");
        }
        validation.throwIfInvalid();
        int replayed = service.replayFailed(tenantContext.requireTenant(), subscriptionId, since, until);
        dispatcher.wake();
        return Response.accepted(new ReplayResult(replayed)).build();
    }
}
