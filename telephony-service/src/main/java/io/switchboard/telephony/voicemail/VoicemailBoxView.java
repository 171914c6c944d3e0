package io.switchboard.telephony.voicemail;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A voicemail box as the API returns it and events carry it; never its PIN. */
public record VoicemailBoxView(
        UUID id,
        String mailbox,
        String context,
        String fullName,
        String email,
        boolean attachAudio,
        int maxMessages,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt,
        long version) {}
