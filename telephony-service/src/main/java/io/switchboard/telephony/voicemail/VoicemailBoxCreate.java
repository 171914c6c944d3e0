package io.switchboard.telephony.voicemail;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A new voicemail box. Without a PIN one is generated and returned once. */
public record VoicemailBoxCreate(
        @NotNull @Pattern(regexp = "^[0-9]{2,10}$", message = "must be 2 to 10 digits") @Schema(examples = "1001")
        String mailbox,

        String fullName,

        @Pattern(regexp = PIN, message = "must be 4 to 12 digits") String pin,

        @Schema(description = "Where new messages are announced")
        String email,

        @Schema(description = "Attach the recording to the e-mail (default true)")
        Boolean attachAudio,

        @Schema(description = "Default 100") Integer maxMessages) {

    public static final String PIN = "^[0-9]{4,12}$";
}
