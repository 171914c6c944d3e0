package io.switchboard.webhook.catalogue;

import io.quarkus.security.Authenticated;
import io.quarkus.security.PermissionsAllowed;
import io.switchboard.commons.security.Permissions;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The event types subscriptions can filter on. */
@Path("/api/v1/webhooks/event-types")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Webhooks")
@SecurityRequirement(name = "switchboard")
@Authenticated
public class EventTypeResource {

    private final EventCatalogue catalogue;

    public EventTypeResource(EventCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    @GET
    @PermissionsAllowed(Permissions.WEBHOOKS_MANAGE)
    @Operation(
            summary = "List the event types a subscription can receive",
            description = "Every event of the platform's catalogue (docs/asyncapi.yaml), with the topic it travels"
                    + " on. Filters may use * for a segment (helpdesk.ticket.*) or for everything.")
    public List<EventType> list() {
        return catalogue.types();
    }
}
