package io.switchboard.webhook.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class WebhookIdsTest {

    @Test
    void theSameEventAndSubscriptionAlwaysGiveTheSameWebhookId() {
        UUID subscription = UUID.randomUUID();
        UUID first = WebhookIds.delivery("event-1", subscription);
        assertThat(WebhookIds.delivery("event-1", subscription)).isEqualTo(first);
        assertThat(WebhookIds.delivery("event-2", subscription)).isNotEqualTo(first);
        assertThat(WebhookIds.delivery("event-1", UUID.randomUUID())).isNotEqualTo(first);
        assertThat(WebhookIds.message("acme", "event-1")).isNotEqualTo(WebhookIds.message("platform", "event-1"));
        assertThat(first.version()).isEqualTo(8);

        String webhookId = WebhookIds.webhookId(first);
        assertThat(webhookId).matches("msg_[0-9a-f]{32}").doesNotContain(".");
        assertThat(WebhookIds.deliveryOf(webhookId)).contains(first);
        assertThat(WebhookIds.deliveryOf("msg_nothex")).isEmpty();
    }

    @Test
    void theBodyIsTypeTimestampAndTheProducersDataVerbatim() throws Exception {
        String data = "{\"b\": 1, \"a\": [true, null]}";
        String body = WebhookBody.of(
                "helpdesk.ticket.created",
                OffsetDateTime.parse("2026-11-24T11:00:00.123456+01:00"),
                data.getBytes(StandardCharsets.UTF_8));
        assertThat(body)
                .isEqualTo("{\"type\":\"helpdesk.ticket.created\",\"timestamp\":\"2026-11-24T10:00:00.123456Z\","
                        + "\"data\":{\"b\": 1, \"a\": [true, null]}}");
        assertThat(new ObjectMapper().readTree(body).get("data").get("b").asInt())
                .isEqualTo(1);
        assertThat(WebhookBody.of("a.b.c", OffsetDateTime.parse("2026-11-24T10:00:00Z"), new byte[0]))
                .endsWith("\"data\":null}");
        assertThat(WebhookBody.of(
                        "a.b.c",
                        OffsetDateTime.parse("2026-11-24T10:00:00Z"),
                        "not json".getBytes(StandardCharsets.UTF_8)))
                .endsWith("\"data\":\"not json\"}");
    }
}
