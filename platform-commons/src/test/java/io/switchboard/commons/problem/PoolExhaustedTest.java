package io.switchboard.commons.problem;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * An exhausted connection pool is overload, answered 503 with Retry-After, not a defect with an error id: the real
 * pool's exception (Agroal, one connection, held) is recognized through the wrappers Hibernate puts around it, and an
 * ordinary database error is not.
 */
class PoolExhaustedTest {

    @Test
    void theRealPoolsTimeoutIsRecognizedAndOtherErrorsAreNot() throws Exception {
        String url = System.getenv("TEST_DB_URL");
        AgroalDataSourceConfigurationSupplier configuration = new AgroalDataSourceConfigurationSupplier()
                .connectionPoolConfiguration(pool -> pool.maxSize(1)
                        .acquisitionTimeout(Duration.ofSeconds(1))
                        .connectionFactoryConfiguration(factory -> factory.jdbcUrl(
                                        url == null || url.isBlank()
                                                ? "jdbc:postgresql://127.0.0.1:5432/switchboard_test"
                                                : url)
                                .principal(new NamePrincipal("tenant_service"))
                                .credential(new SimplePassword("tenant_service"))));
        try (AgroalDataSource pool = AgroalDataSource.from(configuration);
                Connection held = pool.getConnection()) {
            SQLException timeout = null;
            try (Connection second = pool.getConnection()) {
                // not reached: the only connection is held
            } catch (SQLException e) {
                timeout = e;
            }
            assertThat((Throwable) timeout).as("the pool gives up").isNotNull();
            RuntimeException wrapped = new RuntimeException("could not obtain a connection", timeout);
            assertThat(ProblemMappers.poolExhausted(wrapped)).isTrue();

            SQLException syntax = null;
            try (var statement = held.createStatement()) {
                statement.execute("select from nowhere_at_all");
            } catch (SQLException e) {
                syntax = e;
            }
            assertThat(ProblemMappers.poolExhausted(new RuntimeException(syntax)))
                    .isFalse();
            assertThat(ProblemMappers.poolExhausted(new IllegalStateException("boom")))
                    .isFalse();
        }
    }
}
