package io.switchboard.tenant.tenant;

import java.time.OffsetDateTime;

/** A tenant as the API returns it and as the {@code tenant.tenant.*} events carry it (the tenant snapshot). */
public record TenantView(
        String id,
        String name,
        TenantStatus status,
        String statusReason,
        OffsetDateTime trialExpiresAt,
        Limits limits,
        Features features,
        TenantSettings settings,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt,
        OffsetDateTime deletedAt,
        long version) {}
