package io.switchboard.helpdesk.contact;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.security.Authenticated;
import io.quarkus.security.PermissionsAllowed;
import io.switchboard.commons.api.JsonMergePatch;
import io.switchboard.commons.api.Page;
import io.switchboard.commons.api.PageRequest;
import io.switchboard.commons.api.Responses;
import io.switchboard.commons.problem.ProblemException;
import io.switchboard.commons.security.Permissions;
import io.switchboard.commons.tenant.TenantContext;
import io.switchboard.helpdesk.Actor;
import io.switchboard.helpdesk.Actors;
import io.switchboard.helpdesk.ticket.TicketFilter;
import io.switchboard.helpdesk.ticket.TicketRepository;
import io.switchboard.helpdesk.ticket.TicketService;
import io.switchboard.helpdesk.ticket.TicketView;
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
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The active tenant's contacts (requesters): read by all who read tickets, kept by those who handle them. */
@Path("/api/v1/contacts")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Contacts")
@SecurityRequirement(name = "switchboard")
@Authenticated
public class ContactResource {

    private final ContactService service;
    private final TicketService tickets;
    private final TenantContext tenantContext;
    private final Actors actors;

    public ContactResource(ContactService service, TicketService tickets, TenantContext tenantContext, Actors actors) {
        this.service = service;
        this.tickets = tickets;
        this.tenantContext = tenantContext;
        this.actors = actors;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @PermissionsAllowed(Permissions.TICKETS_HANDLE)
    @Operation(
            summary = "Create a contact",
            description = "E-mail addresses are unique in the tenant regardless of case (409 already-exists names the"
                    + " address); phone numbers are stored in E.164; tags must be the tenant's tags.")
    public Response create(@NotNull ContactDraft request, @Context UriInfo uri) {
        ContactView contact = service.create(tenantContext.requireTenant(), request);
        return Responses.created(uri, contact.id(), contact, contact.version());
    }

    @GET
    @PermissionsAllowed(Permissions.TICKETS_READ)
    @Operation(summary = "List and search contacts")
    public Page<ContactView> list(
            @Parameter(description = "Name, address or phone number contains") @QueryParam("q") String search,
            @Parameter(description = "Has this address (case-insensitive)") @QueryParam("email") String email,
            @Parameter(description = "Carries every one of these tags") @QueryParam("tag") List<String> tags,
            @QueryParam("page") Integer page,
            @QueryParam("size") Integer size,
            @Parameter(description = "name, createdAt (default -createdAt), updatedAt; -field for descending")
                    @QueryParam("sort")
                    String sort) {
        if (search != null && search.length() > 200) {
            throw ProblemException.invalid("q", "must be at most 200 characters");
        }
        return service.list(
                tenantContext.requireTenant(),
                search == null || search.isBlank() ? null : search.strip(),
                email == null || email.isBlank() ? null : email.strip(),
                tags == null
                        ? List.of()
                        : tags.stream().filter(t -> !t.isBlank()).toList(),
                PageRequest.of(page, size, sort, ContactRepository.SORTABLE, "-createdAt"));
    }

    @GET
    @Path("{id}")
    @PermissionsAllowed(Permissions.TICKETS_READ)
    @Operation(summary = "Read a contact")
    public Response get(@PathParam("id") UUID id) {
        ContactView contact = service.get(tenantContext.requireTenant(), id);
        return Responses.ok(contact, contact.version());
    }

    @GET
    @Path("{id}/tickets")
    @PermissionsAllowed(Permissions.TICKETS_READ)
    @Operation(summary = "The contact's tickets, newest first")
    public Page<TicketView> tickets(
            @PathParam("id") UUID id,
            @QueryParam("page") Integer page,
            @QueryParam("size") Integer size,
            @QueryParam("sort") String sort) {
        String tenant = tenantContext.requireTenant();
        Actor actor = actors.current(tenant);
        service.get(tenant, id); // 404 for another tenant's contact
        TicketFilter filter = new TicketFilter(
                List.of(),
                List.of(),
                null,
                null,
                false,
                id.toString(),
                null,
                List.of(),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                false,
                List.of());
        return tickets.list(
                tenant, filter, PageRequest.of(page, size, sort, TicketRepository.SORTABLE, "-createdAt"), actor);
    }

    @PATCH
    @Path("{id}")
    @Consumes({JsonMergePatch.MEDIA_TYPE, MediaType.APPLICATION_JSON})
    @PermissionsAllowed(Permissions.TICKETS_HANDLE)
    @Operation(summary = "Change a contact (JSON Merge Patch; emails, phones and tags are replaced as a whole)")
    public Response update(
            @PathParam("id") UUID id, JsonNode patch, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        ContactView contact = service.update(tenantContext.requireTenant(), id, patch, ifMatch);
        return Responses.ok(contact, contact.version());
    }

    @DELETE
    @Path("{id}")
    @PermissionsAllowed(Permissions.TICKETS_MANAGE)
    @Operation(
            summary = "Delete a contact",
            description = "Its tickets stay, with the requester's address and name, without the link.")
    public void delete(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        service.delete(tenantContext.requireTenant(), id, ifMatch);
    }
}
