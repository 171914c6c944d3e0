package io.switchboard.testing.ari;

/**
 * How a simulated channel ended: the Q.850 cause of its ChannelDestroyed event, the cause text, and who ended it.
 *
 * @param cause the hangup cause (16 normal clearing, 17 busy, 19 no answer, ...)
 * @param causeText Asterisk's text for the cause ({@code cause_txt})
 * @param by who ended the call
 */
public record Hangup(int cause, String causeText, By by) {

    /** Who ended a call. */
    public enum By {
        /** The simulated party: the caller, the called device, a busy or rejecting device. */
        REMOTE,
        /** The ARI application, with {@code DELETE /channels/{id}}. */
        APPLICATION,
        /** An originate or dial timeout expired while the device was ringing. */
        TIMEOUT,
        /** The simulator itself: Stasis failed because the application had no WebSocket, or the simulator closed. */
        SIMULATOR
    }
}
