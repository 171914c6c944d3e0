package io.switchboard.routing.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.switchboard.testing.LocalStack;
import io.switchboard.testing.ServiceProcess;
import io.switchboard.testing.ari.AriSimulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The real telephony-service next to this test's routing-service: its built application (run {@code make build} or
 * build telephony-service first), started from a copy so that a rebuild cannot change it underneath, connected to an
 * {@link AriSimulator} in Asterisk's place and asking this routing-service ({@code ROUTING_URL}) for its decisions,
 * against the local stack's test database and Kafka with consumer groups of its own. Its log is
 * {@code target/telephony-service-callpath.log}.
 */
public class TelephonyService implements QuarkusTestResourceLifecycleManager {

    private static final String ARI_USER = "ariuser";
    private static final String ARI_PASSWORD = "aripass";

    public static volatile AriSimulator simulator;
    public static volatile String url;
    private ServiceProcess telephony;

    @Override
    public Map<String, String> start() {
        Path built = LocalStack.repoRoot().resolve("telephony-service/target/quarkus-app");
        if (!Files.isRegularFile(built.resolve("quarkus-run.jar"))) {
            throw new IllegalStateException(
                    built + "/quarkus-run.jar is missing: build telephony-service before routing-service's tests");
        }
        Path app = Path.of("target/telephony-app");
        copy(built, app);
        simulator = AriSimulator.start("switchboard", ARI_USER, ARI_PASSWORD);
        int routingPort = freePort();
        Map<String, String> env = new LinkedHashMap<>();
        env.put("DB_URL", LocalStack.testDatabaseUrl());
        env.put("KAFKA_BOOTSTRAP_SERVERS", LocalStack.kafkaBootstrapServers());
        env.put("ARI_URL", simulator.baseUrl());
        env.put("ARI_USERNAME", ARI_USER);
        env.put("ARI_PASSWORD", ARI_PASSWORD);
        env.put("ROUTING_URL", "http://127.0.0.1:" + routingPort);
        env.put("MP_MESSAGING_INCOMING_TENANT_EVENTS_GROUP_ID", "telephony-service-routing-test");
        env.put("MP_MESSAGING_INCOMING_TENANT_DIALPLAN_GROUP_ID", "telephony-service-dialplan-routing-test");
        env.put("SWITCHBOARD_OUTBOX_POLL_INTERVAL", "200ms");
        env.put("SWITCHBOARD_TELEPHONY_RING_TIMEOUT", "5s");
        try {
            telephony = ServiceProcess.start(
                    app.resolve("quarkus-run.jar"),
                    Path.of("target/telephony-service-callpath.log"),
                    List.of("-Xmx256m", "-XX:TieredStopAtLevel=1"),
                    env);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        url = telephony.url();
        return Map.of("quarkus.http.test-port", Integer.toString(routingPort));
    }

    @Override
    public void stop() {
        try {
            if (telephony != null) {
                telephony.close();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (simulator != null) {
            simulator.close();
        }
    }

    private static void copy(Path from, Path to) {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not copy " + from, e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
