package io.switchboard.routing.route;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.commons.problem.FieldError;
import io.switchboard.commons.problem.Validation;
import io.switchboard.routing.catalogue.Catalogue;
import io.switchboard.routing.catalogue.CatalogueEntry;
import io.switchboard.routing.did.DidRoute;
import io.switchboard.routing.did.DidStatus;
import io.switchboard.routing.did.DidView;
import io.switchboard.routing.ivr.MenuView;
import io.switchboard.routing.support.TestConfig;
import io.switchboard.routing.target.RouteTarget;
import io.switchboard.routing.target.TargetType;
import io.switchboard.routing.webhook.WebhookTargets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The rules of route targets: existence, options per type, where webhooks may stand, depth and loops. */
class RouteCheckerTest {

    private static final String TENANT = "acme";
    private final RouteChecker checker =
            new RouteChecker(new WebhookTargets(new TestConfig(4, true, false)), new TestConfig(4, true, false));

    static RouteTarget t(TargetType type, String target) {
        return RouteTarget.of(type, target);
    }

    static RoutingData data(List<MenuView> menus, List<DidView> dids) {
        List<CatalogueEntry> entries = new ArrayList<>();
        UUID box = UUID.randomUUID();
        entries.add(entry(box, "voicemail", "1001", "1001@acme", null));
        entries.add(entry(UUID.randomUUID(), "extension", "1001", "acme_1001", box));
        entries.add(entry(UUID.randomUUID(), "extension", "1002", "acme_1002", null));
        entries.add(entry(UUID.randomUUID(), "queue", "sales", "acme_sales", null));
        entries.add(entry(UUID.randomUUID(), "queue", "support", "acme_support", null));
        entries.add(entry(UUID.randomUUID(), "trunk", "carrier", "acme_trunk-carrier", null));
        Map<UUID, MenuView> byId = new HashMap<>();
        menus.forEach(m -> byId.put(m.id(), m));
        return new RoutingData(TENANT, dids, Map.of(), byId, Map.of(), Catalogue.of(entries));
    }

    static CatalogueEntry entry(UUID id, String kind, String name, String asteriskId, UUID voicemail) {
        CatalogueEntry entry = new CatalogueEntry();
        entry.sourceId = id;
        entry.tenantId = TENANT;
        entry.kind = kind;
        entry.name = name;
        entry.asteriskId = asteriskId;
        entry.voicemailBoxId = voicemail;
        entry.maxWaitTime = kind.equals("queue") ? 300 : null;
        return entry;
    }

    static MenuView menu(UUID id, String name, Map<String, RouteTarget> options, RouteTarget onFailure) {
        return new MenuView(
                id, name, List.of("sound:welcome"), options, 5, 2, List.of(), onFailure, false, null, null, 0);
    }

    static DidView did(String number, DidRoute route) {
        return new DidView(
                UUID.randomUUID(), number, DidStatus.ACTIVE, null, route, false, null, false, null, null, 0, null);
    }

    private List<FieldError> checkDid(DidRoute route, RoutingData data) {
        Validation validation = new Validation();
        checker.didRoute(route, data, validation);
        return validation.errors();
    }

    private List<FieldError> checkMenu(MenuView menu, RoutingData data) {
        Validation validation = new Validation();
        checker.menu(menu, data, TENANT, validation);
        return validation.errors();
    }

    @Test
    void aChainWithinTheDepthIsAcceptedAndNumbersAreNormalized() {
        RouteTarget external =
                new RouteTarget(TargetType.EXTERNAL, "+49 (30) 123-456", "carrier", 30, null, null, null, null, null);
        RouteTarget chain = t(TargetType.ENDPOINT, "1001")
                .withNext(t(TargetType.QUEUE, "sales").withNext(external.withNext(t(TargetType.VOICEMAIL, "1001"))));
        Validation validation = new Validation();
        DidRoute route =
                checker.didRoute(new DidRoute(chain, null, null, null), data(List.of(), List.of()), validation);
        assertThat(validation.errors()).isEmpty();
        assertThat(route.target().next().next().target()).isEqualTo("+4930123456");
    }

