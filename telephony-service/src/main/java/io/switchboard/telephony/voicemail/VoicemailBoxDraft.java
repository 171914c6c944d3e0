package io.switchboard.telephony.voicemail;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** What can be set on a voicemail box. */
public record VoicemailBoxDraft(
        @NotBlank @Size(max = 80) String fullName,
        @Email @Size(max = 80) String email,
        @NotNull Boolean attachAudio,
        @NotNull @Min(1) @Max(9999) Integer maxMessages) {}
