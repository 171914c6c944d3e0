package io.switchboard.commons.storage;

import io.switchboard.commons.tenant.TenantIds;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Object keys: {@code <tenantId>/<service>/<id>}, from values the platform issued and never from user input (a file
 * name stays in the database), so that a key cannot leave its tenant's prefix and a tenant's objects can be listed or
 * removed by prefix.
 */
public final class ObjectKeys {

    private static final Pattern SERVICE = Pattern.compile("^[a-z][a-z0-9-]{0,39}$");

    private ObjectKeys() {}

    public static String of(String tenantId, String service, UUID id) {
        if (!TenantIds.isValid(tenantId)) {
            throw new IllegalArgumentException("not a tenant id: " + tenantId);
        }
        if (!SERVICE.matcher(service).matches()) {
            throw new IllegalArgumentException("not a service name: " + service);
        }
        return tenantId + "/" + service + "/" + id;
    }

    /** Whether a key is under a tenant's prefix. */
    public static boolean ofTenant(String key, String tenantId) {
        return key != null && key.startsWith(tenantId + "/");
    }
}
