package io.switchboard.testing.ari;

import java.time.Duration;
import java.util.Objects;

/**
 * How a simulated device behind an endpoint (a phone, a softphone, a trunk) reacts when Asterisk calls it: answers
 * after a delay, rings until the caller gives up, is busy, rejects with a cause, or is offline. Immutable; the
 * {@code with...} methods return modified copies.
 */
public final class EndpointBehaviour {

    /** What the device does with an incoming call. */
    public enum Kind {
        /** Rings, then answers after {@link #answerDelay()}. */
        ANSWER,
        /** Rings until the originate or dial timeout, or until the test answers it with {@link SimChannel#answer()}. */
        NO_ANSWER,
        /** Refuses the call with {@link #rejectCause()} (busy is cause 17, a SIP 486). */
        REJECT,
        /** Offline: no registered contact, so Asterisk cannot even create the channel. */
        UNAVAILABLE
    }

    private final Kind kind;
    private final Duration ringDelay;
    private final Duration answerDelay;
    private final int rejectCause;
    private final Duration hangupAfterAnswer;
    private final String context;
    private final String tenantId;

    private EndpointBehaviour(
            Kind kind,
            Duration ringDelay,
            Duration answerDelay,
            int rejectCause,
            Duration hangupAfterAnswer,
            String context,
            String tenantId) {
        this.kind = kind;
        this.ringDelay = Objects.requireNonNull(ringDelay);
        this.answerDelay = Objects.requireNonNull(answerDelay);
        this.rejectCause = rejectCause;
        this.hangupAfterAnswer = hangupAfterAnswer;
        this.context = Objects.requireNonNull(context);
        this.tenantId = tenantId;
    }

    /** Rings at once and answers after {@code delay} (counted from the start of the call). */
    public static EndpointBehaviour answerAfter(Duration delay) {
        return new EndpointBehaviour(Kind.ANSWER, Duration.ZERO, delay, 0, null, "default", null);
    }

    /** Rings until the originate {@code timeout} (ChannelDestroyed cause 19) or until the call is cancelled. */
    public static EndpointBehaviour noAnswer() {
        return new EndpointBehaviour(Kind.NO_ANSWER, Duration.ZERO, Duration.ZERO, 0, null, "default", null);
    }

    /** Answers every call with SIP 486 Busy Here: cause 17 "User busy", {@code tech_cause} 486. */
    public static EndpointBehaviour busy() {
        return rejectWith(HangupCauses.USER_BUSY);
    }

    /** Refuses every call with the Q.850 {@code cause} (e.g. 21 call rejected, 34 congestion, 20 absent). */
    public static EndpointBehaviour rejectWith(int cause) {
        return new EndpointBehaviour(Kind.REJECT, Duration.ZERO, Duration.ZERO, cause, null, "default", null);
    }

    /**
     * Offline (no contact registered): the endpoint's state is {@code offline} and an originate or channel create to
     * it fails at once, as on Asterisk, with HTTP 500 {@code {"error": "Allocation failed"}}.
     */
    public static EndpointBehaviour unavailable() {
        return new EndpointBehaviour(Kind.UNAVAILABLE, Duration.ZERO, Duration.ZERO, 0, null, "default", null);
    }

    /** The same behaviour, ringing (ChannelStateChange to Ringing) only after {@code delay}. */
    public EndpointBehaviour ringingAfter(Duration delay) {
        return new EndpointBehaviour(kind, delay, answerDelay, rejectCause, hangupAfterAnswer, context, tenantId);
    }

    /** The same behaviour, and the device hangs up (cause 16) {@code delay} after it answered. */
    public EndpointBehaviour hangupAfterAnswer(Duration delay) {
        return new EndpointBehaviour(kind, ringDelay, answerDelay, rejectCause, delay, context, tenantId);
    }

    /** The same behaviour on an endpoint whose dialplan {@code context} is {@code context} (default "default"). */
    public EndpointBehaviour withContext(String context) {
        return new EndpointBehaviour(kind, ringDelay, answerDelay, rejectCause, hangupAfterAnswer, context, tenantId);
    }

    /** The same behaviour on an endpoint whose {@code tenantid} is set: channels then carry {@code tenantid}. */
    public EndpointBehaviour withTenantId(String tenantId) {
        return new EndpointBehaviour(kind, ringDelay, answerDelay, rejectCause, hangupAfterAnswer, context, tenantId);
    }

    public Kind kind() {
        return kind;
    }

    public Duration ringDelay() {
        return ringDelay;
    }

    public Duration answerDelay() {
        return answerDelay;
    }

    public int rejectCause() {
        return rejectCause;
    }

    /** How long after answering the device hangs up, or null if it never does by itself. */
    public Duration hangupAfterAnswer() {
        return hangupAfterAnswer;
    }

    public String context() {
        return context;
    }

    /** The endpoint's tenant id ({@code ps_endpoints.tenantid}), or null. */
    public String tenantId() {
        return tenantId;
    }

    @Override
    public String toString() {
        return switch (kind) {
            case ANSWER -> "answerAfter(" + answerDelay + ")";
            case NO_ANSWER -> "noAnswer()";
            case REJECT -> "rejectWith(" + rejectCause + ")";
            case UNAVAILABLE -> "unavailable()";
        };
    }
}
