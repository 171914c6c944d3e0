package io.switchboard.routing.route;

import static io.switchboard.routing.route.RouteCheckerTest.data;
import static io.switchboard.routing.route.RouteCheckerTest.menu;
import static io.switchboard.routing.route.RouteCheckerTest.t;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.routing.decision.Action;
import io.switchboard.routing.ivr.MenuView;
import io.switchboard.routing.target.RouteTarget;
import io.switchboard.routing.target.TargetType;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Route targets, as the tenant names them, become the actions telephony-service executes, with Asterisk ids. */
class ActionCompilerTest {

    @Test
    void targetsBecomeActionsWithAsteriskIdsAndTheirNextTargets() {
        ActionCompiler compiler = new ActionCompiler(data(List.of(), List.of()), 25, 8);
        RouteTarget chain = new RouteTarget(TargetType.QUEUE, "sales", null, null, 60, null, null, null, null)
                .withNext(
                        new RouteTarget(TargetType.EXTERNAL, "+4930123456", "carrier", 20, null, null, null, null, null)
                                .withNext(t(TargetType.ENDPOINT, "1002")));
        assertThat(compiler.compile(chain))
                .isEqualTo(new Action.Queue(
                        "sales",
                        60,
                        new Action.External(
                                "+4930123456", "acme_trunk-carrier", 20, new Action.Endpoint("acme_1002", 25, null))));
    }

    @Test
    void anExtensionWithoutNextTargetGoesToItsVoicemailBox() {
        ActionCompiler compiler = new ActionCompiler(data(List.of(), List.of()), 25, 8);
        assertThat(compiler.compile(t(TargetType.ENDPOINT, "1001")))
                .isEqualTo(new Action.Endpoint("acme_1001", 25, new Action.Voicemail("1001@acme")));
        assertThat(compiler.compile(new RouteTarget(TargetType.HANGUP, null, null, null, null, null, null, null, null)))
                .isEqualTo(new Action.Hangup(16, null));
    }

    @Test
    void aTargetThatIsGoneIsSkippedForItsNext() {
        ActionCompiler compiler = new ActionCompiler(data(List.of(), List.of()), 25, 8);
        assertThat(compiler.compile(t(TargetType.ENDPOINT, "9999").withNext(t(TargetType.QUEUE, "support"))))
                .isEqualTo(new Action.Queue("support", 300, null));
        assertThat(compiler.compile(t(TargetType.VOICEMAIL, "9999"))).isNull();
    }

    @Test
    void menusComeExpandedWithTheirNestedMenus() {
        UUID main = UUID.randomUUID();
        UUID sub = UUID.randomUUID();
        MenuView subMenu = menu(sub, "Sub", Map.of("1", t(TargetType.VOICEMAIL, "1001")), null);
        MenuView mainMenu = menu(
                main,
                "Main",
                Map.of(
                        "1", t(TargetType.QUEUE, "sales"),
                        "2", t(TargetType.IVR, sub.toString()),
                        "3", t(TargetType.ENDPOINT, "9999")),
                t(TargetType.QUEUE, "support"));
        ActionCompiler compiler = new ActionCompiler(data(List.of(mainMenu, subMenu), List.of()), 25, 8);
        Action.Ivr ivr = (Action.Ivr) compiler.compile(t(TargetType.IVR, main.toString()));
        assertThat(ivr.menuId()).isEqualTo(main.toString());
        assertThat(ivr.options()).containsOnlyKeys("1", "2"); // option 3 leads nowhere: an invalid key
        assertThat(ivr.options().get("2"))
                .isEqualTo(new Action.Ivr(
                        sub.toString(),
                        List.of("sound:welcome"),
                        Map.of("1", new Action.Voicemail("1001@acme")),
                        5,
                        2,
                        List.of(),
                        new Action.Hangup(16, null),
                        false));
        assertThat(ivr.onFailure()).isEqualTo(new Action.Queue("support", 300, null));
    }

    @Test
    void namesOfWebhookAnswersAndInternalCalls() {
        UUID main = UUID.randomUUID();
        ActionCompiler compiler =
                new ActionCompiler(data(List.of(menu(main, "Main", Map.of(), null)), List.of()), 25, 8);
        assertThat(compiler.named("1002")).contains(new Action.Endpoint("acme_1002", 25, null));
        assertThat(compiler.named("sales")).contains(new Action.Queue("sales", 300, null));
        assertThat(compiler.named(main.toString())).containsInstanceOf(Action.Ivr.class);
        assertThat(compiler.named("+4930123456")).isEmpty();
        assertThat(compiler.mailbox("1001")).contains(new Action.Voicemail("1001@acme"));
        assertThat(compiler.mailbox("1002")).isEmpty();
    }
}
