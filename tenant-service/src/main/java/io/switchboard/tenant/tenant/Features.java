package io.switchboard.tenant.tenant;

import jakarta.validation.constraints.NotNull;

/** Feature flags of a tenant; services consult them through their tenant directory. */
public record Features(
        @NotNull Boolean webrtc,
        @NotNull Boolean sms,
        @NotNull Boolean recording,
        @NotNull Boolean queue,
        @NotNull Boolean ivr,
        @NotNull Boolean chat,
        @NotNull Boolean helpdesk,
        @NotNull Boolean analytics,
        @NotNull Boolean api) {

    /** New tenants get every feature but the ones with costs or legal weight (SMS, call recording). */
    public static Features defaults() {
        return new Features(true, false, false, true, true, true, true, true, true);
    }
}
