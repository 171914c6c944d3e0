package io.switchboard.routing.sms;

import com.fasterxml.jackson.annotation.JsonValue;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.UUID;

/**
 * The data of {@code routing.sms.rejected}: a text message none of the tenant's DIDs takes, and why.
 *
 * @param didId the tenant's DID with the number, or null when it has none
 */
public record SmsRejected(
        UUID messageId, UUID didId, String from, String to, String body, OffsetDateTime receivedAt, Reason reason) {

    /** Why a message was not routed. */
    public enum Reason {
        /** No DID of the tenant has the number (another tenant's DID never counts). */
        UNKNOWN_NUMBER,
        /** The DID does not take SMS, or the tenant's {@code sms} feature is off. */
        SMS_DISABLED,
        /** The DID is inactive or still being ported in. */
        DID_INACTIVE;

        @JsonValue
        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
