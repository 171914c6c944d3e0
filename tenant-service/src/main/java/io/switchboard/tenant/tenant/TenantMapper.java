package io.switchboard.tenant.tenant;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Maps the stored tenant to its API and event representation and to the editable draft. */
final class TenantMapper {

    private TenantMapper() {}

    static TenantView toView(Tenant tenant) {
        return new TenantView(
                tenant.id,
                tenant.name,
                tenant.status,
                tenant.statusReason,
                utc(tenant.trialExpiresAt),
                new Limits(tenant.maxAgents, tenant.maxDids, tenant.maxConcurrentCalls),
                tenant.features,
                tenant.settings,
                utc(tenant.createdAt),
                utc(tenant.updatedAt),
                utc(tenant.deletedAt),
                tenant.version);
    }

    static TenantDraft toDraft(Tenant tenant) {
        return new TenantDraft(
                tenant.name,
                tenant.status,
                tenant.statusReason,
                utc(tenant.trialExpiresAt),
                new Limits(tenant.maxAgents, tenant.maxDids, tenant.maxConcurrentCalls),
                tenant.features,
                tenant.settings);
    }

    /** Copies a validated draft onto the stored tenant. */
    static void apply(TenantDraft draft, Tenant tenant) {
        tenant.name = draft.name().strip();
        tenant.status = draft.status();
        tenant.statusReason = draft.statusReason();
        tenant.trialExpiresAt =
                draft.trialExpiresAt() == null ? null : draft.trialExpiresAt().toInstant();
        tenant.maxAgents = draft.limits().maxAgents();
        tenant.maxDids = draft.limits().maxDids();
        tenant.maxConcurrentCalls = draft.limits().maxConcurrentCalls();
        tenant.features = draft.features();
        tenant.settings = draft.settings();
    }

    static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
