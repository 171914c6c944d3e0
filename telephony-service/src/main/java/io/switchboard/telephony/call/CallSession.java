package io.switchboard.telephony.call;

import io.switchboard.telephony.routing.RoutingDecision;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;

/**
 * A call in progress, as the engine tracks it: the caller's channel, the leg it dialled, the bridge, where the call
 * is, and the IVR's state. Only the call's own mailbox touches it.
 */
final class CallSession {

    /** Where the call is. */
    enum Phase {
        ROUTING,
        RINGING,
        BRIDGED,
        IVR,
        IN_DIALPLAN,
        REJECTING,
        ENDED
    }

    final String channelId;
    final String tenantId;
    final String direction;
    final String callerNumber;
    final String callerName;
    final String calledNumber;
    final String sourceEndpoint;
    final Mailbox mailbox;

    UUID callId;
    Phase phase = Phase.ROUTING;
    boolean callerAnswered;
    String peerChannelId;
    String peerEndpoint;
    int peerCount;
    String bridgeId;
    /** The party a blind transfer moves the call away from, until the new one answers. */
    String transferFrom;

    RoutingDecision onNoAnswer;
    RoutingDecision onOverflow;
    String disposition;
    int hangupCause = 16;
    /** The cause of the caller's own hangup, when it hung up. */
    int remoteCause;
    /** The cause the dialled party hung up with. */
    int peerCause;

    RoutingDecision.Ivr ivr;
    int ivrAttempts;
    final StringBuilder digits = new StringBuilder();
    String playbackId;
    boolean playing;
    Runnable afterPlayback;
    ScheduledFuture<?> timer;
    final Deque<String> legs = new ArrayDeque<>();

    CallSession(
            String channelId,
            String tenantId,
            String direction,
            String callerNumber,
            String callerName,
            String calledNumber,
            String sourceEndpoint,
            Mailbox mailbox) {
        this.channelId = channelId;
        this.tenantId = tenantId;
        this.direction = direction;
        this.callerNumber = callerNumber;
        this.callerName = callerName;
        this.calledNumber = calledNumber;
        this.sourceEndpoint = sourceEndpoint;
        this.mailbox = mailbox;
    }

    boolean ended() {
        return phase == Phase.ENDED;
    }

    void cancelTimer() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }
}
