package io.switchboard.routing.target;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where a route can send a call. */
public enum TargetType {
    /** An extension of the tenant, by number; rings its endpoint. */
    ENDPOINT,
    /** A queue of the tenant, by name. */
    QUEUE,
    /** An IVR menu of the tenant, by id. */
    IVR,
    /** An external system decides, by URL (only as a DID's own target). */
    WEBHOOK,
    /** A number outside, E.164, through one of the tenant's trunks. */
    EXTERNAL,
    /** A voicemail box of the tenant, by mailbox number. */
    VOICEMAIL,
    /** Play an announcement, if any, and hang up with a cause. */
    HANGUP;

    @JsonValue
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether a call can go on from this target to its {@code next} one (no answer, queue full or wait over). */
    public boolean hasNext() {
        return this == ENDPOINT || this == QUEUE || this == EXTERNAL;
    }
}
