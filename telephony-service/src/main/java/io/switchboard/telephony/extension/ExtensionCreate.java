package io.switchboard.telephony.extension;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A new extension: its number and whatever differs from the defaults. */
public record ExtensionCreate(
        @NotNull @Pattern(regexp = NUMBER, message = "must be 2 to 10 digits") @Schema(examples = "1001")
        String number,

        @Schema(description = "Defaults to 'Extension <number>'")
        String displayName,

        @Schema(description = "The Switchboard user (agent) who uses this extension")
        String userId,

        @Schema(description = "Allowed codecs, in order of preference")
        List<String> codecs,

        @Schema(description = "Reachable from the browser softphone (needs the tenant's webrtc feature)")
        Boolean webrtc,

        @Schema(description = "How many devices may register at once (default 1, 3 with WebRTC)")
        Integer maxContacts,

        UUID voicemailBoxId) {

    public static final String NUMBER = "^[0-9]{2,10}$";
}
