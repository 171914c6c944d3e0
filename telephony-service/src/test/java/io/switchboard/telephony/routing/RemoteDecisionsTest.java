package io.switchboard.telephony.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** routing-service's decisions as telephony-service reads them, and what it refuses to execute for a tenant. */
class RemoteDecisionsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RECORDING = "acme-0190f7c2-5e1b-7a3c-9d2e-4f6a8b0c1d2e";
    private final RemoteDecisions acme = new RemoteDecisions(
            "acme",
            Duration.ofSeconds(25),
            Set.of("acme_1001", "acme_1")::contains,
            Set.of("acme_trunk-carrier")::contains);

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Test
    void readsNestedFallbacksWithTheTenantsNames() {
        RoutingDecision decision = acme.read(json("""
                {'type':'endpoint','endpointId':'acme_1001','ringTimeoutSeconds':15,
                 'onNoAnswer':{'type':'queue','queueName':'sales','maxWaitSeconds':60,
                   'onOverflow':{'type':'voicemail','mailbox':'1001'}}}
                """));

        assertThat(decision)
                .isEqualTo(new RoutingDecision.DialEndpoint(
                        "acme_1001",
                        Duration.ofSeconds(15),
                        new RoutingDecision.Queue(
                                "acme_sales", Duration.ofSeconds(60), new RoutingDecision.Voicemail("1001@acme"))));
    }

    @Test
    void readsAMenuWithDefaults() {
        RoutingDecision decision = acme.read(json("""
                {'type':'ivr','menuId':'main','greeting':'sound:welcome',
                 'options':{'1':{'type':'external','number':'+4930123','trunkEndpointId':'acme_trunk-carrier'},
                            '#':{'type':'hangup','cause':16,'announcement':'sound:goodbye'}},
                 'directDial':true}
                """));

        RoutingDecision.Ivr ivr = (RoutingDecision.Ivr) decision;
        assertThat(ivr.greeting()).containsExactly("sound:welcome");
        assertThat(ivr.options().get("1"))
                .isEqualTo(
                        new RoutingDecision.External("+4930123", "acme_trunk-carrier", Duration.ofSeconds(25), null));
        assertThat(ivr.options().get("#")).isEqualTo(new RoutingDecision.Hangup(16, "sound:goodbye"));
        assertThat(ivr.timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(ivr.maxRetries()).isEqualTo(2);
        assertThat(ivr.invalidPrompt()).isEmpty();
        assertThat(ivr.onFailure()).isEqualTo(new RoutingDecision.Hangup(16, null));
        assertThat(ivr.directDial()).isTrue();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "another tenant's endpoint | {'type':'endpoint','endpointId':'globex-1001'} | action.endpointId",
                "a tenant whose id extends ours | {'type':'endpoint','endpointId':'acme-corp_1001'} | action.endpointId",
                "a deleted extension | {'type':'endpoint','endpointId':'acme_1002'} | action.endpointId",
                "a trunk as an extension | {'type':'endpoint','endpointId':'acme_trunk-carrier'} | action.endpointId",
                "another tenant's trunk | {'type':'external','number':'123','trunkEndpointId':'globex-trunk-a'}"
                        + " | action.trunkEndpointId",
                "another tenant's mailbox | {'type':'voicemail','mailbox':'1001@globex'} | action.mailbox",
                "another tenant's recording | {'type':'hangup','announcement':"
                        + "'recording:acme-corp-0190f7c2-5e1b-7a3c-9d2e-4f6a8b0c1d2e'} | action.announcement",
                "another tenant's sound | {'type':'ivr','menuId':'m','greeting':['sound:custom/globex/hi']}"
                        + " | action.greeting[0]",
                "a path out of the sounds | {'type':'hangup','announcement':'sound:../../etc/passwd'}"
                        + " | action.announcement",
                "a queue name with a dot | {'type':'queue','queueName':'../sales'} | action.queueName",
                "an unknown action | {'type':'teleport'} | action.type",
                "no type | {'endpointId':'acme_1001'} | action.type",
                "a bad menu key | {'type':'ivr','menuId':'m','options':{'x':{'type':'hangup'}}} | action.options.x",
                "a nested bad option | {'type':'ivr','menuId':'m','options':{'1':{'type':'endpoint','endpointId':'globex-1'}}}"
                        + " | action.options.1.endpointId",
                "a fractional timeout | {'type':'endpoint','endpointId':'acme_1','ringTimeoutSeconds':1.5}"
                        + " | action.ringTimeoutSeconds",
                "a cause beyond Q.850 | {'type':'hangup','cause':300} | action.cause",
            })
    void refuses(String what, String action, String field) {
        assertThatThrownBy(() -> acme.read(json(action)))
                .isInstanceOf(RemoteDecisions.InvalidDecisionException.class)
                .hasMessageStartingWith(field + " ");
    }

    @Test
    void refusesDecisionsNestedWithoutEnd() {
        StringBuilder deep = new StringBuilder("{'type':'hangup'}");
        for (int i = 0; i <= RemoteDecisions.MAX_DEPTH; i++) {
            deep.insert(0, "{'type':'endpoint','endpointId':'acme_1','onNoAnswer':")
                    .append('}');
        }
        assertThatThrownBy(() -> acme.read(json(deep.toString())))
                .isInstanceOf(RemoteDecisions.InvalidDecisionException.class)
                .hasMessageContaining("nests deeper than");
    }

    @Test
    void acceptsTheTenantsOwnMedia() {
        RoutingDecision.Ivr ivr = (RoutingDecision.Ivr) acme.read(json("""
                {'type':'ivr','menuId':'m','greeting':['sound:custom/acme/hello','recording:%s',
                 'digits:1234','tone:ring'],'invalidPrompt':['sound:option-is-invalid']}
                """.formatted(RECORDING)));
        assertThat(ivr.greeting())
                .isEqualTo(List.of("sound:custom/acme/hello", "recording:" + RECORDING, "digits:1234", "tone:ring"));
    }
}
