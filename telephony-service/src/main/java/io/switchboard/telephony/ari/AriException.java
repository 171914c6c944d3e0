package io.switchboard.telephony.ari;

/** An ARI request failed: Asterisk refused it, or it could not be sent. */
public class AriException extends RuntimeException {

    private final int status;

    public AriException(String message, int status, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /** The HTTP status Asterisk answered, or 0 when there was no answer. */
    public int status() {
        return status;
    }

    /** Whether Asterisk said the channel or bridge no longer exists (a race with a hangup, not an error). */
    public boolean isGone() {
        return status == 404 || status == 409 || status == 422;
    }
}
