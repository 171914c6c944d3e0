package io.switchboard.testing.ari;

/** An ARI error response: the HTTP status and the {@code message} Asterisk puts in its JSON body. */
final class AriError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    final int status;
    /** The field of the JSON body Asterisk sends: {@code {"message": ...}}, or {@code {"error": ...}}. */
    final String bodyField;

    AriError(int status, String message) {
        this(status, "message", message);
    }

    private AriError(int status, String bodyField, String message) {
        super(message, null, false, false);
        this.status = status;
        this.bodyField = bodyField;
    }

    /**
     * {@code ast_ari_response_alloc_failed}: what Asterisk answers when the channel driver cannot create a channel,
     * e.g. to an endpoint without a reachable contact.
     */
    static AriError allocationFailed() {
        return new AriError(500, "error", "Allocation failed");
    }

    static AriError badRequest(String message) {
        return new AriError(400, message);
    }

    static AriError notFound(String message) {
        return new AriError(404, message);
    }

    static AriError conflict(String message) {
        return new AriError(409, message);
    }

    static AriError preconditionFailed() {
        return new AriError(412, "Channel in invalid state");
    }

    static AriError unprocessable(String message) {
        return new AriError(422, message);
    }
}
