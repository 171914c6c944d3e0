package io.switchboard.webhook.target;

/** A target URL or address that webhooks must not reach; the message says why, for the user and the log. */
public class TargetRefusedException extends Exception {

    public TargetRefusedException(String message) {
        super(message);
    }
}
