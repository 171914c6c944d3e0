package io.switchboard.commons.problem;

import java.net.URI;

/**
 * The stable problem types of the API (RFC 9457 {@code type}). Clients switch on these URNs, so a type never changes
 * meaning once published; docs/errors.md lists them.
 */
public enum ProblemType {
    VALIDATION_FAILED(400, "Validation failed"),
    MALFORMED_REQUEST(400, "Malformed request"),
    TENANT_REQUIRED(400, "Tenant required"),
    UNAUTHORIZED(401, "Authentication required"),
    FORBIDDEN(403, "Forbidden"),
    NOT_TENANT_MEMBER(403, "Not a member of the tenant"),
    TENANT_NOT_WRITABLE(403, "Tenant does not accept changes"),
    FEATURE_DISABLED(403, "Feature not enabled for the tenant"),
    NOT_FOUND(404, "Not found"),
    METHOD_NOT_ALLOWED(405, "Method not allowed"),
    NOT_ACCEPTABLE(406, "Not acceptable"),
    CONFLICT(409, "Conflict"),
    ALREADY_EXISTS(409, "Already exists"),
    INVALID_STATE_TRANSITION(409, "Invalid state transition"),
    PRECONDITION_FAILED(412, "Precondition failed"),
    FILE_TOO_LARGE(413, "File too large"),
    UNSUPPORTED_MEDIA_TYPE(415, "Unsupported media type"),
    FILE_TYPE_NOT_ALLOWED(415, "File type not allowed"),
    LIMIT_EXCEEDED(422, "Limit exceeded"),
    /** A field names something the tenant does not have (a user who is not a member, a team of no one's). */
    UNKNOWN_REFERENCE(422, "Unknown reference"),
    PRECONDITION_REQUIRED(428, "Precondition required"),
    RATE_LIMITED(429, "Too many requests"),
    INTERNAL_ERROR(500, "Internal error"),
    BAD_GATEWAY(502, "Bad gateway"),
    SERVICE_UNAVAILABLE(503, "Service unavailable"),
    GATEWAY_TIMEOUT(504, "Gateway timeout");

    private final int status;
    private final String title;

    ProblemType(int status, String title) {
        this.status = status;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** The URN clients match on, e.g. {@code urn:switchboard:problem:validation-failed}. */
    public URI uri() {
        return URI.create("urn:switchboard:problem:" + name().toLowerCase().replace('_', '-'));
    }
}
