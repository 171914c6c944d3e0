package io.switchboard.helpdesk.config;

import io.quarkus.logging.Log;
import io.switchboard.commons.db.LeaderLock;
import java.sql.SQLException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntSupplier;

/**
 * Work only the leading replica does (a {@link LeaderLock}), in batches until one comes back short: the SLA and the
 * due-date schedulers. One run at a time in this instance, whether from the scheduler or a test.
 */
public final class LeaderBatches {

    private final String name;
    private final LeaderLock leader;
    private final ReentrantLock running = new ReentrantLock();

    /** @param lock the leader lock's name; @param name what the work is called in log lines */
    public LeaderBatches(String lock, String name) {
        this.leader = new LeaderLock(lock);
        this.name = name;
    }

    /** Runs batches while this instance leads; returns how many items they handled (0 when another leads). */
    public int run(IntSupplier batch, int batchSize) {
        running.lock();
        try {
            if (!leader.tryAcquire()) {
                return 0;
            }
            int done = 0;
            int handled;
            do {
                handled = batch.getAsInt();
                done += handled;
            } while (handled >= batchSize);
            return done;
        } catch (SQLException e) {
            Log.warnf("%s: no database for the leader lock: %s", name, e.toString());
            return 0;
        } finally {
            running.unlock();
        }
    }
}
