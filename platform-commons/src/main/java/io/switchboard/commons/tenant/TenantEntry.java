package io.switchboard.commons.tenant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;

/**
 * What every service knows about a tenant, from the snapshots in {@code tenant.tenant.*} events: status and trial,
 * limits, feature flags and settings. A tolerant reader: fields added to the snapshot later are ignored here.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TenantEntry(
        String id,
        String name,
        String status,
        OffsetDateTime trialExpiresAt,
        Limits limits,
        Map<String, Boolean> features,
        JsonNode settings,
        OffsetDateTime deletedAt,
        long version) {

    public static final String ACTIVE = "active";
    public static final String TRIAL = "trial";
    public static final String SUSPENDED = "suspended";
    public static final String INACTIVE = "inactive";
    public static final String DELETED = "deleted";

    /** Resource limits of a tenant. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Limits(int maxAgents, int maxDids, int maxConcurrentCalls) {}

    /** The status in force now: an expired trial counts as inactive before the expiry job has run. */
    public String effectiveStatus(Instant now) {
        if (deletedAt != null) {
            return DELETED;
        }
        if (TRIAL.equals(status)
                && trialExpiresAt != null
                && !trialExpiresAt.toInstant().isAfter(now)) {
            return INACTIVE;
        }
        return status;
    }

    /** Whether the tenant's users may change anything: an active tenant or a running trial. */
    public boolean acceptsWrites(Instant now) {
        String effective = effectiveStatus(now);
        return ACTIVE.equals(effective) || TRIAL.equals(effective);
    }

    public boolean hasFeature(String feature) {
        return features != null && Boolean.TRUE.equals(features.get(feature));
    }
}
