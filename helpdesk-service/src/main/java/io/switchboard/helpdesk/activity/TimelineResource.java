package io.switchboard.helpdesk.activity;

import io.quarkus.security.Authenticated;
import io.quarkus.security.PermissionsAllowed;
import io.switchboard.commons.api.Page;
import io.switchboard.commons.api.PageRequest;
import io.switchboard.commons.security.Permissions;
import io.switchboard.commons.tenant.TenantContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A contact's history across channels. */
@Path("/api/v1/contacts/{id}/timeline")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Contacts")
@SecurityRequirement(name = "switchboard")
@Authenticated
public class TimelineResource {

    private final ActivityService service;
    private final TenantContext tenantContext;

    public TimelineResource(ActivityService service, TenantContext tenantContext) {
        this.service = service;
        this.tenantContext = tenantContext;
    }

    @GET
    @PermissionsAllowed(Permissions.TICKETS_READ)
    @Operation(
            summary = "The contact's tickets, chats and calls, newest first",
            description = "Chats and calls as chat-service and telephony-service announced them (the visitor's"
                    + " e-mail address or phone number, the caller's number, matched to the contact).")
    public Page<TimelineItem> timeline(
            @PathParam("id") UUID contactId, @QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        return service.timeline(
                tenantContext.requireTenant(), contactId, PageRequest.of(page, size, null, Map.of(), ""));
    }
}
