package io.switchboard.commons.tenant;

import java.util.List;
import java.util.UUID;

/**
 * A team of a tenant as every service knows it from the {@code tenant.team.*} events: its name, optional lead and the
 * user ids of its members.
 */
public record TeamEntry(UUID id, String tenantId, String name, String leadId, List<String> members, long version) {

    public boolean hasMember(String userId) {
        return userId != null && members.contains(userId);
    }
}
