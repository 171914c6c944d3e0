package io.switchboard.commons.storage;

import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Reports the object store in readiness. An unreachable store makes the service degraded, not unready: everything but
 * files still works (uploads and downloads answer 503 meanwhile), so the check stays UP and says {@code store:
 * unreachable} with the error, as the outbox does for Kafka; a missing bucket is reported as such (it is created on the
 * first upload).
 */
@Readiness
@ApplicationScoped
@IfBuildProperty(name = "switchboard.storage.enabled", stringValue = "true")
public class ObjectStoreHealthCheck implements HealthCheck {

    private final ObjectStore store;

    public ObjectStoreHealthCheck(ObjectStore store) {
        this.store = store;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response =
                HealthCheckResponse.named("object-store").up().withData("bucket", store.bucket());
        try {
            store.check();
            response.withData("store", "reachable");
        } catch (software.amazon.awssdk.services.s3.model.NoSuchBucketException e) {
            response.withData("store", "reachable").withData("bucketExists", false);
        } catch (RuntimeException e) {
            response.withData("store", "unreachable").withData("lastError", e.getMessage());
        }
        return response.build();
    }
}
