package io.switchboard.helpdesk.attachment;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An attachment as the API returns it and the helpdesk events carry it (metadata only, never the bytes). */
public record AttachmentView(
        UUID id,
        UUID ticketId,

        @Schema(description = "The message it belongs to; null for a file of the ticket itself")
        UUID messageId,

        @Schema(description = "As the uploader or the mail named it (cleaned: no path, no control characters)")
        String fileName,

        @Schema(description = "Detected from the bytes, not taken from the client")
        String contentType,

        @Schema(description = "Bytes") long size,

        @Schema(description = "Hex SHA-256 of the bytes; null when they were not kept")
        String sha256,

        @Schema(description = "upload (by an agent) or mail (came with a requester's e-mail)")
        String source,

        @Schema(description = "The uploading agent's user id")
        String uploadedBy,

        @JsonProperty("isInternal")
        @Schema(description = "Belongs to an internal note: never mailed, never shown to requesters or viewers")
        boolean isInternal,

        @Schema(
                description = "Where the bytes are downloaded (GET, tickets:read); null when they were not kept:"
                        + " see notStoredReason")
        String contentPath,

        @Schema(description = "Why a mail attachment's bytes were not kept: too_large or type_not_allowed")
        String notStoredReason,

        OffsetDateTime createdAt) {}
