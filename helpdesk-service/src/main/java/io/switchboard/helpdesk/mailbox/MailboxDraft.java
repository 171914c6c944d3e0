package io.switchboard.helpdesk.mailbox;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A mailbox's settings: what creating sets and a merge patch changes. Passwords are write-only. */
public record MailboxDraft(
        @NotBlank @Size(max = 100) @Schema(examples = "Support")
        String name,

        @NotNull Boolean enabled,
        @NotNull @Valid Imap imap,
        @NotNull @Valid Smtp smtp,

        @NotBlank @Size(max = 254) @Schema(description = "The address replies come from; mail from it is never imported")
        String fromAddress,

        @Size(max = 200) @Schema(examples = "ACME Support") String fromName,

        @Schema(
                description =
                        "Answer a new ticket opened by mail with an acknowledgement (Auto-Submitted: auto-replied)")
        Boolean sendAcknowledgement,

        @Size(max = 100) @Schema(
                description = "The category of the tickets this mailbox opens; its assignment rule picks their team",
                examples = "billing")
        String category,

        @Schema(
                description = "The team of the tickets this mailbox opens (before the category's rule); its"
                        + " least-loaded available agent gets each one")
        java.util.UUID teamId) {

    /** Where mail is read. */
    public record Imap(
            @NotBlank @Size(max = 253) String host,

            @Min(1) @Max(65535) @Schema(description = "993 with tls, 143 otherwise, when not given")
            Integer port,

            @Schema(description = "none, starttls or tls (default)")
            Security security,

            @NotBlank @Size(max = 254) String user,

            @Size(max = 1000) @Schema(description = "Write-only; stored encrypted")
            String password,

            @Size(max = 200) @Schema(description = "INBOX when not given")
            String folder) {}

    /** Where mail is sent. */
    public record Smtp(
            @NotBlank @Size(max = 253) String host,

            @Min(1) @Max(65535) @Schema(description = "465 with tls, 587 with starttls, 25 otherwise")
            Integer port,

            @Schema(description = "none, starttls (default) or tls")
            Security security,

            @Size(max = 254) @Schema(description = "Log in with this user; none: send without login")
            String user,

            @Size(max = 1000) @Schema(description = "Write-only; stored encrypted")
            String password) {}
}
