package io.switchboard.webhook.http;

import io.switchboard.webhook.config.WebhookConfig;
import io.switchboard.webhook.target.HostResolver;
import io.switchboard.webhook.target.TargetPolicy;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The target policy and the delivering HTTP client, from configuration. */
public class WebhookClientProducer {

    /** The User-Agent of every webhook request. */
    public static String userAgent(String version) {
        return "Switchboard-Webhooks/" + version + " (+https://www.standardwebhooks.com)";
    }

    @Produces
    @ApplicationScoped
    TargetPolicy targetPolicy(WebhookConfig config) {
        return new TargetPolicy(
                config.targets().requireHttps(), config.targets().allowPrivate(), HostResolver.SYSTEM);
    }

    @Produces
    @ApplicationScoped
    WebhookClient client(
            Vertx vertx,
            TargetPolicy policy,
            WebhookConfig config,
            @ConfigProperty(name = "quarkus.application.version", defaultValue = "0") String version) {
        WebhookConfig.Http http = config.http();
        return new WebhookClient(
                vertx,
                policy,
                new WebhookClient.Settings(
                        http.connectTimeout(),
                        http.timeout(),
                        http.responseSnippetBytes(),
                        http.maxConnectionsPerHost(),
                        userAgent(version)));
    }

    void close(@Disposes WebhookClient client) {
        client.close();
    }
}
