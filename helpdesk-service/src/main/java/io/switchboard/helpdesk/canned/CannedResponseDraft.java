package io.switchboard.helpdesk.canned;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A canned response: what creating sets and a merge patch changes. */
public record CannedResponseDraft(
        @NotBlank @Size(max = 100) @Schema(examples = "Refund issued")
        String name,

        @Size(max = 30) @Pattern(regexp = "^[A-Za-z0-9_-]+$", message = "letters, digits, _ and - only") @Schema(description = "Optional short name agents type to pick it, unique in the tenant", examples = "refund")
        String shortcut,

        @NotBlank @Size(max = 20_000) @Schema(
                description = "Plain text, or HTML when isHtml (sanitized); placeholders: "
                        + CannedResponseService.VARIABLE_LIST)
        String body,

        @JsonProperty("isHtml") Boolean isHtml) {}
