package io.switchboard.tenant.platform;

import io.smallrye.common.annotation.Blocking;
import io.switchboard.commons.events.CloudEventCodec;
import io.switchboard.commons.inbox.IdempotentConsumer;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Test-only consumer: each event's effect adds one to a counter per subject, through the idempotent-consumer guard, so
 * that a test can count effects.
 */
@ApplicationScoped
public class IdempotencyProbe {

    static final String TOPIC = "tenant-service.test-idempotency";
    static final String CONSUMER = "idempotency-probe";

    private final IdempotentConsumer inbox;
    private final DataSource dataSource;

    public IdempotencyProbe(IdempotentConsumer inbox, DataSource dataSource) {
        this.inbox = inbox;
        this.dataSource = dataSource;
    }

    @Incoming("idempotency-probe")
    @Blocking
    public void onEvent(ConsumerRecord<String, byte[]> record) {
        inbox.process(CONSUMER, CloudEventCodec.fromRecord(record), event -> increment(event.subject()));
    }

    void increment(String subject) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement("insert into probe_effect (subject, applied)"
                        + " values (?, 1) on conflict (subject) do update set applied = probe_effect.applied + 1")) {
            statement.setString(1, subject);
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
