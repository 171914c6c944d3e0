package io.switchboard.testing.ari;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the ARI simulator standalone, for benchmarks, demos and manual tests:
 * {@code java -cp ... io.switchboard.testing.ari.AriSimulatorMain --port 8088}. Options: {@code --port} (8088),
 * {@code --app} (switchboard), {@code --user} (ariuser), {@code --password} (aripass), {@code --default} (the
 * behaviour of every endpoint: {@code answer:100ms}, {@code noanswer}, {@code busy}, {@code reject:21},
 * {@code unavailable}), {@code --endpoint PJSIP/name=behaviour} (repeatable), {@code --playback-ms} (100).
 */
public final class AriSimulatorMain {

    private AriSimulatorMain() {}

    public static void main(String[] args) throws InterruptedException {
        int port = 8088;
        String app = "switchboard";
        String user = "ariuser";
        String password = "aripass";
        EndpointBehaviour defaultBehaviour = behaviour("answer:100ms");
        EndpointRegistry explicit = new EndpointRegistry(null);
        Duration playback = Duration.ofMillis(100);
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(value);
                case "--app" -> app = value;
                case "--user" -> user = value;
                case "--password" -> password = value;
                case "--default" -> defaultBehaviour = behaviour(value);
                case "--endpoint" -> {
                    int eq = value.indexOf('=');
                    explicit.set(value.substring(0, eq), behaviour(value.substring(eq + 1)));
                }
                case "--playback-ms" -> playback = Duration.ofMillis(Long.parseLong(value));
                case "--help", "-h" -> {
                    System.out.println("Options: --port 8088 --app switchboard --user ariuser --password aripass"
                            + " --default answer:100ms|noanswer|busy|reject:<cause>|unavailable"
                            + " --endpoint PJSIP/<name>=<behaviour> --playback-ms 100");
                    return;
                }
                default -> throw new IllegalArgumentException("Unknown option " + args[i] + " (try --help)");
            }
            i++;
        }
        AriSimulator sim = AriSimulator.start(app, user, password, port);
        sim.endpoints().setDefault(defaultBehaviour);
        explicit.configured().forEach(sim.endpoints()::set);
        sim.setPlaybackDuration(playback);
        // a long-running simulator keeps no per-request history; latencies are still measured
        sim.setRecordRequests(false);
        sim.setRecordEvents(false);
        sim.enableControlApi();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(() -> {
            sim.close();
            stopped.countDown();
        }));
        System.out.println(
                "ARI simulator (Asterisk " + AriSimulator.ASTERISK_VERSION + ", ARI " + AriSimulator.ARI_VERSION
                        + ") listening on " + sim.baseUrl() + " for application " + app + ", user " + user);
        stopped.await();
    }

    /** Parses a behaviour: {@code answer:100ms}, {@code noanswer}, {@code busy}, {@code reject:21}, {@code unavailable}. */
    static EndpointBehaviour behaviour(String spec) {
        if (spec == null) {
            throw new IllegalArgumentException("A behaviour is required");
        }
        String[] parts = spec.split(":", 2);
        return switch (parts[0]) {
            case "answer" ->
                EndpointBehaviour.answerAfter(
                        Duration.ofMillis(parts.length > 1 ? Long.parseLong(parts[1].replace("ms", "")) : 0));
            case "noanswer" -> EndpointBehaviour.noAnswer();
            case "busy" -> EndpointBehaviour.busy();
            case "reject" -> EndpointBehaviour.rejectWith(Integer.parseInt(parts[1]));
            case "unavailable" -> EndpointBehaviour.unavailable();
            default -> throw new IllegalArgumentException("Unknown endpoint behaviour " + spec);
        };
    }
}
