package io.switchboard.helpdesk.assignment;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An assignment rule as created ({@code POST}) or changed by JSON Merge Patch. */
public record AssignmentRuleDraft(
        @Schema(description = "A ticket category, matched ignoring case; one rule per category", examples = "billing")
        @NotBlank @Size(max = 100) String category,

        @Schema(description = "The tenant team that gets the category's new tickets") @NotNull UUID teamId) {}
