package io.switchboard.helpdesk.message;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.switchboard.helpdesk.attachment.AttachmentView;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A message as the API returns it and {@code helpdesk.message.created} carries it. */
public record MessageView(
        UUID id,
        UUID ticketId,
        @Schema(description = "The ticket's number") String ticketNumber,
        UUID inReplyToId,
        Sender sender,
        @Schema(description = "The agent's user id") String userId,
        String senderName,
        String senderEmail,

        @Schema(description = "Plain text, or sanitized HTML when isHtml")
        String body,

        @JsonProperty("isHtml") boolean isHtml,
        @JsonProperty("isInternal") boolean isInternal,

        @Schema(
                description = "Its files: from the mail it came with, or attached by an agent (metadata; the bytes"
                        + " at each one's contentPath)")
        List<AttachmentView> attachments,

        OffsetDateTime createdAt) {}
