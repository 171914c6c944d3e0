package io.switchboard.helpdesk.mailbox;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.security.Authenticated;
import io.quarkus.security.PermissionsAllowed;
import io.switchboard.commons.api.JsonMergePatch;
import io.switchboard.commons.api.Page;
import io.switchboard.commons.api.PageRequest;
import io.switchboard.commons.api.Responses;
import io.switchboard.commons.security.Permissions;
import io.switchboard.commons.tenant.TenantContext;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The active tenant's helpdesk mailboxes; their settings include mail server accounts, so only tickets:manage. */
@Path("/api/v1/helpdesk/mailboxes")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Mailboxes")
@SecurityRequirement(name = "switchboard")
@Authenticated
@PermissionsAllowed(Permissions.TICKETS_MANAGE)
public class MailboxResource {

    private final MailboxService service;
    private final TenantContext tenantContext;

    public MailboxResource(MailboxService service, TenantContext tenantContext) {
        this.service = service;
        this.tenantContext = tenantContext;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Add a mailbox",
            description = "Mail arriving in the IMAP folder opens tickets or joins them; agents' replies go out"
                    + " through the SMTP server. Servers must be public hosts; passwords are stored encrypted and"
                    + " never returned.")
    public Response create(@NotNull MailboxDraft request, @Context UriInfo uri) {
        // validated by the service after the defaults, so that one answer names every invalid field
        MailboxView mailbox = service.create(tenantContext.requireTenant(), request);
        return Responses.created(uri, mailbox.id(), mailbox, mailbox.version());
    }

    @GET
    @Operation(summary = "List mailboxes")
    public Page<MailboxView> list(
            @QueryParam("page") Integer page, @QueryParam("size") Integer size, @QueryParam("sort") String sort) {
        return service.list(
                tenantContext.requireTenant(), PageRequest.of(page, size, sort, MailboxService.SORTABLE, "createdAt"));
    }

    @GET
    @Path("{id}")
    @Operation(summary = "Read a mailbox (with how its polling goes)")
    public Response get(@PathParam("id") UUID id) {
        MailboxView mailbox = service.get(tenantContext.requireTenant(), id);
        return Responses.ok(mailbox, mailbox.version());
    }

    @PATCH
    @Path("{id}")
    @Consumes({JsonMergePatch.MEDIA_TYPE, MediaType.APPLICATION_JSON})
    @Operation(
            summary = "Change a mailbox (JSON Merge Patch)",
            description = "imap.password / smtp.password set a password (null removes it). Mail waiting to be sent is"
                    + " retried at once with the new settings.")
    public Response update(
            @PathParam("id") UUID id, JsonNode patch, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        MailboxView mailbox = service.update(tenantContext.requireTenant(), id, patch, ifMatch);
        return Responses.ok(mailbox, mailbox.version());
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Remove a mailbox", description = "Its mail is no longer read; tickets stay.")
    public void delete(@PathParam("id") UUID id) {
        service.delete(tenantContext.requireTenant(), id);
    }
}
