package io.switchboard.commons.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.commons.problem.ProblemException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Uploads into the local S3Proxy (deploy/local/s3.sh, started by make test): stored and read back through the S3 API,
 * refusals that leave nothing behind, multipart uploads for what is larger than a part.
 */
class UploadsTest {

    static final String TENANT = "storage-test";
    static StorageConfig config;
    static ObjectStore store;
    static Uploads uploads;
    static S3Client s3;

    @BeforeAll
    static void connect() {
        config = config("switchboard-commons-test");
        store = new ObjectStore(config);
        uploads = new Uploads(store, config);
        s3 = ObjectStore.client(config);
    }

    @AfterAll
    static void close() {
        s3.close();
        store.close();
    }

    @Test
    void storesUnderTheTenantsPrefixWithTheDetectedType() throws Exception {
        StoredObject stored = uploads.store(
                TENANT,
                "commons",
                "../screenshot.txt",
                new ByteArrayInputStream(FileChecksTest.PNG),
                new UploadPolicy(1024, List.of("image/png")));

        assertThat(stored.key()).isEqualTo(TENANT + "/commons/" + stored.id());
        assertThat(stored.fileName()).isEqualTo("screenshot.txt");
        assertThat(stored.contentType()).isEqualTo("image/png");
        assertThat(stored.size()).isEqualTo(FileChecksTest.PNG.length);
        assertThat(stored.sha256()).isEqualTo(sha256(FileChecksTest.PNG));
        // in the bucket, as any S3 client sees it
        var object = s3.getObjectAsBytes(b -> b.bucket(config.bucket()).key(stored.key()));
        assertThat(object.asByteArray()).isEqualTo(FileChecksTest.PNG);
        assertThat(object.response().contentType()).isEqualTo("image/png");

        try (InputStream in = uploads.open(stored.key())) {
            assertThat(in.readAllBytes()).isEqualTo(FileChecksTest.PNG);
        }
        uploads.deleteAll(List.of(stored.key()));
        assertThatThrownBy(() -> s3.headObject(b -> b.bucket(config.bucket()).key(stored.key())))
                .isInstanceOf(NoSuchKeyException.class);
        assertThatThrownBy(() -> uploads.open(stored.key()))
                .isInstanceOf(ProblemException.class)
                .satisfies(e ->
                        assertThat(((ProblemException) e).problem().status()).isEqualTo(404));
    }

    @Test
    void refusalsWriteNothing() throws Exception {
        int before = count();
        CountingStream tooLarge = new CountingStream(new byte[5000]);
        assertThatThrownBy(() ->
                        uploads.store(TENANT, "commons", "a.txt", tooLarge, new UploadPolicy(1000, List.of("*/*"))))
                .isInstanceOf(ProblemException.class)
                .satisfies(e -> {
                    var problem = ((ProblemException) e).problem();
                    assertThat(problem.status()).isEqualTo(413);
                    assertThat(problem.type().toString()).isEqualTo("urn:switchboard:problem:file-too-large");
                    assertThat(problem.errors()).extracting(f -> f.field()).containsExactly("file");
                });
        // reading stopped one byte past the limit
        assertThat(tooLarge.served).isEqualTo(1001);

        CountingStream script = new CountingStream("<html><body><script>alert(1)</script></body></html>"
                .repeat(2000)
                .getBytes());
        assertThatThrownBy(() -> uploads.store(
                        TENANT, "commons", "notes.txt", script, new UploadPolicy(1 << 20, List.of("text/plain"))))
                .isInstanceOf(ProblemException.class)
                .satisfies(e -> {
                    var problem = ((ProblemException) e).problem();
                    assertThat(problem.status()).isEqualTo(415);
                    assertThat(problem.extensions()).containsEntry("contentType", "text/html");
                });
        // the type was known from the first bytes: the rest was never read
        assertThat(script.served).isLessThanOrEqualTo(FileTypes.HEAD_BYTES);

        assertThatThrownBy(() -> uploads.store(
                        TENANT, "commons", "x", InputStream.nullInputStream(), new UploadPolicy(10, List.of("*/*"))))
                .isInstanceOf(ProblemException.class)
                .hasMessageContaining("empty");
        assertThat(count()).isEqualTo(before);
    }

