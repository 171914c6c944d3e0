package io.switchboard.routing.ivr;

import io.switchboard.routing.TenantRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.Map;
import java.util.UUID;

/** Persistence of IVR menus. */
@ApplicationScoped
public class MenuRepository extends TenantRepository<IvrMenu> {

    public static final Map<String, String> SORTABLE =
            Map.of("name", "e.name", "createdAt", "e.createdAt", "updatedAt", "e.updatedAt");

    public MenuRepository(EntityManager em) {
        super(em, IvrMenu.class);
    }

    public boolean nameTaken(String tenantId, String name, UUID exceptId) {
        return allOf(tenantId).stream().anyMatch(m -> m.name.equalsIgnoreCase(name) && !m.id.equals(exceptId));
    }
}
