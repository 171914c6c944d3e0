package io.switchboard.webhook.target;

import static io.switchboard.webhook.support.Api.SUBSCRIPTIONS;
import static io.switchboard.webhook.support.Api.as;
import static io.switchboard.webhook.support.Api.subscription;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.switchboard.commons.events.Topics;
import io.switchboard.webhook.support.Api;
import io.switchboard.webhook.support.Api.Created;
import io.switchboard.webhook.support.Db;
import io.switchboard.webhook.support.Deliveries;
import io.switchboard.webhook.support.Events;
import io.switchboard.webhook.support.Receiver;
import io.switchboard.webhook.support.SuperadminTest;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * SSRF protection with the production settings (https only, no private targets), through the API: refused when a
 * subscription is saved, and refused again when the dispatcher connects.
 */
@QuarkusTest
@TestProfile(SsrfTest.ProductionTargets.class)
class SsrfTest extends SuperadminTest {

    /** The production defaults, which the test profile otherwise relaxes for receivers on 127.0.0.1. */
    public static class ProductionTargets implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "switchboard.webhook.targets.allow-private", "false",
                    "switchboard.webhook.targets.require-https", "true");
        }
    }

    @Test
    void privateLoopbackLinkLocalAndMetadataTargetsAreRefusedWhenSaved() throws Exception {
        String tenant = Api.newTenant("ssrf");
        String ownName = InetAddress.getLocalHost().getHostName();
        for (String url : List.of(
                "https://127.0.0.1/hook",
                "https://localhost:8443/hook",
                "https://" + ownName + "/hook",
                "https://10.0.0.5/hook",
                "https://192.168.0.10/hook",
                "https://169.254.169.254/latest/meta-data/iam",
                "https://[::1]/hook",
                "https://[fd00:ec2::254]/")) {
            as(superadmin, tenant)
                    .body(Map.of("url", url, "eventTypes", List.of("*")))
                    .post(SUBSCRIPTIONS)
                    .then()
                    .statusCode(400)
                    .body("errors[0].field", equalTo("url"))
                    .body("errors[0].message", containsString("public addresses"));
        }
        as(superadmin, tenant)
                .body(Map.of("url", "http://1.1.1.1/hook", "eventTypes", List.of("*")))
                .post(SUBSCRIPTIONS)
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("url"))
                .body("errors[0].message", containsString("https"));
        String accepted =
                Api.subscribe(superadmin, tenant, "https://1.1.1.1/hook", "*").id();
        as(superadmin, tenant)
                .contentType("application/merge-patch+json")
                .body("{\"url\": \"https://127.0.0.1/other\"}")
                .patch(subscription(accepted))
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("url"));
    }

    @Test
    void aTargetThatNowResolvesToLoopbackIsRefusedAtConnectionAndNothingIsSent() {
        String tenant = Api.newTenant("rebind");
        try (Receiver receiver = Receiver.start()) {
            Created sub = Api.subscribe(superadmin, tenant, "https://1.1.1.1/hook", "*");
            // What a DNS answer that changed after the subscription was saved amounts to: the target now leads to
            // this machine, where a receiver listens.
            Db.execute(
                    tenant,
                    "update subscription set url = ? where id = ?",
                    "https://localhost:" + receiver.port() + "/internal",
                    UUID.fromString(sub.id()));
            Events.publish(Topics.TELEPHONY_EVENTS, Events.callEnded(tenant, Api.marker()));
            JsonPath attempts = Deliveries.awaitAttempts(superadmin, tenant, sub.id(), "target_refused", 1);
            assertThat(attempts.getString("items[0].error"))
                    .contains("127.0.0.1")
                    .contains("loopback");
            assertThat(receiver.requests()).isEmpty();
        }
    }
}
