package io.switchboard.commons.tenant;

import io.opentelemetry.api.trace.Span;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.util.Set;
import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Per request: puts the tenant into the log context and the trace, remembers the client address for the audit trail,
 * and refuses changes to a tenant that is suspended, inactive or deleted (checked in the tenant directory) unless the
 * caller is a platform superadmin.
 */
public class TenantRequestFilter {

    public static final String MDC_TENANT = "tenantId";
    public static final String MDC_USER = "userId";
    public static final String SPAN_ATTRIBUTE = "switchboard.tenant.id";
    private static final Set<String> SAFE_METHODS = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    /** Settings of the tenant directory's write check ({@code switchboard.tenant-directory.*}). */
    @ConfigMapping(prefix = "switchboard.tenant-directory")
    public interface DirectoryConfig {
        /**
         * Whether changes are refused for tenants that are not active or in trial. Only tenant-service turns it off,
         * as it checks its own table, the source of truth.
         */
        @WithDefault("true")
        boolean enforceWrites();
    }

    private final TenantContext tenantContext;
    private final TenantDirectory directory;
    private final DirectoryConfig config;

    public TenantRequestFilter(TenantContext tenantContext, TenantDirectory directory, DirectoryConfig config) {
        this.tenantContext = tenantContext;
        this.directory = directory;
        this.config = config;
    }

    @ServerRequestFilter
    public void filter(ContainerRequestContext request, HttpServerRequest http) {
        clear();
        tenantContext.clientIp(
                http.remoteAddress() == null ? null : http.remoteAddress().hostAddress());
        tenantContext.tenantId().ifPresent(tenant -> {
            MDC.put(MDC_TENANT, tenant);
            Span.current().setAttribute(SPAN_ATTRIBUTE, tenant);
            if (config.enforceWrites()
                    && !SAFE_METHODS.contains(request.getMethod())
                    && !tenantContext.isSuperadmin()) {
                directory.requireWritable(tenant);
            }
        });
        tenantContext.caller().ifPresent(caller -> MDC.put(MDC_USER, caller.userId()));
    }

    @ServerResponseFilter
    public void clear() {
        MDC.remove(MDC_TENANT);
        MDC.remove(MDC_USER);
    }
}
