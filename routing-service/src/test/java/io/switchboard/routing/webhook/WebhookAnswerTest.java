package io.switchboard.routing.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookAnswerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"action\": \"route\", \"target\": \"1001\"}|route|1001|",
                "{\"action\": \"voicemail\", \"target\": \"2000\", \"message\": \"after hours\"}|voicemail|2000|after hours",
                "{\"action\": \"hangup\", \"message\": \"blocked caller\", \"extra\": 1}|hangup||blocked caller"
            })
    void validAnswers(String body, String action, String target, String message) throws Exception {
        StringBuilder problem = new StringBuilder();
        assertThat(WebhookAnswer.read(JSON.readTree(body), problem))
                .contains(new WebhookAnswer(action, target, message));
        assertThat(problem).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "[]",
                "\"route\"",
                "{}",
                "{\"action\": \"transfer\", \"target\": \"1001\"}",
                "{\"action\": \"route\"}",
                "{\"action\": \"voicemail\", \"target\": \"\"}",
                "{\"action\": \"route\", \"target\": 1001}",
                "{\"action\": \"hangup\", \"message\": 7}"
            })
    void invalidAnswersSayWhy(String body) throws Exception {
        StringBuilder problem = new StringBuilder();
        assertThat(WebhookAnswer.read(JSON.readTree(body), problem)).isEmpty();
        assertThat(problem).isNotEmpty();
    }
}
