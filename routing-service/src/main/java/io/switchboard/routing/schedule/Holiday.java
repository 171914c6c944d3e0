package io.switchboard.routing.schedule;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A whole local day on which the schedule is closed. */
public record Holiday(
        @NotNull @Schema(examples = "2026-12-25") LocalDate date,
        @Size(max = 80) @Schema(examples = "Christmas Day") String name) {}
