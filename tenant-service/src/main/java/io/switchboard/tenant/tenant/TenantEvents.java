package io.switchboard.tenant.tenant;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.List;

/**
 * The data of the {@code tenant.tenant.*} events (docs/asyncapi.yaml): each carries the whole tenant, so that a
 * consumer can keep its copy from the newest event alone, plus what is particular to the fact.
 */
public final class TenantEvents {

    private TenantEvents() {}

    /** {@code tenant.tenant.created} */
    public record TenantCreated(@JsonUnwrapped TenantView tenant) {}

    /** {@code tenant.tenant.updated}: {@code changedFields} are JSON paths such as {@code settings.timezone}. */
    public record TenantUpdated(@JsonUnwrapped TenantView tenant, List<String> changedFields) {}

    /** {@code tenant.tenant.status_changed} */
    public record TenantStatusChanged(@JsonUnwrapped TenantView tenant, TenantStatus previousStatus, String reason) {}

    /** {@code tenant.tenant.deleted}: soft-deleted, restorable until the retention period ends. */
    public record TenantDeleted(@JsonUnwrapped TenantView tenant) {}

    /** {@code tenant.tenant.restored} */
    public record TenantRestored(@JsonUnwrapped TenantView tenant) {}

    /** {@code tenant.tenant.purged}: gone for good; services delete what they hold for it. */
    public record TenantPurged(@JsonUnwrapped TenantView tenant) {}
}
