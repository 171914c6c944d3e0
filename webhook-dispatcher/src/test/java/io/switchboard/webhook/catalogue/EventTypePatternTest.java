package io.switchboard.webhook.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EventTypePatternTest {

    @ParameterizedTest
    @CsvSource({
        "*, helpdesk.ticket.created, true",
        "helpdesk.ticket.created, helpdesk.ticket.created, true",
        "helpdesk.ticket.created, helpdesk.ticket.updated, false",
        "helpdesk.ticket.*, helpdesk.ticket.created, true",
        "helpdesk.ticket.*, helpdesk.tickets.created, false",
        "helpdesk.*, helpdesk.ticket.created, true",
        "helpdesk.*, helpdesk, false",
        "helpdesk.*, chat.session.started, false",
        "*.call.ended, telephony.call.ended, true",
        "*.call.ended, telephony.call.started, false",
        "telephony.*.ended, telephony.call.ended, true",
        "telephony.call.ended.*, telephony.call.ended, false",
        "telephony.call, telephony.call.ended, false"
    })
    void wildcardsMatchSegments(String pattern, String type, boolean matches) {
        assertThat(EventTypePattern.matches(pattern, type)).isEqualTo(matches);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"", " ", "Helpdesk.ticket.created", "helpdesk..created", "helpdesk.ticket*", "a.b.c;", "**"})
    void malformedPatternsAreNamed(String pattern) {
        assertThat(EventTypePattern.syntaxError(pattern)).isNotNull();
    }

    @Test
    void theCatalogueIsDocsAsyncapiAndFiltersMustMatchSomethingInIt() {
        EventCatalogue catalogue = new EventCatalogue();
        assertThat(catalogue.types())
                .extracting(EventType::type)
                .contains("tenant.tenant.created", "webhook.subscription.disabled");
        EventType created = catalogue.types().stream()
                .filter(t -> t.type().equals("tenant.tenant.created"))
                .findFirst()
                .orElseThrow();
        assertThat(created.topic()).isEqualTo("tenant.events");
        assertThat(created.title()).isEqualTo("Tenant created");
        for (String pattern :
                List.of("*", "tenant.*", "tenant.tenant.*", "*.subscription.*", "webhook.subscription.enabled")) {
            assertThat(catalogue.matchesSome(pattern)).as(pattern).isTrue();
        }
        for (String pattern : List.of("nope.*", "tenant.nothing.*", "webhook.subscription.exploded")) {
            assertThat(catalogue.matchesSome(pattern)).as(pattern).isFalse();
        }
    }
}
