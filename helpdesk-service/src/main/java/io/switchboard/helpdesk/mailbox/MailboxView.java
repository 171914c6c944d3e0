package io.switchboard.helpdesk.mailbox;

import java.time.OffsetDateTime;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A mailbox as the API shows it: never its passwords, only whether they are set; and how polling goes. */
public record MailboxView(
        UUID id,
        String name,
        boolean enabled,
        Imap imap,
        Smtp smtp,
        String fromAddress,
        String fromName,
        boolean sendAcknowledgement,
        String category,
        UUID teamId,

        @Schema(description = "When the mailbox was last read")
        OffsetDateTime lastPolledAt,

        @Schema(description = "Why the last poll failed, null when it worked")
        String lastPollError,

        @Schema(description = "Mail waiting to be sent (or to be retried)")
        long queuedMails,

        OffsetDateTime createdAt,
        OffsetDateTime updatedAt,
        long version) {

    public record Imap(String host, int port, Security security, String user, boolean passwordSet, String folder) {}

    public record Smtp(String host, int port, Security security, String user, boolean passwordSet) {}
}
