package io.switchboard.helpdesk.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.testing.ServiceProcess;
import io.switchboard.testing.TestUsers;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * Helpdesk at scale (make bench helpdesk): the packaged helpdesk-service on its own database ({@code switchboard_bench})
 * seeded with {@code bench.tickets} tickets over {@code bench.tenants} tenants (a few big, many small; seeded once by
 * {@code bench/helpdesk-seed.sql} and reused while it matches), asked through HTTP with a real agent token: a filtered
 * list and full-text searches, each at a steady {@code bench.rate} requests per second (open loop, latency from when a
 * request was due) for {@code bench.seconds}; searches for words in a large part of the biggest tenant at
 * {@code bench.heavy.rate}. Reports p50/p90/p99/max and errors per scenario. Not a test: it asserts
 * nothing and prints its figures.
 */
public final class HelpdeskBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROLE = "helpdesk_service";
    /** Changing the seed script changes this, so an older seed is replaced rather than reused. */
    private static final String SEED_VERSION = "3";

    /** A request kind: its name, its rate, and how to build the next request's query string and tenant. */
    private record Scenario(String name, int rate, Supplier<Call> next) {}

    private record Call(String tenant, String query) {}

    public static void main(String[] args) throws Exception {
        Path out = Path.of(System.getProperty("bench.out", "target/bench"));
        int seconds = Integer.getInteger("bench.seconds", 25);
        int rate = Integer.getInteger("bench.rate", 50);
        int tenants = Integer.getInteger("bench.tenants", 1000);
        int tickets = Integer.getInteger("bench.tickets", 1_000_000);
        String database = System.getProperty("bench.db", "jdbc:postgresql://127.0.0.1:5432/switchboard_bench");
        Files.createDirectories(out);
        Path jar = privateCopy(Path.of(System.getProperty("bench.jar")), out.resolve("helpdesk-app"));

        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("measuredAt", Instant.now().toString());
        figures.put("seconds", seconds);
        figures.put("ratePerSecond", rate);
        try (ServiceProcess service = ServiceProcess.start(
                        jar,
                        out.resolve("helpdesk.log"),
                        List.of(
                                "-Xmx512m",
                                "-Dquarkus.datasource.jdbc.url=" + database,
                                // the bench database outlives migrations that parallel work numbers out of order
                                "-Dquarkus.flyway.out-of-order=true",
                                "-Dmp.messaging.incoming.tenant-events.group.id=helpdesk-bench"),
                        Map.of());
                TestUsers users = new TestUsers()) {
            figures.put("seed", seed(database, tenants, tickets));

            // the biggest tenant, the second biggest, and ten from the long tail
            String big = tenant(1);
            List<String> small = new ArrayList<>();
            for (int r = tenants / 2; r < tenants / 2 + Math.min(10, tenants / 2); r++) {
                small.add(tenant(r));
            }
            Map<String, List<String>> memberships = new LinkedHashMap<>();
            memberships.put(big, List.of("agent"));
            small.forEach(t -> memberships.put(t, List.of("agent")));
            TestUsers.TestUser agent = users.memberships(memberships);
            HttpClient http = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5))
                    .executor(Executors.newVirtualThreadPerTaskExecutor())
                    .build();
            String base = service.url() + "/api/v1/tickets?";

            String list = "status=open&priority=high&sort=-updatedAt&size=25";
            Map<String, String> searches = searchWords(database, big);
            figures.put("searchWords", searches);
            // words that match a large part of the biggest tenant cost far more than a page (every match is ranked):
            // they are asked at bench.heavy.rate, so that they are measured without burying the service
            int heavyRate = Integer.getInteger("bench.heavy.rate", 2);
            List<String> words = List.copyOf(searches.values());
            List<Scenario> scenarios = new ArrayList<>();
            scenarios.add(new Scenario("list, biggest tenant", rate, () -> new Call(big, list)));
            scenarios.add(new Scenario("list, small tenants", rate, () -> new Call(pick(small), list)));
            searches.forEach((kind, word) -> {
                boolean heavy = kind.startsWith("common") || kind.startsWith("medium");
                scenarios.add(new Scenario(
                        "search, biggest tenant, " + kind + ": " + word,
                        heavy ? heavyRate : rate,
                        () -> new Call(big, "size=25&q=" + encode(word))));
            });
            scenarios.add(new Scenario(
                    "search, small tenants, any of the words",
                    rate,
                    () -> new Call(pick(small), "size=25&q=" + encode(pick(words)))));

            // what each query matches in the biggest tenant, as the service counts it
            Map<String, Object> matches = new LinkedHashMap<>();
            for (Map.Entry<String, String> search : searches.entrySet()) {
                JsonNode page = get(http, base + "size=1&q=" + encode(search.getValue()), big, agent.token());
                matches.put(
                        search.getKey() + " (" + search.getValue() + ")",
                        page.path("totalItems").asLong());
            }
            matches.put(
                    "list: " + list,
                    get(http, base + list, big, agent.token())
                            .path("totalItems")
                            .asLong());
            figures.put("matchesInBiggestTenant", matches);

            // warm-up: every scenario, a quarter of the time
            for (Scenario scenario : scenarios) {
                run(http, base, agent, scenario, Math.max(3, seconds / 4));
            }
            List<Map<String, Object>> results = new ArrayList<>();
            for (Scenario scenario : scenarios) {
                Map<String, Object> result = run(http, base, agent, scenario, seconds);
                System.out.println(scenario.name() + ": " + result);
                results.add(result);
            }
            figures.put("scenarios", results);
        }
        String json = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(figures);
        Files.writeString(out.resolve("helpdesk.json"), json);
        System.out.println("helpdesk benchmark:\n" + json);
    }

    /**
     * Seeds the database unless it already holds this seed (same script version, tenants and tickets): every bench
     * tenant's directory row names the seed, and the ticket count is the script's, within 1%.
     */
    private static Map<String, Object> seed(String database, int tenants, int tickets) throws Exception {
        String seed = SEED_VERSION + ":" + tenants + ":" + tickets;
        Map<String, Object> figures = new LinkedHashMap<>();
        try (Connection connection = DriverManager.getConnection(database, ROLE, ROLE);
                Statement statement = connection.createStatement()) {
            statement.execute("set app.all_tenants = 'on'");
            long expected = single(
                    statement,
                    "select sum(greatest(1, round(" + tickets + " * (1.0 / r) / h.h))::int) from generate_series(1, "
                            + tenants + ") r cross join (select sum(1.0 / k) as h from generate_series(1, " + tenants
                            + ") k) h");
            long seeded = single(
                    statement, "select count(*) from tenant_directory where snapshot ->> 'benchSeed' = '" + seed + "'");
            long present = single(statement, "select count(*) from ticket");
            // within 1%: the service's own jobs may remove a few (soft-deleted tickets past the retention period)
            if (seeded == tenants && Math.abs(present - expected) <= expected / 100) {
                System.out.println(
                        "helpdesk benchmark: reusing the seeded " + present + " tickets over " + tenants + " tenants");
                figures.put("reused", true);
            } else {
                System.out.println("helpdesk benchmark: seeding " + expected + " tickets over " + tenants
                        + " tenants (found " + present + "); a few minutes");
                long start = System.nanoTime();
                String script;
                try (InputStream in = HelpdeskBench.class.getResourceAsStream("/bench/helpdesk-seed.sql")) {
                    script = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                            .replace("{{TENANTS}}", Integer.toString(tenants))
                            .replace("{{TICKETS}}", Integer.toString(tickets))
                            .replace("{{SEED}}", seed);
                }
                connection.setAutoCommit(false);
                for (String step : script.split("\n-- step: ")) {
                    if (step.startsWith("--") && !step.contains(";")) {
                        continue; // the file's heading
                    }
                    long stepStart = System.nanoTime();
                    statement.execute("-- " + step);
                    System.out.printf(
                            "  %-60s %6.1f s%n",
                            step.lines().findFirst().orElse(""), (System.nanoTime() - stepStart) / 1e9);
                }
                connection.commit();
                connection.setAutoCommit(true);
                long vacuum = System.nanoTime();
                statement.execute("vacuum analyze ticket, ticket_message, ticket_tag, tag, tenant_directory");
                System.out.printf("  %-60s %6.1f s%n", "vacuum analyze", (System.nanoTime() - vacuum) / 1e9);
                figures.put("reused", false);
                figures.put("seedSeconds", Math.round((System.nanoTime() - start) / 1e8) / 10.0);
            }
            figures.put("tenants", tenants);
            figures.put("tickets", single(statement, "select count(*) from ticket"));
            figures.put("messages", single(statement, "select count(*) from ticket_message"));
            figures.put("ticketTags", single(statement, "select count(*) from ticket_tag"));
            figures.put(
                    "biggestTenantTickets",
                    single(statement, "select count(*) from ticket where tenant_id = '" + tenant(1) + "'"));
            figures.put(
                    "databaseSize",
                    single(statement, "select pg_database_size(current_database())") / (1024 * 1024) + " MB");
        }
        return figures;
    }

    /**
     * Search words of falling frequency in the biggest tenant, taken from its own text: the most common word, one in
     * about a tenth and one in about a hundredth of its tickets, a rare one, and two words together.
     */
    private static Map<String, String> searchWords(String database, String tenant) throws SQLException {
        Map<String, String> words = new LinkedHashMap<>();
        try (Connection connection = DriverManager.getConnection(database, ROLE, ROLE);
                Statement statement = connection.createStatement()) {
            statement.execute("set app.all_tenants = 'on'");
            // a sample of the tenant's words with their document frequency (ts_stat on 5,000 tickets)
            String stats = "select word, ndoc from ts_stat($$select search_vector from ticket where tenant_id = '"
                    + tenant + "' and deleted_at is null order by created_at desc limit 5000$$)"
                    + " where word ~ '^[a-z]+$' and length(word) > 3";
            words.put("common (most frequent word)", word(statement, stats + " order by ndoc desc limit 1"));
            words.put("medium (~10% of tickets)", word(statement, stats + " order by abs(ndoc - 500) limit 1"));
            words.put("selective (~1% of tickets)", word(statement, stats + " order by abs(ndoc - 50) limit 1"));
            words.put("rare (~0.05% of tickets)", word(statement, stats + " order by abs(ndoc - 3), word limit 1"));
            words.put(
                    "two words",
                    word(statement, stats + " order by abs(ndoc - 300) limit 1") + " "
                            + word(statement, stats + " order by abs(ndoc - 1000) limit 1"));
        }
        return words;
    }

    private static String word(Statement statement, String sql) throws SQLException {
        try (ResultSet rs = statement.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : "invoice";
        }
    }

    /**
     * Open loop: request i is due at start + i / rate and is sent then, on its own virtual thread, whatever the
     * earlier ones are doing; its latency counts from when it was due, so a stall delays every request it holds up.
     */
    private static Map<String, Object> run(
            HttpClient http, String base, TestUsers.TestUser agent, Scenario scenario, int seconds)
            throws InterruptedException {
        int rate = scenario.rate();
        ConcurrentLinkedQueue<Long> micros = new ConcurrentLinkedQueue<>();
        Map<String, AtomicInteger> errors = new ConcurrentHashMap<>();
        int total = rate * seconds;
        long periodNanos = 1_000_000_000L / rate;
        String token = agent.token(); // valid for minutes; refreshed between scenarios
        long start = System.nanoTime();
        try (ExecutorService requests = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < total; i++) {
                long due = start + i * periodNanos;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                Call call = scenario.next().get();
                requests.submit(() -> {
                    try {
                        HttpRequest request = HttpRequest.newBuilder(URI.create(base + call.query()))
                                .header("Authorization", "Bearer " + token)
                                .header("X-Tenant-ID", call.tenant())
                                .timeout(Duration.ofSeconds(30))
                                .build();
                        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                        long latency = (System.nanoTime() - due) / 1_000;
                        if (response.statusCode() == 200) {
                            micros.add(latency);
                        } else {
                            errors.computeIfAbsent("HTTP " + response.statusCode(), k -> new AtomicInteger())
                                    .incrementAndGet();
                        }
                    } catch (IOException | InterruptedException e) {
                        errors.computeIfAbsent(e.getClass().getSimpleName(), k -> new AtomicInteger())
                                .incrementAndGet();
                    }
                });
            }
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        List<Long> sorted = new ArrayList<>(micros);
        Collections.sort(sorted);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("scenario", scenario.name());
        result.put("ratePerSecond", rate);
        result.put("sent", total);
        result.put("ok", sorted.size());
        result.put("errors", errors.isEmpty() ? Map.of() : new LinkedHashMap<>(errors));
        result.put("answeredPerSecond", round(sorted.size() / elapsed));
        result.put("p50Ms", percentile(sorted, 50));
        result.put("p90Ms", percentile(sorted, 90));
        result.put("p99Ms", percentile(sorted, 99));
        result.put("maxMs", sorted.isEmpty() ? Double.NaN : sorted.getLast() / 1000.0);
        return result;
    }

    private static JsonNode get(HttpClient http, String url, String tenant, String token)
            throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Authorization", "Bearer " + token)
                        .header("X-Tenant-ID", tenant)
                        .timeout(Duration.ofSeconds(60))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(
                    "GET " + url + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    private static long single(Statement statement, String sql) throws SQLException {
        try (ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String tenant(int rank) {
        return "bench" + String.format("%04d", rank);
    }

    private static <T> T pick(List<T> values) {
        return values.get(ThreadLocalRandom.current().nextInt(values.size()));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static double percentile(List<Long> sortedMicros, double percentile) {
        if (sortedMicros.isEmpty()) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(percentile / 100.0 * sortedMicros.size()) - 1;
        return sortedMicros.get(Math.max(0, Math.min(sortedMicros.size() - 1, index))) / 1000.0;
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    /**
     * A copy of the packaged application ({@code quarkus-app}, beside {@code jar}) under {@code dir}, and its jar: a
     * build of the module while the benchmark runs (other work on the same checkout) replaces those files under the
     * running service, which then fails to load its classes.
     */
    private static Path privateCopy(Path jar, Path dir) throws IOException {
        Path app = jar.toAbsolutePath().getParent();
        if (Files.exists(dir)) {
            try (var old = Files.walk(dir)) {
                for (Path p : old.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        try (var files = Files.walk(app)) {
            for (Path source : files.toList()) {
                Path target = dir.resolve(app.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
        return dir.resolve(jar.getFileName().toString());
    }

    private HelpdeskBench() {}
}
