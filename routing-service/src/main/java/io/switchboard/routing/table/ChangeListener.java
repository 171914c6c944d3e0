package io.switchboard.routing.table;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Listens for the NOTIFY that the routing tables' triggers send when a change commits ({@code <schema>_changes},
 * payload the tenant id), on a dedicated connection outside the pool, and has the routing table reload those tenants.
 * After losing the connection it reconnects and reloads everything, since notifications were missed meanwhile.
 */
@ApplicationScoped
public class ChangeListener {

    private static final Duration MAX_BACKOFF = Duration.ofSeconds(15);

    private final RoutingTable table;
    private final String url;
    private final String user;
    private final String password;
    private volatile boolean running;
    private Thread thread;

    public ChangeListener(
            RoutingTable table,
            @ConfigProperty(name = "quarkus.datasource.jdbc.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") String user,
            @ConfigProperty(name = "quarkus.datasource.password") String password) {
        this.table = table;
        this.url = url;
        this.user = user;
        this.password = password;
    }

    void onStart(@Observes StartupEvent event) {
        running = true;
        thread = Thread.ofPlatform().name("routing-change-listener").daemon().start(this::loop);
    }

    void onStop(@Observes ShutdownEvent event) {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
    }

    private void loop() {
        Duration backoff = Duration.ofMillis(200);
        boolean first = true;
        while (running) {
            try (Connection connection = DriverManager.getConnection(url, user, password)) {
                listen(connection);
                if (!first) {
                    table.reloadAll(); // what changed while we were not listening
                }
                first = false;
                backoff = Duration.ofMillis(200);
                PGConnection pg = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(10_000);
                    if (notifications != null && notifications.length > 0) {
                        Set<String> tenants = new LinkedHashSet<>();
                        for (PGNotification notification : notifications) {
                            tenants.add(notification.getParameter());
                        }
                        table.reload(tenants);
                    }
                }
            } catch (SQLException e) {
                if (!running) {
                    return;
                }
                first = false;
                Log.warnf("Listening for routing changes failed (retrying in %s): %s", backoff, e.toString());
                try {
                    Thread.sleep(backoff.toMillis());
                } catch (InterruptedException interrupted) {
                    return;
                }
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        }
    }

    private static void listen(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("select current_schema()")) {
            rs.next();
            try (Statement listen = connection.createStatement()) {
                listen.execute("listen \"" + rs.getString(1) + "_changes\"");
            }
        }
    }
}
