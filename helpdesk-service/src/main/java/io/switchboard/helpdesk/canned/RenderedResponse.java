package io.switchboard.helpdesk.canned;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A canned response filled in for one ticket: what a reply with it would say. */
public record RenderedResponse(
        UUID cannedResponseId,
        UUID ticketId,

        @Schema(description = "The body with its placeholders filled in (sanitized HTML when isHtml)")
        String body,

        @JsonProperty("isHtml") boolean isHtml,
        @Schema(description = "The body as plain text") String text) {}
