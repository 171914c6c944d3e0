package io.switchboard.helpdesk.settings;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The format of ticket numbers. */
class TicketNumbersTest {

    @Test
    void numbersHaveFiveDigitsAtLeast() {
        assertThat(TicketNumbers.format("ACME", 1)).isEqualTo("ACME-00001");
        assertThat(TicketNumbers.format("ACME", 123456)).isEqualTo("ACME-123456");
    }

    @Test
    void parsingIgnoresCaseAndRefusesOtherShapes() {
        assertThat(TicketNumbers.parse("acme-00042")).hasValue(new TicketNumbers.Parsed("ACME", 42));
        assertThat(TicketNumbers.parse(" HELP2-7 ")).hasValue(new TicketNumbers.Parsed("HELP2", 7));
        assertThat(TicketNumbers.parse("00042")).isEmpty();
        assertThat(TicketNumbers.parse("ACME-")).isEmpty();
        assertThat(TicketNumbers.parse("ACME-1-2")).isEmpty();
        assertThat(TicketNumbers.parse("ACME-99999999999999999999")).isEmpty();
        assertThat(TicketNumbers.parse(null)).isEmpty();
    }

    @Test
    void theDefaultPrefixComesFromTheTenantId() {
        assertThat(TicketNumbers.defaultPrefix("acme-corp")).isEqualTo("ACME");
        assertThat(TicketNumbers.defaultPrefix("globex")).isEqualTo("GLOBEX");
        assertThat(TicketNumbers.defaultPrefix("averyveryverylongname-x")).isEqualTo("AVERYVERYV");
        assertThat(TicketNumbers.defaultPrefix("42-things")).isEqualTo("T");
        assertThat("ACME").matches(TicketNumbers.PREFIX_PATTERN);
        assertThat("acme").doesNotMatch(TicketNumbers.PREFIX_PATTERN);
    }
}
