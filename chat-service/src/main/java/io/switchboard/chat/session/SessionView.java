package io.switchboard.chat.session;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A session as agents see it (visitors see the same through their token). */
public record SessionView(
        UUID id,
        UUID widgetId,
        UUID visitorId,
        SessionStatus status,
        Visitor visitor,
        String assignedTo,
        String assignedName,
        String assignedTeam,
        String team,
        List<String> skills,
        Instant queuedAt,
        Instant offeredAt,
        Instant startedAt,
        Instant endedAt,
        String endReason,
        Integer durationSeconds,
        Integer firstResponseSeconds,
        long lastSeq,
        Queue queue,
        Rating rating,
        Instant createdAt,
        Instant updatedAt,
        long version) {

    /** What is known about the visitor: what they gave and where they came from. */
    public record Visitor(
            String name,
            String email,
            String phone,
            String ipAddress,
            String userAgent,
            String referrerUrl,
            String currentUrl) {}

    /** While waiting: place in the tenant's queue (1 = next) and the estimated wait. */
    public record Queue(int position, long estimatedWaitSeconds) {}

    /** The visitor's rating of the ended session: 1 to 5 stars and an optional comment. */
    public record Rating(int rating, String comment, Instant ratedAt) {}

    public static SessionView of(ChatSession s, Queue queue) {
        return new SessionView(
                s.id,
                s.widgetId,
                s.visitorId,
                s.status(),
                new Visitor(
                        s.visitorName,
                        s.visitorEmail,
                        s.visitorPhone,
                        s.ipAddress,
                        s.userAgent,
                        s.referrerUrl,
                        s.currentUrl),
                s.assignedTo,
                s.assignedName,
                s.assignedTeam,
                s.team,
                s.skills == null ? List.of() : List.of(s.skills),
                s.queuedAt,
                s.offeredAt,
                s.startedAt,
                s.endedAt,
                s.endReason,
                s.durationSeconds,
                s.firstResponseSeconds,
                s.lastSeq,
                queue,
                s.rating == null ? null : new Rating(s.rating, s.ratingComment, s.ratedAt),
                s.createdAt,
                s.updatedAt,
                s.version);
    }
}