    @Test
    void aChainDeeperThanTheLimitIsRefused() {
        RouteTarget chain = t(TargetType.ENDPOINT, "1001")
                .withNext(t(TargetType.QUEUE, "sales")
                        .withNext(t(TargetType.ENDPOINT, "1002")
                                .withNext(t(TargetType.QUEUE, "support").withNext(t(TargetType.VOICEMAIL, "1001")))));
        List<FieldError> errors = checkDid(new DidRoute(chain, null, null, null), data(List.of(), List.of()));
        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("route.target.next.next.next.next");
            assertThat(e.message())
                    .startsWith("routes through more than 4 targets")
                    .contains("endpoint 1001 -> queue sales -> endpoint 1002 -> queue support -> voicemail 1001");
        });
    }

    @Test
    void anOverflowChainThatComesBackIsALoop() {
        RouteTarget chain = t(TargetType.QUEUE, "sales")
                .withNext(t(TargetType.ENDPOINT, "1001").withNext(t(TargetType.QUEUE, "sales")));
        List<FieldError> errors = checkDid(new DidRoute(chain, null, null, null), data(List.of(), List.of()));
        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("route.target.next.next");
            assertThat(e.message()).startsWith("leads back to queue sales, a loop");
        });
    }

    @Test
    void menusThatLeadToEachOtherAreRefusedWhenTheLoopIsClosed() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        MenuView menuB = menu(b, "B", Map.of("2", t(TargetType.IVR, a.toString())), null);
        MenuView menuA = menu(a, "A", Map.of("1", t(TargetType.QUEUE, "sales")), null);
        RoutingData data = data(List.of(menuA, menuB), List.of());
        MenuView closingTheLoop = menu(a, "A", Map.of("1", t(TargetType.IVR, b.toString())), null);
        assertThat(checkMenu(closingTheLoop, data)).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("options.1");
            assertThat(e.message()).isEqualTo("leads back to menu 'A', a loop: menu 'A' -> menu 'B' -> menu 'A'");
        });
        MenuView failureLoop = menu(a, "A", Map.of(), t(TargetType.IVR, b.toString()));
        assertThat(checkMenu(failureLoop, data)).extracting(FieldError::field).containsExactly("onFailure");
    }

    @Test
    void aMenuChangeThatMakesADidsPathTooLongIsRefused() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        MenuView menuB = menu(b, "B", Map.of("1", t(TargetType.QUEUE, "sales")), null);
        MenuView menuA = menu(a, "A", Map.of("1", t(TargetType.IVR, b.toString())), null);
        DidView did = did(
                "+4930123456",
                new DidRoute(
                        t(TargetType.ENDPOINT, "1002").withNext(t(TargetType.IVR, a.toString())), null, null, null));
        RoutingData data = data(List.of(menuA, menuB), List.of(did));
        // extension 1002 -> A -> B -> queue sales is 4 targets; a next target on the queue makes it 5
        MenuView deeper =
                menu(b, "B", Map.of("1", t(TargetType.QUEUE, "sales").withNext(t(TargetType.VOICEMAIL, "1001"))), null);
        assertThat(checkMenu(deeper, data)).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("options");
            assertThat(e.message())
                    .startsWith("with this change, DID +4930123456 routes through more than 4 targets")
                    .contains("menu 'A' -> menu 'B' -> queue sales -> voicemail 1001");
        });
        assertThat(checkMenu(deeper, data(List.of(menuB), List.of()))).isEmpty();
    }

    @Test
    void webhooksStandOnlyAsADidsOwnTargetsAndNeedAFallback() {
        RouteTarget webhook = t(TargetType.WEBHOOK, "http://127.0.0.1:9/route");
        assertThat(checkDid(new DidRoute(webhook, null, null, null), data(List.of(), List.of())))
                .extracting(FieldError::field)
                .containsExactly("route.fallback");
        assertThat(checkDid(
                        new DidRoute(webhook, webhook, null, t(TargetType.VOICEMAIL, "1001")),
                        data(List.of(), List.of())))
                .isEmpty();
        assertThat(checkDid(
                        new DidRoute(t(TargetType.QUEUE, "sales"), null, null, webhook), data(List.of(), List.of())))
                .extracting(FieldError::field)
                .containsExactly("route.fallback.type");
        assertThat(checkMenu(menu(UUID.randomUUID(), "M", Map.of("1", webhook), null), data(List.of(), List.of())))
                .extracting(FieldError::field)
                .containsExactly("options.1.type");
    }

    @Test
    void unknownTargetsAndWrongOptionsNameTheirField() {
        RoutingData data = data(List.of(), List.of());
        DidRoute route = new DidRoute(
                new RouteTarget(TargetType.ENDPOINT, "9999", null, null, 60, null, null, null, null),
                t(TargetType.QUEUE, "nosuch"),
                UUID.randomUUID(),
                t(TargetType.EXTERNAL, "12345")
                        .withNext(t(TargetType.IVR, UUID.randomUUID().toString())));
        assertThat(checkDid(route, data))
                .extracting(FieldError::field)
                .containsExactlyInAnyOrder(
                        "route.target.maxWaitSeconds",
                        "route.target.target",
                        "route.closedTarget.target",
                        "route.fallback.target",
                        "route.fallback.trunk",
                        "route.fallback.next.target",
                        "route.scheduleId");
        assertThat(checkDid(new DidRoute(t(TargetType.VOICEMAIL, "3000"), null, UUID.randomUUID(), null), data))
                .extracting(FieldError::field)
                .containsExactlyInAnyOrder("route.target.target", "route.scheduleId");
    }

    @Test
    void promptsMustBeTheTenantsOwn() {
        MenuView menu = new MenuView(
                UUID.randomUUID(),
                "M",
                List.of(
                        "sound:welcome",
                        "sound:custom/other/hello",
                        "recording:other-greeting",
                        "http://x",
                        "recording:acme-greeting"),
                Map.of("*", new RouteTarget(TargetType.HANGUP, null, null, null, null, null, 17, "sound:bye", null)),
                5,
                2,
                List.of("recording:acme-0190f7c2-5e1b-7a3c-9d2e-4f6a8b0c1d2e", "sound:../etc/passwd"),
                null,
                false,
                null,
                null,
                0);
        assertThat(checkMenu(menu, data(List.of(), List.of())))
                .extracting(FieldError::field)
                .containsExactlyInAnyOrder(
                        "greeting[1]", "greeting[2]", "greeting[3]", "greeting[4]", "invalidPrompt[1]");
    }

    @Test
    void theUsersOfAMenuAreTheDidsAndMenusThatLeadToIt() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        MenuView menuA = menu(a, "A", Map.of(), null);
        MenuView menuB = menu(b, "B", Map.of("1", t(TargetType.IVR, a.toString())), null);
        DidView did = did(
                "+4930123456",
                new DidRoute(t(TargetType.QUEUE, "sales").withNext(t(TargetType.IVR, a.toString())), null, null, null));
        assertThat(checker.usersOfMenu(a, data(List.of(menuA, menuB), List.of(did))))
                .containsExactlyInAnyOrder("DID +4930123456", "menu 'B'");
        assertThat(checker.usersOfMenu(b, data(List.of(menuA, menuB), List.of(did))))
                .isEmpty();
    }
}
