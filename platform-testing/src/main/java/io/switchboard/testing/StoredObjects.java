package io.switchboard.testing;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The local object store seen from outside the services, with the AWS SDK: what a test checks to prove where an
 * upload's bytes live (and that a refused or deleted one left nothing).
 */
public final class StoredObjects {

    private static final S3Client S3 = S3Client.builder()
            .endpointOverride(URI.create(LocalStack.s3Endpoint()))
            .region(Region.of(LocalStack.s3Region()))
            .credentialsProvider(StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(LocalStack.s3AccessKey(), LocalStack.s3SecretKey())))
            .forcePathStyle(true)
            .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
            .httpClient(UrlConnectionHttpClient.create())
            .build();

    private StoredObjects() {}

    /** The object's bytes, or empty when there is none. */
    public static Optional<byte[]> get(String bucket, String key) {
        try {
            return Optional.of(
                    S3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray());
        } catch (NoSuchKeyException | NoSuchBucketException e) {
            return Optional.empty();
        }
    }

    /** The object's stored Content-Type. */
    public static String contentType(String bucket, String key) {
        return S3.headObject(b -> b.bucket(bucket).key(key)).contentType();
    }

    /** The keys under a prefix (e.g. a tenant's {@code acme/helpdesk/}). */
    public static List<String> keys(String bucket, String prefix) {
        try {
            return S3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents().stream()
                    .map(S3Object::key)
                    .toList();
        } catch (NoSuchBucketException e) {
            return List.of();
        }
    }
}
