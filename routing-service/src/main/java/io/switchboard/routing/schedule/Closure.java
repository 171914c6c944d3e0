package io.switchboard.routing.schedule;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDateTime;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A one-off closure in the schedule's local time, from {@code from} (inclusive) to {@code to} (exclusive). */
public record Closure(
        @NotNull @Schema(examples = "2026-12-24T12:00:00") LocalDateTime from,
        @NotNull @Schema(examples = "2026-12-24T23:59:00") LocalDateTime to,
        @Size(max = 80) @Schema(examples = "Company party") String name) {}
