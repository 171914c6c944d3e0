package io.switchboard.webhook.delivery;

import io.switchboard.webhook.config.WebhookConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.util.concurrent.ThreadLocalRandom;

/** The retry policy from configuration. */
public class RetryPolicyProducer {

    @Produces
    @ApplicationScoped
    RetryPolicy retryPolicy(WebhookConfig config) {
        WebhookConfig.Retry retry = config.retry();
        return new RetryPolicy(
                retry.schedule(),
                retry.jitter(),
                retry.maxRetryAfter(),
                () -> ThreadLocalRandom.current().nextDouble());
    }
}
