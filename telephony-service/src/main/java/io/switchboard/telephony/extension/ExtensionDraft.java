package io.switchboard.telephony.extension;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;

/** What can be set on an extension; a JSON Merge Patch changes it and it is validated as a whole. */
public record ExtensionDraft(
        @NotBlank @Size(max = 80) String displayName,
        @Size(max = 64) String userId,
        @NotNull List<String> codecs,
        @NotNull Boolean webrtc,
        @NotNull @Min(1) @Max(10) Integer maxContacts,
        UUID voicemailBoxId) {}
