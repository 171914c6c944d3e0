package io.switchboard.routing.route;

import io.switchboard.routing.catalogue.Catalogue;
import io.switchboard.routing.did.DidView;
import io.switchboard.routing.ivr.MenuView;
import io.switchboard.routing.schedule.ScheduleView;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One tenant's whole routing configuration as committed: DIDs (with their encrypted webhook secrets), menus,
 * schedules and the catalogue of telephony-service's targets. Immutable.
 */
public record RoutingData(
        String tenantId,
        List<DidView> dids,
        Map<UUID, String> encryptedSecrets,
        Map<UUID, MenuView> menus,
        Map<UUID, ScheduleView> schedules,
        Catalogue catalogue) {

    public static RoutingData empty(String tenantId) {
        return new RoutingData(tenantId, List.of(), Map.of(), Map.of(), Map.of(), Catalogue.EMPTY);
    }

    /** The same configuration with {@code menu} added or replaced (to check a change before it is written). */
    public RoutingData withMenu(MenuView menu) {
        Map<UUID, MenuView> changed = new HashMap<>(menus);
        changed.put(menu.id(), menu);
        return new RoutingData(tenantId, dids, encryptedSecrets, Map.copyOf(changed), schedules, catalogue);
    }
}
