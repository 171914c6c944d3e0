package io.switchboard.routing.schedule;

import io.quarkus.logging.Log;
import io.switchboard.commons.tenant.TenantDirectory;
import io.switchboard.commons.tenant.TenantEntry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A tenant's default business hours, from its settings in the tenant directory (kept from {@code tenant.events},
 * read through its few-seconds cache), parsed once per tenant version. A tenant without valid hours is always open.
 */
@ApplicationScoped
public class TenantHours {

    private record Parsed(long version, BusinessHours hours) {}

    private final TenantDirectory directory;
    private final Map<String, Parsed> parsed = new ConcurrentHashMap<>();

    public TenantHours(TenantDirectory directory) {
        this.directory = directory;
    }

    public BusinessHours of(String tenantId) {
        Optional<TenantEntry> tenant = directory.find(tenantId);
        if (tenant.isEmpty()) {
            return BusinessHours.ALWAYS;
        }
        Parsed known = parsed.get(tenantId);
        if (known != null && known.version() == tenant.get().version()) {
            return known.hours();
        }
        BusinessHours hours = BusinessHours.fromTenantSettings(tenant.get().settings())
                .orElseGet(() -> {
                    Log.warnf("Tenant %s has no valid business hours in its settings: always open", tenantId);
                    return BusinessHours.ALWAYS;
                });
        parsed.put(tenantId, new Parsed(tenant.get().version(), hours));
        return hours;
    }
}
