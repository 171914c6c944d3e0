package io.switchboard.gateway.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.switchboard.gateway.config.GatewayConfig;
import io.switchboard.gateway.config.GatewayConfig.Plan;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Optional;

/**
 * Token buckets in this replica's memory (Bucket4j): one per tenant, sized by the tenant's plan, and one per client.
 * Buckets unused for ten minutes are dropped; a dropped bucket comes back full. With several replicas each keeps its
 * own buckets, so a tenant may send up to the plan's rate times the number of replicas (see the README).
 */
@ApplicationScoped
public class RateLimiter {

    private static final String CLIENT_PLAN = "client";

    private final GatewayConfig.RateLimits config;
    private final Cache<String, Bucket> buckets =
            Caffeine.newBuilder().expireAfterAccess(Duration.ofMinutes(10)).build();

    public RateLimiter(GatewayConfig config) {
        this.config = config.rateLimit();
        if (this.config.enabled() && !this.config.plans().containsKey(this.config.defaultPlan())) {
            throw new IllegalStateException("switchboard.gateway.rate-limit.default-plan names '"
                    + this.config.defaultPlan() + "', which is not among the plans "
                    + this.config.plans().keySet());
        }
        this.config.tenantPlans().forEach((tenant, plan) -> {
            if (!this.config.plans().containsKey(plan)) {
                throw new IllegalStateException(
                        "switchboard.gateway.rate-limit.tenant-plans.\"" + tenant + "\" names the unknown plan '" + plan
                                + "'; plans: " + this.config.plans().keySet());
            }
        });
    }

    /** What a refusal tells the client. */
    public record Refusal(String limit, long retryAfterSeconds, int requestsPerSecond) {}

    /**
     * Takes one request from the client's bucket and, when there is an active tenant, from the tenant's; empty when
     * the request may pass. A refused request takes nothing from the other bucket.
     */
    public Optional<Refusal> tryAcquire(String tenantId, String clientId) {
        if (!config.enabled()) {
            return Optional.empty();
        }
        Plan clientPlan = config.perClient();
        ConsumptionProbe client =
                bucket("client:" + clientId, CLIENT_PLAN, clientPlan).tryConsumeAndReturnRemaining(1);
        if (!client.isConsumed()) {
            return Optional.of(new Refusal("client", seconds(client), clientPlan.requestsPerSecond()));
        }
        if (tenantId == null) {
            return Optional.empty();
        }
        String planName = config.tenantPlans().getOrDefault(tenantId, config.defaultPlan());
        Plan plan = config.plans().get(planName);
        ConsumptionProbe tenant = bucket("tenant:" + tenantId, planName, plan).tryConsumeAndReturnRemaining(1);
        if (!tenant.isConsumed()) {
            bucket("client:" + clientId, CLIENT_PLAN, clientPlan).addTokens(1);
            return Optional.of(new Refusal("tenant", seconds(tenant), plan.requestsPerSecond()));
        }
        return Optional.empty();
    }

    private Bucket bucket(String key, String planName, Plan plan) {
        // the plan is part of the key, so a tenant moved to another plan gets a bucket of the new size
        return buckets.get(
                key + "@" + planName,
                k -> Bucket.builder()
                        .addLimit(Bandwidth.builder()
                                .capacity(plan.burst())
                                .refillGreedy(plan.requestsPerSecond(), Duration.ofSeconds(1))
                                .build())
                        .build());
    }

    private static long seconds(ConsumptionProbe probe) {
        return Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
    }
}
