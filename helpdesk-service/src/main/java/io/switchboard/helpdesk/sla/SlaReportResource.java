package io.switchboard.helpdesk.sla;

import io.quarkus.security.Authenticated;
import io.quarkus.security.PermissionsAllowed;
import io.switchboard.commons.security.Permissions;
import io.switchboard.commons.tenant.TenantContext;
import io.switchboard.helpdesk.report.ReportRange;
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

/** SLA compliance of the active tenant's tickets, for supervisors and those who read reports. */
@Path("/api/v1/helpdesk/reports/sla")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Reports")
@SecurityRequirement(name = "switchboard")
@Authenticated
public class SlaReportResource {

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
        ReportRange range = ReportRange.parse(from, to, period, null, List.of(), clock);
        return service.report(tenantContext.requireTenant(), range.from(), range.to(), range.period());
    }
}
