package io.switchboard.routing.table;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Remembers which tenants' routing the current transaction changes, and reloads them into this instance's routing
 * table once it has committed, before the request (or consumed event) completes: a DID saved is routed by the next
 * call. Other instances learn of the change from the NOTIFY the tables' triggers send.
 */
@ApplicationScoped
public class RoutingChanges {

    private static final String KEY = RoutingChanges.class.getName();

    private final TransactionSynchronizationRegistry registry;
    private final RoutingTable table;

    public RoutingChanges(TransactionSynchronizationRegistry registry, RoutingTable table) {
        this.registry = registry;
        this.table = table;
    }

    /**
     * Notes that the current transaction changes {@code tenantId}'s routing; the reload after the commit is waited
     * for (the request returns only when this instance routes with the change).
     */
    public void touched(String tenantId) {
        touched(tenantId, true);
    }

    /** As {@link #touched(String)}; without {@code wait}, the reload runs in the background (a consumer's events). */
    @SuppressWarnings("unchecked")
    public void touched(String tenantId, boolean wait) {
        Set<String> tenants = (Set<String>) registry.getResource(KEY);
        if (tenants == null) {
            Set<String> changed = new LinkedHashSet<>();
            registry.putResource(KEY, changed);
            registry.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                    // nothing to do before the commit
                }

                @Override
                public void afterCompletion(int status) {
                    if (status == Status.STATUS_COMMITTED && wait) {
                        table.reloadAndWait(Set.copyOf(changed));
                    } else if (status == Status.STATUS_COMMITTED) {
                        table.reload(Set.copyOf(changed));
                    }
                }
            });
            tenants = changed;
        }
        tenants.add(tenantId);
    }
}
