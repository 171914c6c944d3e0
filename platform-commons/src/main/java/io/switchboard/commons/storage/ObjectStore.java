package io.switchboard.commons.storage;

import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.logging.Log;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CreateBucketConfiguration;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The objects of this service in the bucket of {@link StorageConfig}, over the S3 API: streamed in (one request, or a
 * multipart upload in parts of {@code part-size} when larger, aborted on any failure so that nothing half-written
 * stays), streamed out, deleted. The bucket is created on first use when it does not exist. Failures of the store are
 * {@link SdkException}s; {@link Uploads} turns them into a 503 for clients.
 */
@ApplicationScoped
@IfBuildProperty(name = "switchboard.storage.enabled", stringValue = "true")
public class ObjectStore {

    private final StorageConfig config;
    private final S3Client s3;
    private final AtomicBoolean bucketReady = new AtomicBoolean();

    public ObjectStore(StorageConfig config) {
        this.config = config;
        this.s3 = client(config);
    }

    /** An S3 client for these settings (also what tests use to look at the store directly). */
    public static S3Client client(StorageConfig config) {
        S3ClientBuilder builder = S3Client.builder()
                .region(Region.of(config.region()))
                .credentialsProvider(credentials(config))
                .forcePathStyle(config.pathStyle())
                // checksums only where S3 requires them: S3-compatible stores differ in the newer trailing ones, and
                // every stored object's SHA-256 is computed on the way in anyway
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(java.time.Duration.ofSeconds(5))
                        .socketTimeout(config.callTimeout())
                        .build())
                .overrideConfiguration(o -> o.apiCallTimeout(config.callTimeout()));
        config.endpoint().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    private static AwsCredentialsProvider credentials(StorageConfig config) {
        if (config.accessKey().isPresent() && config.secretKey().isPresent()) {
            return StaticCredentialsProvider.create(AwsBasicCredentials.create(
                    config.accessKey().get(), config.secretKey().get()));
        }
        return DefaultCredentialsProvider.builder().build();
    }

    public String bucket() {
        return config.bucket();
    }

    /**
     * Stores what {@code content} yields under {@code key}; returns the number of bytes stored. An exception from the
     * stream (an upload over its limit) or from the store leaves no object and no pending multipart upload behind.
     */
    public long put(String key, InputStream content, String contentType) throws IOException {
        ensureBucket();
        byte[] part = new byte[config.partSize()];
        int n = readFully(content, part);
        if (n < part.length) {
            s3.putObject(
                    b -> b.bucket(config.bucket()).key(key).contentType(contentType),
                    RequestBody.fromInputStream(new ByteArrayInputStream(part, 0, n), n));
            return n;
        }
        String uploadId = s3.createMultipartUpload(
                        b -> b.bucket(config.bucket()).key(key).contentType(contentType))
                .uploadId();
        try {
            List<CompletedPart> parts = new ArrayList<>();
            long total = 0;
            while (n > 0) {
                int number = parts.size() + 1;
                int length = n;
                String etag = s3.uploadPart(
                                b -> b.bucket(config.bucket())
                                        .key(key)
                                        .uploadId(uploadId)
                                        .partNumber(number)
                                        .contentLength((long) length),
                                RequestBody.fromInputStream(new ByteArrayInputStream(part, 0, length), length))
                        .eTag();
                parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
                total += n;
                n = readFully(content, part);
            }
            s3.completeMultipartUpload(
                    b -> b.bucket(config.bucket()).key(key).uploadId(uploadId).multipartUpload(m -> m.parts(parts)));
            return total;
        } catch (IOException | RuntimeException e) {
            try {
                s3.abortMultipartUpload(b -> b.bucket(config.bucket()).key(key).uploadId(uploadId));
            } catch (SdkException abort) {
                e.addSuppressed(abort);
            }
            throw e;
        }
    }

    /** The object's bytes (close the stream), or empty when there is no such object. */
    public Optional<ResponseInputStream<GetObjectResponse>> open(String key) {
        try {
            return Optional.of(s3.getObject(b -> b.bucket(config.bucket()).key(key)));
        } catch (NoSuchKeyException | NoSuchBucketException e) {
            return Optional.empty();
        }
    }

    /** Deletes an object; deleting one that does not exist is not an error. */
    public void delete(String key) {
        s3.deleteObject(b -> b.bucket(config.bucket()).key(key));
    }

    /** Deletes objects, up to 1000 per request; returns how many keys were sent. */
    public int deleteAll(Collection<String> keys) {
        List<String> all = List.copyOf(keys);
        for (int from = 0; from < all.size(); from += 1000) {
            List<ObjectIdentifier> batch = all.subList(from, Math.min(all.size(), from + 1000)).stream()
                    .map(k -> ObjectIdentifier.builder().key(k).build())
                    .toList();
            var result = s3.deleteObjects(
                    b -> b.bucket(config.bucket()).delete(d -> d.objects(batch).quiet(true)));
            if (result.hasErrors() && !result.errors().isEmpty()) {
                throw S3Exception.builder()
                        .message("Could not delete " + result.errors().size() + " objects, e.g. "
                                + result.errors().get(0).key() + ": "
                                + result.errors().get(0).message())
                        .build();
            }
        }
        return all.size();
    }

    /** Whether the bucket answers: the readiness check's probe. */
    public void check() {
        s3.headBucket(b -> b.bucket(config.bucket()));
    }

    /** Creates the bucket once per process when it is missing. */
    void ensureBucket() {
        if (bucketReady.get()) {
            return;
        }
        try {
            s3.headBucket(b -> b.bucket(config.bucket()));
        } catch (NoSuchBucketException e) {
            create();
        } catch (S3Exception e) {
            if (e.statusCode() != 404) {
                throw e;
            }
            create();
        }
        bucketReady.set(true);
    }

    private void create() {
        try {
            if (Region.US_EAST_1.id().equals(config.region())) {
                s3.createBucket(b -> b.bucket(config.bucket()));
            } else {
                s3.createBucket(b -> b.bucket(config.bucket())
                        .createBucketConfiguration(CreateBucketConfiguration.builder()
                                .locationConstraint(config.region())
                                .build()));
            }
            Log.infof("Created bucket %s", config.bucket());
        } catch (BucketAlreadyOwnedByYouException e) {
            // another replica was first
        }
    }

    /** Reads until {@code buffer} is full or the stream ends; returns the count. */
    static int readFully(InputStream in, byte[] buffer) throws IOException {
        int filled = 0;
        while (filled < buffer.length) {
            int n = in.read(buffer, filled, buffer.length - filled);
            if (n < 0) {
                break;
            }
            filled += n;
        }
        return filled;
    }

    @PreDestroy
    void close() {
        s3.close();
    }
}
