package io.switchboard.telephony.routing;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What to do with a call, as telephony-service executes it. A decision that can fail (no answer, queue full, no
 * input) carries the next decision to try.
 */
public sealed interface RoutingDecision {

    /** A short name for records and events: {@code endpoint}, {@code queue}, {@code ivr}, ... */
    String action();

    /** What the decision points at, for records and events. */
    String target();

    /** Ring an extension's endpoint; {@code onNoAnswer} when it does not answer, is busy or unreachable. */
    record DialEndpoint(String endpointId, Duration ringTimeout, RoutingDecision onNoAnswer)
            implements RoutingDecision {
        public String action() {
            return "endpoint";
        }

        public String target() {
            return endpointId;
        }
    }

    /**
     * Put the caller into an app_queue queue; {@code maxWait} 0 waits without limit; {@code onOverflow} when the
     * queue is full, empty or the wait ends.
     */
    record Queue(String queueName, Duration maxWait, RoutingDecision onOverflow) implements RoutingDecision {
        public String action() {
            return "queue";
        }

        public String target() {
            return queueName;
        }
    }

    /**
     * Answer and play a menu: {@code options} map a key (0-9, *, #) to a decision; after {@code timeout} without input
     * or on an invalid key the greeting repeats, at most {@code maxRetries} times, then {@code onFailure}. With
     * {@code directDial}, digits that form an extension number of the tenant ring that extension.
     */
    record Ivr(
            String menuId,
            List<String> greeting,
            Map<String, RoutingDecision> options,
            Duration timeout,
            int maxRetries,
            List<String> invalidPrompt,
            RoutingDecision onFailure,
            boolean directDial)
            implements RoutingDecision {
        public String action() {
            return "ivr";
        }

        public String target() {
            return menuId;
        }
    }

    /** Call a number outside through one of the tenant's trunks. */
    record External(String number, String trunkEndpointId, Duration ringTimeout, RoutingDecision onNoAnswer)
            implements RoutingDecision {
        public String action() {
            return "external";
        }

        public String target() {
            return number;
        }
    }

    /** Leave a message in a voicemail box ({@code 1001@acme-corp}). */
    record Voicemail(String mailbox) implements RoutingDecision {
        public String action() {
            return "voicemail";
        }

        public String target() {
            return mailbox;
        }
    }

    /** Play {@code announcement} (if any) and hang up with a Q.850 cause (1 unallocated number, 17 busy, ...). */
    record Hangup(int cause, String announcement) implements RoutingDecision {
        public String action() {
            return "hangup";
        }

        public String target() {
            return Integer.toString(cause);
        }
    }
}
