package io.switchboard.routing.schedule;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An opening interval of one day in local time: from {@code start} (inclusive) to {@code end} (exclusive). */
public record TimeInterval(
        @NotNull @Pattern(regexp = START, message = "must be a time HH:mm from 00:00 to 23:59") @Schema(examples = "08:00")
        String start,

        @NotNull @Pattern(regexp = END, message = "must be a time HH:mm from 00:01 to 24:00") @Schema(examples = "18:00")
        String end) {

    public static final String START = "^([01][0-9]|2[0-3]):[0-5][0-9]$";
    public static final String END = "^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$";

    /** Seconds after local midnight; {@code 24:00} is the end of the day. */
    static int secondOfDay(String hhmm) {
        return Integer.parseInt(hhmm.substring(0, 2)) * 3600 + Integer.parseInt(hhmm.substring(3, 5)) * 60;
    }
}
