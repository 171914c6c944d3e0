package io.switchboard.routing.table;

import io.switchboard.commons.tenant.CrossTenant;
import io.switchboard.routing.catalogue.Catalogue;
import io.switchboard.routing.catalogue.CatalogueEntry;
import io.switchboard.routing.catalogue.CatalogueRepository;
import io.switchboard.routing.did.Did;
import io.switchboard.routing.did.DidMapper;
import io.switchboard.routing.did.DidRepository;
import io.switchboard.routing.ivr.IvrMenu;
import io.switchboard.routing.ivr.MenuMapper;
import io.switchboard.routing.ivr.MenuRepository;
import io.switchboard.routing.ivr.MenuView;
import io.switchboard.routing.route.RoutingData;
import io.switchboard.routing.schedule.Schedule;
import io.switchboard.routing.schedule.ScheduleMapper;
import io.switchboard.routing.schedule.ScheduleRepository;
import io.switchboard.routing.schedule.ScheduleView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/** Reads tenants' routing configuration from the database, as committed. */
@ApplicationScoped
public class RoutingStore {

    private final DidRepository dids;
    private final MenuRepository menus;
    private final ScheduleRepository schedules;
    private final CatalogueRepository catalogue;

    public RoutingStore(
            DidRepository dids, MenuRepository menus, ScheduleRepository schedules, CatalogueRepository catalogue) {
        this.dids = dids;
        this.menus = menus;
        this.schedules = schedules;
        this.catalogue = catalogue;
    }

    /** One tenant's configuration; in the caller's transaction, if any (to check a change before it commits). */
    @Transactional
    public RoutingData load(String tenantId) {
        return data(
                tenantId,
                dids.allOf(tenantId),
                menus.allOf(tenantId),
                schedules.allOf(tenantId),
                catalogue.allOf(tenantId));
    }

    /** Every tenant's configuration, for an instance's initial (and periodic) load. */
    @Transactional
    @CrossTenant
    public Map<String, RoutingData> loadAll() {
        Map<String, List<Did>> allDids = byTenant(dids.all(), d -> d.tenantId);
        Map<String, List<IvrMenu>> allMenus = byTenant(menus.all(), m -> m.tenantId);
        Map<String, List<Schedule>> allSchedules = byTenant(schedules.all(), s -> s.tenantId);
        Map<String, List<CatalogueEntry>> allEntries = byTenant(catalogue.all(), c -> c.tenantId);
        Set<String> tenants = new HashSet<>(allDids.keySet());
        tenants.addAll(allMenus.keySet());
        tenants.addAll(allSchedules.keySet());
        tenants.addAll(allEntries.keySet());
        Map<String, RoutingData> result = new HashMap<>();
        for (String tenant : tenants) {
            result.put(
                    tenant,
                    data(
                            tenant,
                            allDids.getOrDefault(tenant, List.of()),
                            allMenus.getOrDefault(tenant, List.of()),
                            allSchedules.getOrDefault(tenant, List.of()),
                            allEntries.getOrDefault(tenant, List.of())));
        }
        return result;
    }

    private static RoutingData data(
            String tenantId,
            List<Did> didRows,
            List<IvrMenu> menuRows,
            List<Schedule> scheduleRows,
            List<CatalogueEntry> entries) {
        Map<UUID, String> secrets = new HashMap<>();
        didRows.stream().filter(d -> d.webhookSecret != null).forEach(d -> secrets.put(d.id, d.webhookSecret));
        Map<UUID, MenuView> menuViews = new HashMap<>();
        menuRows.forEach(m -> menuViews.put(m.id, MenuMapper.toView(m)));
        Map<UUID, ScheduleView> scheduleViews = new HashMap<>();
        scheduleRows.forEach(s -> scheduleViews.put(s.id, ScheduleMapper.toView(s)));
        return new RoutingData(
                tenantId,
                didRows.stream().map(DidMapper::toView).toList(),
                Map.copyOf(secrets),
                Map.copyOf(menuViews),
                Map.copyOf(scheduleViews),
                Catalogue.of(entries));
    }

    private static <T> Map<String, List<T>> byTenant(List<T> rows, Function<T, String> tenant) {
        Map<String, List<T>> grouped = new HashMap<>();
        rows.forEach(row -> grouped.computeIfAbsent(tenant.apply(row), t -> new ArrayList<>())
                .add(row));
        return grouped;
    }
}
