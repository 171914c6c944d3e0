package io.switchboard.chat.report;

import io.quarkus.security.Authenticated;
import io.quarkus.security.PermissionsAllowed;
import io.switchboard.commons.problem.Validation;
import io.switchboard.commons.security.Permissions;
import io.switchboard.commons.tenant.TenantContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Chat figures for supervisors and viewers (reports:read). */
@Path("/api/v1/chat/reports")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Reports")
@SecurityRequirement(name = "switchboard")
@Authenticated
public class ChatReportResource {

    private static final Duration MAX_RANGE = Duration.ofDays(366);

    private final ChatReportService service;
    private final TenantContext tenantContext;

    public ChatReportResource(ChatReportService service, TenantContext tenantContext) {
        this.service = service;
        this.tenantContext = tenantContext;
    }

    @GET
    @PermissionsAllowed(Permissions.REPORTS_READ)
    @Operation(
            summary = "Chat figures per agent, team or widget",
            description = "Sessions queued in [from, to) (default: the last 30 days): sessions, answered, abandoned and"
                    + " the abandon rate, offline messages, first response time and duration (median and 90th"
                    + " percentile), ratings (count, average, median, 1-5 distribution); in total and per groupBy.")
    public ChatReport report(
            @Parameter(description = "RFC 3339; default 30 days before to") @QueryParam("from") String from,
            @Parameter(description = "RFC 3339, exclusive; default now") @QueryParam("to") String to,
            @Parameter(description = "agent (default), team or widget") @QueryParam("groupBy") String groupBy) {
        Validation validation = new Validation();
        Instant end = time(to, "to", validation);
        Instant start = time(from, "from", validation);
        String dimension = groupBy == null || groupBy.isBlank() ? "agent" : groupBy.strip();
        if (!ChatReportService.isDimension(dimension)) {
            validation.add("groupBy", "must be agent, team or widget");
        }
        validation.throwIfInvalid();
        Instant until = end == null ? Instant.now() : end;
        Instant since = start == null ? until.minus(Duration.ofDays(30)) : start;
        if (!until.isAfter(since)) {
            validation.add("to", "must be after from");
        } else if (Duration.between(since, until).compareTo(MAX_RANGE) > 0) {
            validation.add("from", "the range is at most 366 days");
        }
        validation.throwIfInvalid();
        return service.report(tenantContext.requireTenant(), since, until, dimension);
    }

    private static Instant time(String raw, String name, Validation validation) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(raw.strip()).toInstant();
        } catch (DateTimeParseException e) {
            validation.add(name, "must be an RFC 3339 date-time such as 2026-01-31T12:00:00Z");
            return null;
        }
    }
}
