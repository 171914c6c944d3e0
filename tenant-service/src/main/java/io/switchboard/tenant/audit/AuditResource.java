package io.switchboard.tenant.audit;

import io.quarkus.security.Authenticated;
import io.quarkus.security.PermissionsAllowed;
import io.switchboard.commons.api.Page;
import io.switchboard.commons.api.PageRequest;
import io.switchboard.commons.problem.ProblemException;
import io.switchboard.commons.security.Permissions;
import io.switchboard.commons.tenant.TenantContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The audit log: tenant admins read their tenant's, superadmins any tenant's or all. */
@Path("/api/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Audit log")
@SecurityRequirement(name = "switchboard")
@Authenticated
public class AuditResource {

    private static final Map<String, String> SORTABLE = Map.of("occurredAt", "occurred_at");

    private final AuditStore store;
    private final TenantContext tenantContext;

    public AuditResource(AuditStore store, TenantContext tenantContext) {
        this.store = store;
        this.tenantContext = tenantContext;
    }

    @GET
    @PermissionsAllowed(Permissions.AUDIT_READ)
    @Operation(
            summary = "Read the audit log",
            description = "Newest first. The active tenant's entries; a superadmin naming no tenant reads every"
                    + " tenant's.")
    public Page<AuditEntry> list(
            @Parameter(description = "An event type, or a prefix ending in * (telephony.queue.*)") @QueryParam("type")
                    String type,
            @Parameter(description = "The acting user's id") @QueryParam("actor") String actor,
            @Parameter(description = "The changed object's id") @QueryParam("subject") String subject,
            @Parameter(description = "From this time (RFC 3339, inclusive)") @QueryParam("from") String from,
            @Parameter(description = "Until this time (RFC 3339, exclusive)") @QueryParam("to") String to,
            @QueryParam("page") Integer page,
            @QueryParam("size") Integer size,
            @Parameter(description = "occurredAt (oldest first) or -occurredAt (default)") @QueryParam("sort")
                    String sort) {
        AuditFilter filter = new AuditFilter(
                blankToNull(type), blankToNull(actor), blankToNull(subject), time("from", from), time("to", to));
        PageRequest pageRequest =
                PageRequest.of(page, size, sort == null ? "-occurredAt" : sort, SORTABLE, "occurredAt");
        if (tenantContext.tenantId().isEmpty() && tenantContext.isSuperadmin()) {
            return store.searchAll(filter, pageRequest);
        }
        return store.search(tenantContext.requireTenant(), filter, pageRequest);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static OffsetDateTime time(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid(field, "must be an RFC 3339 date-time, e.g. 2026-11-24T08:00:00Z");
        }
    }
}
