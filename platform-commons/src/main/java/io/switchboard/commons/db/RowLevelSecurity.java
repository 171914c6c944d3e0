package io.switchboard.commons.db;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import io.quarkus.security.ForbiddenException;
import io.switchboard.commons.tenant.CrossTenant;
import io.switchboard.commons.tenant.TenantContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Applies the tenant of the current unit of work to the current transaction: {@code set_config('app.tenant_id', ...,
 * true)} (and {@code app.all_tenants} for an explicit {@link CrossTenant} method), once per transaction, on the
 * transaction's own connection. Policies on every tenant table compare {@code tenant_id} with these settings, so a
 * forgotten WHERE clause still cannot see another tenant's rows.
 */
@ApplicationScoped
public class RowLevelSecurity {

    /** What a transaction was set to: the tenant (empty for none) and whether every tenant is visible. */
    record Setting(String tenantId, boolean allTenants) {}

    private static final String KEY = RowLevelSecurity.class.getName();
    private static final String SQL =
            "select set_config('app.tenant_id', ?, true), set_config('app.all_tenants', ?, true)";

    private final DataSource dataSource;
    private final TransactionSynchronizationRegistry registry;

    public RowLevelSecurity(DataSource dataSource, TransactionSynchronizationRegistry registry) {
        this.dataSource = dataSource;
        this.registry = registry;
    }

    /** Called at the start of every transactional method, inside its transaction. */
    void onTransactionalMethod(Method method) {
        boolean crossTenant = method.isAnnotationPresent(CrossTenant.class)
                || method.getDeclaringClass().isAnnotationPresent(CrossTenant.class);
        Setting current = (Setting) registry.getResource(KEY);
        if (current != null && !crossTenant) {
            return; // an enclosing method of this transaction already decided
        }
        TenantContext context = tenantContext();
        if (crossTenant && context != null && !context.isSystem() && !context.isSuperadmin()) {
            throw new ForbiddenException(method.getName() + " reads across tenants and is for superadmins only");
        }
        String tenant = context == null ? "" : context.tenantId().orElse("");
        apply(new Setting(crossTenant ? "" : tenant, crossTenant), current);
    }

    /** Re-applies the unit of work's tenant inside an ongoing transaction, after it changed. */
    public void refresh() {
        TenantContext context = tenantContext();
        String tenant = context == null ? "" : context.tenantId().orElse("");
        apply(new Setting(tenant, false), (Setting) registry.getResource(KEY));
    }

    private void apply(Setting wanted, Setting current) {
        if (wanted.equals(current)) {
            return;
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(SQL)) {
            statement.setString(1, wanted.tenantId());
            statement.setString(2, wanted.allTenants() ? "on" : "off");
            statement.execute();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not apply the tenant to the transaction", e);
        }
        registry.putResource(KEY, wanted);
    }

    private static TenantContext tenantContext() {
        ManagedContext requestContext = Arc.container().requestContext();
        if (!requestContext.isActive()) {
            return null;
        }
        return Arc.container().instance(TenantContext.class).get();
    }
}
