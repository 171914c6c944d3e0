package io.switchboard.helpdesk.sla;

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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** SLA compliance of the active tenant's tickets, for supervisors and those who read reports. */
@Path("/api/v1/helpdesk/reports/sla")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Reports")
@SecurityRequirement(name = "switchboard")
@Authenticated
public class SlaReportResource {

    private static final Set<String> PERIODS = Set.of("day", "week", "month");
    private static final Duration MAX_RANGE = Duration.ofDays(366);

    private final SlaReportService service;
    private final TenantContext tenantContext;
    private final Clock clock;

    public SlaReportResource(SlaReportService service, TenantContext tenantContext, Clock clock) {
        this.service = service;
        this.tenantContext = tenantContext;
        this.clock = clock;
    }

    @GET
    @PermissionsAllowed(Permissions.REPORTS_READ)
    @Operation(
            summary = "SLA compliance by period, team and priority",
            description = "Tickets with an SLA policy created in [from, to) (default: the last 30 days), grouped by"
                    + " team and priority and, with period, by the day, week or month of their creation in the"
                    + " tenant's time zone.")
    public SlaReport report(
            @Parameter(description = "RFC 3339; default 30 days before to") @QueryParam("from") String from,
            @Parameter(description = "RFC 3339, exclusive; default now") @QueryParam("to") String to,
            @Parameter(description = "day, week or month; none: the whole range") @QueryParam("period") String period) {
        Validation validation = new Validation();
        Instant end = time(to, "to", validation);
        Instant start = time(from, "from", validation);
        if (period != null && !period.isBlank() && !PERIODS.contains(period.strip())) {
            validation.add("period", "must be day, week or month");
        }
        validation.throwIfInvalid();
        Instant until = end == null ? clock.instant() : end;
        Instant since = start == null ? until.minus(Duration.ofDays(30)) : start;
        if (!until.isAfter(since)) {
            validation.add("to", "must be after from");
        } else if (Duration.between(since, until).compareTo(MAX_RANGE) > 0) {
            validation.add("from", "the range is at most 366 days");
        }
        validation.throwIfInvalid();
        return service.report(
                tenantContext.requireTenant(),
                since,
                until,
                period == null || period.isBlank() ? null : period.strip());
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
