package io.switchboard.helpdesk.report;

import io.quarkus.security.Authenticated;
import io.quarkus.security.PermissionsAllowed;
import io.switchboard.commons.security.Permissions;
import io.switchboard.commons.tenant.TenantContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Ticket volume and response times of the active tenant, for supervisors and those who read reports. */
@Path("/api/v1/helpdesk/reports")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Reports")
@SecurityRequirement(name = "switchboard")
@Authenticated
public class ReportResource {

    private final ReportService service;
    private final TenantContext tenantContext;
    private final Clock clock;

    public ReportResource(ReportService service, TenantContext tenantContext, Clock clock) {
        this.service = service;
        this.tenantContext = tenantContext;
        this.clock = clock;
    }

    @GET
    @Path("volume")
    @PermissionsAllowed(Permissions.REPORTS_READ)
    @Operation(
            summary = "Ticket volume",
            description = "Tickets created in [from, to) (default: the last 30 days) and tickets open now, by status,"
                    + " priority, team and agent; with period, created tickets per day, week or month in the tenant's"
                    + " time zone.")
    public VolumeReport volume(
            @Parameter(description = "RFC 3339; default 30 days before to") @QueryParam("from") String from,
            @Parameter(description = "RFC 3339, exclusive; default now") @QueryParam("to") String to,
            @Parameter(description = "day, week or month; none: the whole range") @QueryParam("period") String period) {
        ReportRange range = ReportRange.parse(from, to, period, null, List.of(), clock);
        return service.volume(tenantContext.requireTenant(), range);
    }

    @GET
    @Path("response-times")
    @PermissionsAllowed(Permissions.REPORTS_READ)
    @Operation(
            summary = "First response and resolution times",
            description = "Of the tickets created in [from, to): median and 90th percentile in wall-clock seconds"
                    + " (percentile_cont), in total and per team, priority or agent (the assignee) and period.")
    public ResponseTimesReport responseTimes(
            @Parameter(description = "RFC 3339; default 30 days before to") @QueryParam("from") String from,
            @Parameter(description = "RFC 3339, exclusive; default now") @QueryParam("to") String to,
            @Parameter(description = "day, week or month; none: the whole range") @QueryParam("period") String period,
            @Parameter(description = "team, priority, agent or none") @QueryParam("groupBy") String groupBy) {
        ReportRange range = ReportRange.parse(from, to, period, groupBy, ReportService.RESPONSE_GROUPINGS, clock);
        return service.responseTimes(tenantContext.requireTenant(), range);
    }
}
