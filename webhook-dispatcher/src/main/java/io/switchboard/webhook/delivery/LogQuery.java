package io.switchboard.webhook.delivery;

import io.switchboard.commons.api.PageRequest;
import jakarta.ws.rs.QueryParam;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** The query parameters of the delivery and attempt logs: filters, then paging. */
public class LogQuery {

    @QueryParam("status")
    @Parameter(
            description = "Deliveries: pending, succeeded or failed. Attempts: the outcome (succeeded, http_error,"
                    + " timeout, connection_error, target_refused, payload_too_large)")
    String status;

    @QueryParam("eventType")
    @Parameter(description = "An event type or pattern, e.g. helpdesk.ticket.*")
    String eventType;

    @QueryParam("since")
    @Parameter(description = "From this instant (inclusive), e.g. 2026-01-31T00:00:00Z")
    String since;

    @QueryParam("until")
    @Parameter(description = "Until this instant (exclusive)")
    String until;

    @QueryParam("page")
    Integer page;

    @QueryParam("size")
    Integer size;

    @QueryParam("sort")
    @Parameter(description = "Sort keys, `-` for descending; newest first by default")
    String sort;

    /** The validated filters; {@code statuses} are the values {@code status} may take. */
    public DeliveryFilter filter(Set<String> statuses) {
        return DeliveryFilter.of(status, statuses, eventType, since, until);
    }

    public PageRequest page(Map<String, String> sortable, String defaultSort) {
        return PageRequest.of(page, size, sort, sortable, defaultSort);
    }
}
