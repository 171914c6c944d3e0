package io.switchboard.helpdesk.message;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A new message on a ticket. */
public record MessageCreate(
        @Size(max = MessageCreate.BODY_MAX) @Schema(description = "Plain text, or HTML when isHtml; required unless cannedResponseId")
        String body,

        @JsonProperty("isHtml")
        @Schema(
                description = "The body is HTML; it is sanitized (scripts, styles, event"
                        + " handlers and unsafe links removed) before it is stored")
        Boolean isHtml,

        @JsonProperty("isInternal")
        @Schema(
                description = "An internal note: only agents, supervisors and admins ever"
                        + " see it; never requesters or viewers")
        Boolean isInternal,

        @Schema(description = "agent (default: you) or requester (a message the requester sent, e.g. by phone)")
        Sender sender,

        @Schema(description = "The message of this ticket it answers")
        UUID inReplyToId,

        @Schema(
                description = "Send this canned response (instead of body), filled in for the ticket; the text as"
                        + " filled in is what is stored and mailed")
        UUID cannedResponseId,

        @Size(max = 20) @Schema(
                description = "Files uploaded to the ticket before (POST .../attachments, not yet attached to a"
                        + " message) that this message carries; a public reply mails them, an internal note never")
        List<@NotNull UUID> attachmentIds) {

    public static final int BODY_MAX = 100_000;

    /** A message without attachments. */
    public MessageCreate(
            String body, Boolean isHtml, Boolean isInternal, Sender sender, UUID inReplyToId, UUID cannedResponseId) {
        this(body, isHtml, isInternal, sender, inReplyToId, cannedResponseId, null);
    }
}
