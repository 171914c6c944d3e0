package io.switchboard.telephony.extension;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** An extension as the API returns it and the {@code telephony.extension.*} events carry it; never its secret. */
public record ExtensionView(
        UUID id,
        String number,
        String endpointId,
        String displayName,
        String userId,
        List<String> codecs,
        boolean webrtc,
        int maxContacts,
        UUID voicemailBoxId,
        String sipUsername,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt,
        long version) {}
