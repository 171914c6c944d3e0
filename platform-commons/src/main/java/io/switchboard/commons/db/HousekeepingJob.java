package io.switchboard.commons.db;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.switchboard.commons.inbox.InboxConfig;
import io.switchboard.commons.outbox.OutboxConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * Deletes published outbox rows and processed-event records once they are older than their retention. Idempotent, so
 * several replicas running it at once do no harm.
 */
@ApplicationScoped
public class HousekeepingJob {

    private final DataSource dataSource;
    private final OutboxConfig outbox;
    private final InboxConfig inbox;

    public HousekeepingJob(DataSource dataSource, OutboxConfig outbox, InboxConfig inbox) {
        this.dataSource = dataSource;
        this.outbox = outbox;
        this.inbox = inbox;
    }

    @Scheduled(
            every = "${switchboard.housekeeping.every:1h}",
            delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void run() {
        try {
            int outboxRows = delete(
                    "delete from outbox where published_at < now() - make_interval(secs => ?)", outbox.retention());
            int inboxRows = delete(
                    "delete from processed_event where processed_at < now() - make_interval(secs => ?)",
                    inbox.retention());
            if (outboxRows + inboxRows > 0) {
                Log.infof("Housekeeping removed %d outbox and %d processed-event rows", outboxRows, inboxRows);
            }
        } catch (SQLException e) {
            Log.warnf("Housekeeping failed, will retry at the next run: %s", e.toString());
        }
    }

    private int delete(String sql, Duration retention) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete = connection.prepareStatement(sql)) {
            delete.setLong(1, retention.toSeconds());
            return delete.executeUpdate();
        }
    }
}
