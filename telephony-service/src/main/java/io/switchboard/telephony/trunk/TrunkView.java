package io.switchboard.telephony.trunk;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** A trunk as the API returns it and events carry it; never its password. */
public record TrunkView(
        UUID id,
        String name,
        String endpointId,
        String description,
        String mode,
        String host,
        int port,
        String transport,
        String username,
        boolean hasPassword,
        String realm,
        String fromUser,
        String fromDomain,
        String callerId,
        List<String> codecs,
        List<String> allowedIps,
        TrunkDraft.Nat nat,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt,
        long version) {}
