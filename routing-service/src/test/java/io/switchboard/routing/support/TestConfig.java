package io.switchboard.routing.support;

import io.switchboard.routing.config.RoutingConfig;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Settings for tests without the Quarkus runtime: the defaults, with the given depth and private-target rule. */
public record TestConfig(int maxDepth, boolean allowPrivate, boolean requireHttps) implements RoutingConfig {

    public static final String KEY = "c3dpdGNoYm9hcmQtcm91dGluZy1kZXYta2V5LTMyYnk=";

    @Override
    public Duration ringTimeout() {
        return Duration.ofSeconds(25);
    }

    @Override
    public Duration fullReloadEvery() {
        return Duration.ofMinutes(5);
    }

    @Override
    public String encryptionKey() {
        return KEY;
    }

    @Override
    public Optional<List<String>> previousEncryptionKeys() {
        return Optional.empty();
    }

    @Override
    public Webhook webhook() {
        return new Webhook() {
            @Override
            public Duration defaultTimeout() {
                return Duration.ofSeconds(5);
            }

            @Override
            public boolean allowPrivate() {
                return allowPrivate;
            }

            @Override
            public boolean requireHttps() {
                return requireHttps;
            }

            @Override
            public int maxAnswerBytes() {
                return 65_536;
            }

            @Override
            public Duration logRetention() {
                return Duration.ofDays(30);
            }
        };
    }
}
