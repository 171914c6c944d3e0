package io.switchboard.telephony.sms;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The numbers of text-message addresses in the forms carriers and Asterisk write them. */
class SmsAddressesTest {

    @Test
    void internationalNumbersAreReadFromEveryFormCarriersUse() {
        assertThat(SmsAddresses.e164("\"Alice\" <sip:+4930111222@carrier.example>"))
                .contains("+4930111222");
        assertThat(SmsAddresses.e164("<sip:+4930111222@carrier.example>")).contains("+4930111222");
        assertThat(SmsAddresses.e164("pjsip:004930111222@host:5060")).contains("+4930111222");
        assertThat(SmsAddresses.e164("sip:4930111222;npdi@host")).contains("+4930111222");
        assertThat(SmsAddresses.e164("tel:+1-202-555-0143")).contains("+12025550143");
        assertThat(SmsAddresses.e164("+44 20 7946 0958")).contains("+442079460958");
    }

    @Test
    void anythingElseIsNoNumber() {
        assertThat(SmsAddresses.e164("sip:anonymous@host")).isEmpty();
        assertThat(SmsAddresses.e164("sip:030111222@host")).isEmpty(); // national: the country is not known
        assertThat(SmsAddresses.e164("sip:+123@host")).isEmpty();
        assertThat(SmsAddresses.e164("sip:12345@host")).isEmpty(); // a short code
        assertThat(SmsAddresses.e164("sip:@host")).isEmpty();
        assertThat(SmsAddresses.e164("")).isEmpty();
        assertThat(SmsAddresses.e164(null)).isEmpty();
    }
}
