package io.switchboard.commons.inbox;

import io.switchboard.commons.events.DomainEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * The transaction of {@link IdempotentConsumer}; a bean of its own so that the tenant is set before the transaction
 * (and its row-level-security setting) begins.
 */
@ApplicationScoped
class InboxTransaction {

    private static final String RECORD =
            "insert into processed_event (consumer, event_id) values (?, ?) on conflict do nothing";

    private final DataSource dataSource;

    InboxTransaction(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Transactional
    boolean processOnce(String consumer, DomainEvent event, Consumer<DomainEvent> effect) {
        // A concurrent delivery of the same event blocks on the primary key here until the first one commits.
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(RECORD)) {
            insert.setString(1, consumer);
            insert.setString(2, event.id());
            if (insert.executeUpdate() == 0) {
                return false;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not record event " + event.id() + " as processed", e);
        }
        effect.accept(event);
        return true;
    }
}
