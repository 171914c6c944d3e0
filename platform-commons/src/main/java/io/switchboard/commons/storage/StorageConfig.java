package io.switchboard.commons.storage;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * Where a service keeps its objects ({@code switchboard.storage.*}): any store with the S3 API. Locally S3Proxy
 * (deploy/local/s3.sh), in production S3 itself (no endpoint, virtual-hosted addressing) or MinIO/Ceph (endpoint and
 * path-style addressing). Services that store objects set {@code switchboard.storage.enabled=true} at build time.
 */
@ConfigMapping(prefix = "switchboard.storage")
public interface StorageConfig {

    /**
     * Whether the service stores objects: read at build time (the store, the upload checks and the readiness check
     * exist only where it is true).
     */
    @WithDefault("false")
    boolean enabled();

    /** The S3 API's base URL; absent for AWS S3, whose endpoint follows from the region. */
    Optional<URI> endpoint();

    @WithDefault("us-east-1")
    String region();

    /** The bucket of every tenant's objects (keys start with the tenant id); created on first use when missing. */
    @WithDefault("switchboard")
    String bucket();

    /** With the secret key, fixed credentials; without them the SDK's default chain (environment, profile, role). */
    Optional<String> accessKey();

    Optional<String> secretKey();

    /** Path-style addressing ({@code endpoint/bucket/key}), as S3Proxy and MinIO want; S3 itself takes either. */
    @WithDefault("false")
    boolean pathStyle();

    /**
     * The platform's largest object: no tenant setting goes above it. The services' HTTP body limit sits above this,
     * so that an upload past it is refused by the storage (413 problem naming the field) rather than the server.
     */
    @WithDefault("26214400")
    long maxObjectBytes();

    /**
     * Uploads are streamed to the store in parts of this size (S3's minimum is 5 MiB): at most one part of an upload
     * is held in memory, and one that fits in a part goes in a single request.
     */
    @WithDefault("5242880")
    int partSize();

    /** The longest one call to the store may take, retries included. */
    @WithDefault("30s")
    Duration callTimeout();
}
