package io.switchboard.commons.events;

/**
 * CloudEvents {@code type} values, {@code <domain>.<aggregate>.<verb>}. Each is documented, with its data schema, in
 * docs/asyncapi.yaml; a test checks that what a service emits validates against it.
 */
public final class EventTypes {

    public static final String TENANT_CREATED = "tenant.tenant.created";
    public static final String TENANT_UPDATED = "tenant.tenant.updated";
    public static final String TENANT_STATUS_CHANGED = "tenant.tenant.status_changed";
    public static final String TENANT_DELETED = "tenant.tenant.deleted";
    public static final String TENANT_RESTORED = "tenant.tenant.restored";
    public static final String TENANT_PURGED = "tenant.tenant.purged";

    /** The prefix shared by every event about the tenant aggregate itself. */
    public static final String TENANT_AGGREGATE_PREFIX = "tenant.tenant.";

    private EventTypes() {}
}
