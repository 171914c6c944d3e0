package io.switchboard.helpdesk.settings;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What a tenant admin can change in the helpdesk settings. */
public record SettingsDraft(
        @NotNull @Pattern(
                regexp = TicketNumbers.PREFIX_PATTERN,
                message = "must be 1 to 10 capital letters or digits, starting with a letter, e.g. ACME")
        @Schema(
                description = "Prefix of new ticket numbers (ACME gives ACME-00042). Tickets keep the number they"
                        + " were given, and stay found by it.")
        String ticketPrefix) {}
