package io.switchboard.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Facts about, and control of, the local stack that {@code deploy/local/stack.sh} runs for tests: where the repository
 * and its {@code .local} folder are, the servers' addresses, and stopping or starting one of them.
 */
public final class LocalStack {

    private LocalStack() {}

    public static Path repoRoot() {
        String configured = System.getProperty("switchboard.repo.root");
        Path start = configured != null ? Path.of(configured) : Path.of("").toAbsolutePath();
        for (Path dir = start.toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("deploy/local/stack.sh"))) {
                return dir;
            }
        }
        throw new IllegalStateException("Cannot find the repository root (deploy/local/stack.sh) from " + start);
    }

    public static Path localDir() {
        String configured = System.getenv("SWITCHBOARD_LOCAL_DIR");
        return configured != null ? Path.of(configured) : repoRoot().resolve(".local");
    }

    /** A secret that the stack scripts generated, e.g. {@code superadmin-password}. */
    public static String secret(String name) {
        try {
            return Files.readString(localDir().resolve("secrets").resolve(name)).strip();
        } catch (IOException e) {
            throw new IllegalStateException("Secret " + name + " is missing; start the stack with make setup", e);
        }
    }

    public static String keycloakUrl() {
        return env("KEYCLOAK_URL", "http://localhost:8180");
    }

    /** The local mail server's REST API (GreenMail, deploy/local/mail.sh). */
    public static String mailApiUrl() {
        return env("MAIL_API_URL", "http://127.0.0.1:8025");
    }

    /** The local mail server's SMTP port on 127.0.0.1. */
    public static int mailSmtpPort() {
        return Integer.parseInt(env("MAIL_SMTP_PORT", "3025"));
    }

    /** The local object store's S3 API (S3Proxy, deploy/local/s3.sh; path-style addressing). */
    public static String s3Endpoint() {
        return env("S3_ENDPOINT", "http://127.0.0.1:8333");
    }

    public static String s3Region() {
        return env("S3_REGION", "us-east-1");
    }

    public static String s3AccessKey() {
        return env("S3_ACCESS_KEY", "switchboard-local");
    }

    public static String s3SecretKey() {
        return env("S3_SECRET_KEY", "switchboard-local-secret");
    }

    public static String kafkaBootstrapServers() {
        return env("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092");
    }

    public static String testDatabaseUrl() {
        return env("TEST_DB_URL", "jdbc:postgresql://127.0.0.1:5432/switchboard_test");
    }

    /**
     * The database of the gateway's system tests, which run every service as a packaged process: apart from the
     * modules' tests, so that neither sees the other's rows (encrypted with other keys, or consumed twice).
     */
    public static String systemDatabaseUrl() {
        return env("SYSTEM_DB_URL", "jdbc:postgresql://127.0.0.1:5432/switchboard_system");
    }

    /** Runs {@code deploy/local/<component>.sh <action>} (e.g. kafka stop) and waits for it. */
    public static void run(String component, String action) {
        Path script = repoRoot().resolve("deploy/local/" + component + ".sh");
        try {
            Process process = new ProcessBuilder(script.toString(), action)
                    .directory(repoRoot().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(localDir()
                            .resolve("logs/test-" + component + "-" + action + ".log")
                            .toFile())
                    .start();
            if (!process.waitFor(180, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(
                        script + " " + action + " failed; see .local/logs/test-" + component + "-" + action + ".log");
            }
        } catch (IOException e) {
            throw new IllegalStateException("Could not run " + script, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
