package io.switchboard.routing.schedule;

import io.switchboard.routing.TenantRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.Map;
import java.util.UUID;

/** Persistence of named schedules. */
@ApplicationScoped
public class ScheduleRepository extends TenantRepository<Schedule> {

    public static final Map<String, String> SORTABLE =
            Map.of("name", "e.name", "createdAt", "e.createdAt", "updatedAt", "e.updatedAt");

    public ScheduleRepository(EntityManager em) {
        super(em, Schedule.class);
    }

    public boolean nameTaken(String tenantId, String name, UUID exceptId) {
        return allOf(tenantId).stream().anyMatch(s -> s.name.equalsIgnoreCase(name) && !s.id.equals(exceptId));
    }
}
