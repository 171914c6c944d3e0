package io.switchboard.testing.ari;

import java.util.Map;

/**
 * Q.850 hangup causes as Asterisk names them: the numbers ARI reports in {@code ChannelDestroyed.cause}, the texts of
 * {@code cause_txt}, and the {@code reason} words that {@code DELETE /channels/{id}} accepts.
 */
final class HangupCauses {

    static final int UNALLOCATED = 1;
    static final int NO_ROUTE_DESTINATION = 3;
    static final int NORMAL_CLEARING = 16;
    static final int USER_BUSY = 17;
    static final int NO_USER_RESPONSE = 18;
    static final int NO_ANSWER = 19;
    static final int SUBSCRIBER_ABSENT = 20;
    static final int CALL_REJECTED = 21;
    static final int NORMAL_CIRCUIT_CONGESTION = 34;

    /** The reason for a hangup requested over ARI: {@code ast_softhangup(chan, AST_SOFTHANGUP_EXPLICIT)}. */
    static final int SOFTHANGUP_EXPLICIT = 1 << 5;

    private static final Map<Integer, String> TEXTS = Map.ofEntries(
            Map.entry(0, "Unknown"),
            Map.entry(1, "Unallocated (unassigned) number"),
            Map.entry(2, "No route to specified transmit network"),
            Map.entry(3, "No route to destination"),
            Map.entry(5, "Misdialed trunk prefix"),
            Map.entry(6, "Channel unacceptable"),
            Map.entry(7, "Call awarded and being delivered in an established channel"),
            Map.entry(8, "Pre-empted"),
            Map.entry(14, "Number ported elsewhere"),
            Map.entry(16, "Normal Clearing"),
            Map.entry(17, "User busy"),
            Map.entry(18, "No user responding"),
            Map.entry(19, "User alerting, no answer"),
            Map.entry(20, "Subscriber absent"),
            Map.entry(21, "Call Rejected"),
            Map.entry(22, "Number changed"),
            Map.entry(23, "Redirected to new destination"),
            Map.entry(26, "Answered elsewhere"),
            Map.entry(27, "Destination out of order"),
            Map.entry(28, "Invalid number format"),
            Map.entry(29, "Facility rejected"),
            Map.entry(30, "Response to STATus ENQuiry"),
            Map.entry(31, "Normal, unspecified"),
            Map.entry(34, "Circuit/channel congestion"),
            Map.entry(38, "Network out of order"),
            Map.entry(41, "Temporary failure"),
            Map.entry(42, "Switching equipment congestion"),
            Map.entry(43, "Access information discarded"),
            Map.entry(44, "Requested channel not available"),
            Map.entry(50, "Facility not subscribed"),
            Map.entry(52, "Outgoing call barred"),
            Map.entry(54, "Incoming call barred"),
            Map.entry(57, "Bearer capability not authorized"),
            Map.entry(58, "Bearer capability not available"),
            Map.entry(65, "Bearer capability not implemented"),
            Map.entry(66, "Channel not implemented"),
            Map.entry(69, "Facility not implemented"),
            Map.entry(81, "Invalid call reference value"),
            Map.entry(88, "Incompatible destination"),
            Map.entry(95, "Invalid message unspecified"),
            Map.entry(96, "Mandatory information element is missing"),
            Map.entry(97, "Message type nonexist."),
            Map.entry(98, "Wrong message"),
            Map.entry(99, "Info. element nonexist or not implemented"),
            Map.entry(100, "Invalid information element contents"),
            Map.entry(101, "Message not compatible with call state"),
            Map.entry(102, "Recover on timer expiry"),
            Map.entry(103, "Mandatory IE length error"),
            Map.entry(111, "Protocol error, unspecified"),
            Map.entry(127, "Interworking, unspecified"));

    private static final Map<String, Integer> REASONS = Map.ofEntries(
            Map.entry("normal", 16),
            Map.entry("busy", 17),
            Map.entry("congestion", 34),
            Map.entry("no_answer", 19),
            Map.entry("timeout", 18),
            Map.entry("rejected", 21),
            Map.entry("unallocated", 1),
            Map.entry("normal_unspecified", 31),
            Map.entry("number_incomplete", 28),
            Map.entry("codec_mismatch", 58),
            Map.entry("interworking", 127),
            Map.entry("failure", 38),
            Map.entry("answered_elsewhere", 26));

    private HangupCauses() {}

    /** {@code ast_cause2str}: the text Asterisk puts in {@code cause_txt}. */
    static String text(int cause) {
        return TEXTS.getOrDefault(cause, "Unknown");
    }

    /** The cause for a {@code reason} of {@code DELETE /channels/{id}}, or -1 if Asterisk does not accept it. */
    static int forReason(String reason) {
        return REASONS.getOrDefault(reason, -1);
    }

    /** {@code ast_hangup_cause_to_dial_status}: the {@code dialstatus} of the Dial event for a failed dial. */
    static String dialStatus(int cause) {
        return switch (cause) {
            case USER_BUSY -> "BUSY";
            case NORMAL_CIRCUIT_CONGESTION -> "CONGESTION";
            case NO_ROUTE_DESTINATION, SUBSCRIBER_ABSENT -> "CHANUNAVAIL";
            default -> "NOANSWER";
        };
    }

    /** The SIP final response a PJSIP device would have sent for a cause (0 if none above 2xx applies). */
    static int sipResponse(int cause) {
        return switch (cause) {
            case UNALLOCATED -> 404;
            case USER_BUSY -> 486;
            case NO_USER_RESPONSE -> 408;
            case NO_ANSWER, SUBSCRIBER_ABSENT -> 480;
            case CALL_REJECTED -> 403;
            case NORMAL_CIRCUIT_CONGESTION -> 503;
            default -> 0;
        };
    }
}
