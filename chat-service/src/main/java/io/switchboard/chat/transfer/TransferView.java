package io.switchboard.chat.transfer;

import java.time.Instant;
import java.util.UUID;

/**
 * A transfer: from an agent (and their team) to an agent or a team, with a reason; {@code pending} until accepted,
 * rejected, or {@code expired} (the session stayed with the sender).
 */
public record TransferView(
        UUID id,
        UUID sessionId,
        String fromUserId,
        String fromTeam,
        String toUserId,
        String toTeam,
        String reason,
        String status,
        Instant expiresAt,
        String decidedBy,
        Instant acceptedAt,
        Instant rejectedAt,
        Instant createdAt,
        Instant updatedAt,
        long version) {

    public static TransferView of(ChatTransfer t) {
        return new TransferView(
                t.id,
                t.sessionId,
                t.fromUserId,
                t.fromTeam,
                t.toUserId,
                t.toTeam,
                t.reason,
                t.status,
                t.expiresAt,
                t.decidedBy,
                t.acceptedAt,
                t.rejectedAt,
                t.createdAt,
                t.updatedAt,
                t.version);
    }
}
