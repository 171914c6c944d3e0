package io.switchboard.helpdesk.tag;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A tag's name and colour: what creating sets and a merge patch changes. */
public record TagDraft(
        @NotBlank @Size(max = 50) @Schema(examples = "Billing")
        String name,

        @Pattern(regexp = "^#[0-9a-fA-F]{6}$", message = "must be a hex colour such as #1f77b4") @Schema(description = "Hex colour for the UI", examples = "#1f77b4")
        String color) {}
