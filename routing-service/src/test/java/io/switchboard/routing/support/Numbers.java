package io.switchboard.routing.support;

import io.switchboard.routing.target.PhoneNumbers;
import java.util.concurrent.ThreadLocalRandom;

/** Fresh phone numbers for tests: DIDs are unique across the platform and the test database outlives runs. */
public final class Numbers {

    private Numbers() {}

    /** A valid Berlin number nobody has used, E.164: {@code +4930} and eight random digits. */
    public static String berlin() {
        return fresh("+4930", 8);
    }

    /** A valid New York number, E.164. */
    public static String newYork() {
        return fresh("+1212", 7);
    }

    private static String fresh(String prefix, int digits) {
        while (true) {
            StringBuilder number = new StringBuilder(prefix);
            number.append(ThreadLocalRandom.current().nextInt(2, 10));
            for (int i = 1; i < digits; i++) {
                number.append(ThreadLocalRandom.current().nextInt(10));
            }
            if (PhoneNumbers.e164(number.toString())
                    .filter(number.toString()::equals)
                    .isPresent()) {
                return number.toString();
            }
        }
    }
}
