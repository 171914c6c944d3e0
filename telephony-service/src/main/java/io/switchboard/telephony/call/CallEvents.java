package io.switchboard.telephony.call;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * The data of the call events (docs/asyncapi.yaml): the call as it stands, plus what is particular to the fact.
 * {@code telephony.call.started|queued|answered|ended} and {@code telephony.cdr.created} carry the call alone.
 */
public final class CallEvents {

    private CallEvents() {}

    /** {@code telephony.call.ringing}: {@code endpoint} rings. */
    public record CallRinging(@JsonUnwrapped CallView call, String endpoint) {}

    /** {@code telephony.call.transferred}: from one party to another. */
    public record CallTransferred(@JsonUnwrapped CallView call, String from, String to) {}

    /** {@code telephony.call.rejected}: refused at setup; {@code limit}/{@code active} when the limit was reached. */
    public record CallRejected(@JsonUnwrapped CallView call, String reason, Integer limit, Integer active) {}
}
