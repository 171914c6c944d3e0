package io.switchboard.routing.table;

import io.quarkus.security.Authenticated;
import io.quarkus.security.PermissionsAllowed;
import io.switchboard.commons.security.Permissions;
import io.switchboard.commons.tenant.TenantContext;
import io.switchboard.routing.catalogue.Catalogue;
import io.switchboard.routing.route.RoutingData;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** What the active tenant's routes can name, as this instance routes with it now. */
@Path("/api/v1/routing/targets")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Targets")
@SecurityRequirement(name = "switchboard")
@Authenticated
public class TargetsResource {

    /** The targets by kind, sorted by name. */
    public record Targets(
            List<Catalogue.Extension> extensions,
            List<Catalogue.Queue> queues,
            List<Catalogue.Mailbox> voicemailBoxes,
            List<Catalogue.Trunk> trunks,
            List<Menu> menus) {}

    /** A menu's id (what an ivr target names) and name. */
    public record Menu(UUID id, String name) {}

    private final RoutingTable table;
    private final TenantContext tenantContext;

    public TargetsResource(RoutingTable table, TenantContext tenantContext) {
        this.table = table;
        this.tenantContext = tenantContext;
    }

    @GET
    @PermissionsAllowed(Permissions.TELEPHONY_READ)
    @Operation(
            summary = "What routes can name",
            description = "Extensions, queues, voicemail boxes and trunks as telephony-service announced them, and"
                    + " this service's menus: the choices of a route target.")
    public Targets targets() {
        RoutingData data = table.tenant(tenantContext.requireTenant()).data();
        Catalogue catalogue = data.catalogue();
        return new Targets(
                catalogue.extensions().values().stream()
                        .sorted(Comparator.comparing(Catalogue.Extension::number))
                        .toList(),
                catalogue.queues().values().stream()
                        .sorted(Comparator.comparing(Catalogue.Queue::name))
                        .toList(),
                catalogue.mailboxes().values().stream()
                        .sorted(Comparator.comparing(Catalogue.Mailbox::mailbox))
                        .toList(),
                catalogue.trunks().values().stream()
                        .sorted(Comparator.comparing(Catalogue.Trunk::name))
                        .toList(),
                data.menus().values().stream()
                        .map(m -> new Menu(m.id(), m.name()))
                        .sorted(Comparator.comparing(Menu::name))
                        .toList());
    }
}
