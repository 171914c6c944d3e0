package io.switchboard.routing.target;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PhoneNumbersTest {

    @ParameterizedTest
    @CsvSource({
        "+4930123456, +4930123456",
        "'+49 30 123456', +4930123456",
        "'+49 (30) 123-456', +4930123456",
        "004930123456, +4930123456",
        "'+1 212 555 0142', +12125550142",
        "+442079460958, +442079460958"
    })
    void validInternationalNumbersBecomeE164(String input, String e164) {
        assertThat(PhoneNumbers.e164(input)).contains(e164);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "  ",
                "123456",
                "030123456",
                "+49",
                "+4930",
                "+999123456",
                "+1 212 555",
                "abc",
                "+49 30 12345678901234",
                "+4930123456;ext=1",
                "1001"
            })
    void otherInputIsNotANumber(String input) {
        assertThat(PhoneNumbers.e164(input)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"'+49 30 123456', +4930123456", "1001, 1001", "sales, sales", "' 1002 ', 1002"})
    void calledNumbersAreLookedUpInE164OrAsDialled(String called, String key) {
        assertThat(PhoneNumbers.lookupKey(called)).isEqualTo(key);
    }
}
