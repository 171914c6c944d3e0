package io.switchboard.chat.agent;

import java.time.Instant;
import java.util.List;

/** A chat agent: availability, capacity and current load, team and skills. */
public record AgentView(
        String userId,
        String displayName,
        String availability,
        int maxConcurrentChats,
        int currentChats,
        String team,
        List<String> skills,
        boolean autoAccept,
        boolean notificationsEnabled,
        Instant lastAssignedAt,
        Instant createdAt,
        Instant updatedAt,
        long version) {

    AgentDraft toDraft() {
        return new AgentDraft(
                displayName, availability, maxConcurrentChats, team, skills, autoAccept, notificationsEnabled);
    }
}
