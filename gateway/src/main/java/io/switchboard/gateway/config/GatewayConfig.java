package io.switchboard.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The gateway's routes and rate limits ({@code switchboard.gateway.*}); the README has the table. */
@ConfigMapping(prefix = "switchboard.gateway")
public interface GatewayConfig {

    /** The services behind the gateway, by name (the service's name). */
    Map<String, Route> routes();

    RateLimits rateLimit();

    /**
     * Which browser origins may call the API (CORS), except on public paths, where the service answers CORS itself
     * (a chat widget's allowed domains are known to chat-service only).
     */
    Cors cors();

    /** How long the merged OpenAPI document is kept before the services are asked again. */
    @WithDefault("30s")
    Duration openapiCacheFor();

    /** One service: the path prefixes it serves and where it listens. */
    interface Route {

        /** Path prefixes, each matching itself and everything below it: {@code /api/v1/tenants}. */
        List<String> paths();

        /** The service's base URL: {@code http://127.0.0.1:8081}. */
        URI url();

        /** How long the service may stay silent while answering before the gateway answers 504. */
        @WithDefault("30s")
        Duration timeout();

        /** How long connecting to the service may take before the gateway answers 502. */
        @WithDefault("5s")
        Duration connectTimeout();

        /**
         * Path prefixes (under the route's paths) where the gateway asks for no token: the service authenticates
         * those requests itself (a chat widget's key, a visitor's session token, a socket ticket). The gateway still
         * limits their rate, per client address, and never passes a tenant header on.
         */
        Optional<List<String>> publicPaths();

        /** Whether the service's OpenAPI document ({@code /q/openapi}) is part of the merged one. */
        @WithDefault("true")
        boolean openapi();
    }

    /** Cross-origin requests from browsers. */
    interface Cors {

        /** Origins allowed to call the API from a browser ({@code http://localhost:8080}); others get 403. */
        List<String> origins();

        /** Request headers a browser may send. */
        @WithDefault("Authorization,Content-Type,If-Match,X-Tenant-ID,X-Request-ID")
        List<String> headers();

        /** Response headers a browser's script may read. */
        @WithDefault("ETag,Location,Retry-After,X-Request-ID")
        List<String> exposedHeaders();

        /** How long a browser may keep a preflight's answer. */
        @WithDefault("1H")
        Duration maxAge();
    }

    /** Token buckets per tenant (by the tenant's plan) and per client (the token's subject). */
    interface RateLimits {

        @WithDefault("true")
        boolean enabled();

        /** The plan of tenants that {@link #tenantPlans()} does not name. */
        @WithDefault("standard")
        String defaultPlan();

        /** Plans by name: what a tenant on the plan may send through this gateway replica. */
        Map<String, Plan> plans();

        /** Tenant id to plan name. */
        Map<String, String> tenantPlans();

        /** What one client (a user or a service account) may send, whatever its tenant. */
        Plan perClient();
    }

    /** A token bucket: refilled at {@code requestsPerSecond}, holding at most {@code burst} requests. */
    interface Plan {

        int requestsPerSecond();

        int burst();
    }
}
