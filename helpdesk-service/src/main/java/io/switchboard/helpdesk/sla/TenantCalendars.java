package io.switchboard.helpdesk.sla;

import io.quarkus.logging.Log;
import io.switchboard.commons.tenant.TenantDirectory;
import io.switchboard.commons.tenant.TenantEntry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A tenant's business calendar from its settings in the tenant directory, parsed once per tenant version. A tenant
 * without valid business hours counts around the clock.
 */
@ApplicationScoped
public class TenantCalendars {

    private record Parsed(long version, BusinessCalendar calendar) {}

    private final TenantDirectory directory;
    private final Map<String, Parsed> parsed = new ConcurrentHashMap<>();

    public TenantCalendars(TenantDirectory directory) {
        this.directory = directory;
    }

    public BusinessCalendar of(String tenantId) {
        Optional<TenantEntry> tenant = directory.find(tenantId);
        if (tenant.isEmpty()) {
            return BusinessCalendar.ALWAYS;
        }
        Parsed known = parsed.get(tenantId);
        if (known != null && known.version() == tenant.get().version()) {
            return known.calendar();
        }
        BusinessCalendar calendar = BusinessCalendar.fromTenantSettings(
                        tenant.get().settings())
                .orElseGet(() -> {
                    Log.warnf(
                            "Tenant %s has no valid business hours in its settings: SLA counts around the clock",
                            tenantId);
                    return BusinessCalendar.ALWAYS;
                });
        parsed.put(tenantId, new Parsed(tenant.get().version(), calendar));
        return calendar;
    }
}