    @Test
    void largerThanAPartGoesInPartsAndAnOversizeOneIsAborted() throws Exception {
        byte[] big = new byte[config.partSize() * 2 + 12345];
        new Random(7).nextBytes(big);
        StoredObject stored = uploads.store(
                TENANT,
                "commons",
                "big.bin",
                new ByteArrayInputStream(big),
                new UploadPolicy(big.length, List.of("application/octet-stream")));
        assertThat(stored.size()).isEqualTo(big.length);
        assertThat(s3.getObjectAsBytes(b -> b.bucket(config.bucket()).key(stored.key()))
                        .asByteArray())
                .isEqualTo(big);
        uploads.deleteQuietly(stored.key());

        int before = count();
        assertThatThrownBy(() -> uploads.store(
                        TENANT,
                        "commons",
                        "big.bin",
                        new ByteArrayInputStream(big),
                        new UploadPolicy(big.length - 1, List.of("application/octet-stream"))))
                .isInstanceOf(ProblemException.class)
                .satisfies(e ->
                        assertThat(((ProblemException) e).problem().status()).isEqualTo(413));
        assertThat(count()).isEqualTo(before);
        assertThat(s3.listMultipartUploads(b -> b.bucket(config.bucket()).prefix(TENANT + "/"))
                        .uploads())
                .isEmpty();
    }

    @Test
    void anUnreachableStoreIs503() {
        StorageConfig down = config("switchboard-commons-test", URI.create("http://127.0.0.1:9"));
        ObjectStore unreachable = new ObjectStore(down);
        Uploads failing = new Uploads(unreachable, down);
        assertThatThrownBy(() -> failing.store(
                        TENANT,
                        "commons",
                        "a.png",
                        new ByteArrayInputStream(FileChecksTest.PNG),
                        new UploadPolicy(1024, List.of("image/png"))))
                .isInstanceOf(ProblemException.class)
                .satisfies(e ->
                        assertThat(((ProblemException) e).problem().status()).isEqualTo(503));
        var health = new ObjectStoreHealthCheck(unreachable).call();
        assertThat(health.getData().orElseThrow()).containsEntry("store", "unreachable");
        assertThat(new ObjectStoreHealthCheck(store).call().getData().orElseThrow())
                .containsEntry("store", "reachable");
        unreachable.close();
    }

    private int count() {
        store.ensureBucket();
        return s3.listObjectsV2(b -> b.bucket(config.bucket()).prefix(TENANT + "/"))
                .keyCount();
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    /** The local S3Proxy's settings, from the stack's environment (deploy/local/stack.sh env) or its defaults. */
    static StorageConfig config(String bucket) {
        return config(bucket, URI.create(env("S3_ENDPOINT", "http://127.0.0.1:8333")));
    }

    static StorageConfig config(String bucket, URI endpoint) {
        return new StorageConfig() {
            @Override
            public boolean enabled() {
                return true;
            }

            @Override
            public Optional<URI> endpoint() {
                return Optional.of(endpoint);
            }

            @Override
            public String region() {
                return env("S3_REGION", "us-east-1");
            }

            @Override
            public String bucket() {
                return bucket;
            }

            @Override
            public Optional<String> accessKey() {
                return Optional.of(env("S3_ACCESS_KEY", "switchboard-local"));
            }

            @Override
            public Optional<String> secretKey() {
                return Optional.of(env("S3_SECRET_KEY", "switchboard-local-secret"));
            }

            @Override
            public boolean pathStyle() {
                return true;
            }

            @Override
            public long maxObjectBytes() {
                return 25L << 20;
            }

            @Override
            public int partSize() {
                return 5 << 20;
            }

            @Override
            public Duration callTimeout() {
                return Duration.ofSeconds(10);
            }
        };
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    /** Counts the bytes handed out. */
    static final class CountingStream extends ByteArrayInputStream {
        int served;

        CountingStream(byte[] bytes) {
            super(bytes);
        }

        @Override
        public synchronized int read(byte[] b, int off, int len) {
            int n = super.read(b, off, len);
            if (n > 0) {
                served += n;
            }
            return n;
        }

        @Override
        public synchronized int read() {
            int n = super.read();
            if (n >= 0) {
                served++;
            }
            return n;
        }

        @Override
        public byte[] readAllBytes() {
            throw new UnsupportedOperationException();
        }

        @Override
        public int readNBytes(byte[] b, int off, int len) {
            return read(b, off, len);
        }

        @Override
        public byte[] readNBytes(int len) throws IOException {
            throw new UnsupportedOperationException();
        }
    }
}
