package io.switchboard.commons.tenant;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.cache.CacheInvalidate;
import io.quarkus.cache.CacheKey;
import io.quarkus.cache.CacheResult;
import io.switchboard.commons.problem.ProblemException;
import io.switchboard.commons.problem.ProblemType;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * This service's replica of the tenants, kept from {@code tenant.events} in its own {@code tenant_directory} table, so
 * that it can answer "is this tenant active, does it have feature X, what are its limits" without a remote call. Reads
 * are cached for a few seconds per instance.
 */
@ApplicationScoped
public class TenantDirectory {

    static final String CACHE = "tenant-directory";

    private static final String UPSERT = "insert into tenant_directory (tenant_id, status, deleted, version, snapshot,"
            + " updated_at) values (?, ?, ?, ?, ?::jsonb, now()) on conflict (tenant_id) do update set"
            + " status = excluded.status, deleted = excluded.deleted, version = excluded.version,"
            + " snapshot = excluded.snapshot, updated_at = now() where tenant_directory.version < excluded.version";

    private final DataSource dataSource;
    private final ObjectMapper mapper;

    public TenantDirectory(DataSource dataSource, ObjectMapper mapper) {
        this.dataSource = dataSource;
        this.mapper = mapper;
    }

    @CacheResult(cacheName = CACHE)
    public Optional<TenantEntry> find(String tenantId) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "select snapshot::text from tenant_directory where tenant_id = ?")) {
            select.setString(1, tenantId);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(mapper.readValue(rs.getString(1), TenantEntry.class));
            }
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("Could not read tenant " + tenantId + " from the directory", e);
        }
    }

    /**
     * Refuses a change for a tenant that is suspended, inactive, deleted or not yet known here, with a problem that
     * says which.
     */
    public TenantEntry requireWritable(String tenantId) {
        TenantEntry entry = find(tenantId)
                .orElseThrow(() -> new ProblemException(
                        io.switchboard.commons.problem.Problem.of(
                                ProblemType.SERVICE_UNAVAILABLE,
                                "Tenant '" + tenantId + "' is not known to this service yet; retry in a moment"),
                        Map.of("Retry-After", "2")));
        String status = entry.effectiveStatus(Instant.now());
        if (!entry.acceptsWrites(Instant.now())) {
            throw new ProblemException(io.switchboard.commons.problem.Problem.of(
                            ProblemType.TENANT_NOT_WRITABLE,
                            "Tenant '" + tenantId + "' is " + status
                                    + " and accepts no changes; a platform administrator can reactivate it")
                    .with("tenantStatus", status));
        }
        return entry;
    }

    /**
     * Refuses what needs a feature the tenant's plan does not include ({@code webrtc}, {@code recording},
     * {@code queue}, ...), with a problem naming the feature and, when given, the field that asked for it.
     */
    public void requireFeature(String tenantId, String feature, String field) {
        boolean enabled = find(tenantId).map(t -> t.hasFeature(feature)).orElse(false);
        if (!enabled) {
            io.switchboard.commons.problem.Problem problem = io.switchboard.commons.problem.Problem.of(
                            ProblemType.FEATURE_DISABLED,
                            "Tenant '" + tenantId + "' does not have the feature '" + feature
                                    + "'; a platform administrator can enable it")
                    .with("feature", feature);
            if (field != null) {
                problem = problem.withErrors(
                        java.util.List.of(new io.switchboard.commons.problem.FieldError(field, "needs " + feature)));
            }
            throw new ProblemException(problem);
        }
    }

    /** Applies a tenant snapshot unless a newer version is already known; returns whether it changed anything. */
    @CacheInvalidate(cacheName = CACHE)
    public boolean apply(@CacheKey String tenantId, TenantEntry entry, String snapshotJson) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement upsert = connection.prepareStatement(UPSERT)) {
            upsert.setString(1, tenantId);
            upsert.setString(2, entry.status());
            upsert.setBoolean(3, entry.deletedAt() != null);
            upsert.setLong(4, entry.version());
            upsert.setString(5, snapshotJson);
            return upsert.executeUpdate() > 0;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not update tenant " + tenantId + " in the directory", e);
        }
    }
}
