package io.switchboard.helpdesk.ticket;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.security.Authenticated;
import io.quarkus.security.PermissionsAllowed;
import io.switchboard.commons.api.JsonMergePatch;
import io.switchboard.commons.api.Page;
import io.switchboard.commons.api.PageRequest;
import io.switchboard.commons.api.Responses;
import io.switchboard.commons.problem.ProblemException;
import io.switchboard.commons.problem.Validation;
import io.switchboard.commons.security.Permissions;
import io.switchboard.commons.tenant.TenantContext;
import io.switchboard.helpdesk.Actor;
import io.switchboard.helpdesk.Actors;
import io.switchboard.helpdesk.sla.SlaState;
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
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The active tenant's tickets. */
@Path("/api/v1/tickets")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Tickets")
@SecurityRequirement(name = "switchboard")
@Authenticated
public class TicketResource {

    private final TicketService service;
    private final TicketIntake intake;
    private final TenantContext tenantContext;
    private final Actors actors;

    public TicketResource(TicketService service, TicketIntake intake, TenantContext tenantContext, Actors actors) {
        this.service = service;
        this.intake = intake;
        this.tenantContext = tenantContext;
        this.actors = actors;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @PermissionsAllowed(Permissions.TICKETS_HANDLE)
    @Operation(
            summary = "Create a ticket",
            description = "It starts open with the tenant's next number (ACME-00042). Assigning it to someone else"
                    + " than yourself needs tickets:assign; tags must be the tenant's tags. With templateId, the"
                    + " template's subject and description (its placeholders filled from variables) and its defaults"
                    + " fill what the request leaves out. With callId or chatSessionId, the caller or visitor is the"
                    + " requester and the ticket links back to the call or chat.")
    public Response create(@NotNull TicketCreate request, @Context UriInfo uri) {
        // validated by the service as a whole, so that one answer names every invalid field
        String tenant = tenantContext.requireTenant();
        TicketView ticket = intake.create(tenant, request, actors.current(tenant));
        return Responses.created(uri, ticket.id(), ticket, ticket.version());
    }

    @GET
    @PermissionsAllowed(Permissions.TICKETS_READ)
    @Operation(
            summary = "List and search tickets",
            description = "Every filter given must hold. q searches subject, description and messages (internal"
                    + " notes only for those who see them) with web search syntax: words, \"a phrase\", -word, or;"
                    + " results carry their relevance and are sorted by it unless sort says otherwise.")
    public Page<TicketView> list(
            @Parameter(description = "Statuses, comma-separated or repeated") @QueryParam("status") List<String> status,
            @Parameter(description = "Priorities, comma-separated or repeated") @QueryParam("priority")
                    List<String> priority,
            @Parameter(description = "A user id, me, or none (unassigned)") @QueryParam("assignee") String assignee,
            @Parameter(description = "A team id, or none") @QueryParam("team") String team,
            @Parameter(description = "Tag names; the ticket must carry every one") @QueryParam("tag") List<String> tags,
            @Parameter(description = "The requester's e-mail address or contact id") @QueryParam("requester")
                    String requester,
            @QueryParam("category") String category,
            @Parameter(description = "Created at or after (RFC 3339)") @QueryParam("createdFrom") String createdFrom,
            @Parameter(description = "Created before") @QueryParam("createdTo") String createdTo,
            @QueryParam("updatedFrom") String updatedFrom,
            @QueryParam("updatedTo") String updatedTo,
            @QueryParam("dueFrom") String dueFrom,
            @QueryParam("dueTo") String dueTo,
            @Parameter(description = "true: past due and not resolved or closed; false: the others")
                    @QueryParam("overdue")
                    Boolean overdue,
            @Parameter(description = "Full-text search") @QueryParam("q") String query,
            @Parameter(description = "SLA states (active, warning, breached, met, paused), comma-separated or repeated")
                    @QueryParam("sla")
                    List<String> sla,
            @Parameter(description = "true: only deleted tickets, for restoring (tickets:manage)")
                    @QueryParam("deleted")
                    Boolean deleted,
            @QueryParam("page") Integer page,
            @QueryParam("size") Integer size,
            @Parameter(
                            description = "createdAt, updatedAt, priority, status, dueAt, number, relevance (with q);"
                                    + " -field for descending")
                    @QueryParam("sort")
                    String sort) {
        String tenant = tenantContext.requireTenant();
        Actor actor = actors.current(tenant);
        Validation validation = new Validation();
        String q = query == null || query.isBlank() ? null : query.strip();
        if (q != null && q.length() > 500) {
            validation.add("q", "must be at most 500 characters");
        }
        TicketFilter filter = new TicketFilter(
                values(status, "status", TicketStatus::of, TicketStatus.values(), validation),
                values(priority, "priority", TicketPriority::of, TicketPriority.values(), validation),
                assignee(assignee, actor, validation),
                team == null || team.equals(TicketFilter.NONE) ? null : uuid(team, "team", validation),
                TicketFilter.NONE.equals(team),
                blankToNull(requester),
                blankToNull(category),
                tags == null
                        ? List.of()
                        : tags.stream().filter(t -> !t.isBlank()).toList(),
                time(createdFrom, "createdFrom", validation),
                time(createdTo, "createdTo", validation),
                time(updatedFrom, "updatedFrom", validation),
                time(updatedTo, "updatedTo", validation),
                time(dueFrom, "dueFrom", validation),
                time(dueTo, "dueTo", validation),
                overdue,
                q,
                Boolean.TRUE.equals(deleted),
                values(sla, "sla", SlaState::of, SlaState.values(), validation));
        PageRequest request = PageRequest.of(
                page, size, sort, TicketRepository.SORTABLE, q == null ? "-createdAt" : "-relevance,-createdAt");
        if (q == null && request.sort().stream().anyMatch(o -> o.field().equals("relevance"))) {
            validation.add("sort", "relevance needs a search (q)");
        }
        validation.throwIfInvalid();
        if (filter.deleted() && !actor.mayManage()) {
            throw ProblemException.forbidden("Listing deleted tickets needs the permission tickets:manage");
        }
        return service.list(tenant, filter, request, actor);
    }

    @GET
    @Path("{id}")
    @PermissionsAllowed(Permissions.TICKETS_READ)
    @Operation(summary = "Read a ticket")
    public Response get(@PathParam("id") UUID id) {
        TicketView ticket = service.get(tenantContext.requireTenant(), id);
        return Responses.ok(ticket, ticket.version());
    }

    @GET
    @Path("by-number/{number}")
    @PermissionsAllowed(Permissions.TICKETS_READ)
    @Operation(
            summary = "Find a ticket by its number",
            description = "By the number it was given (ACME-00042), also after the tenant's prefix changed, or by its"
                    + " sequence number under the current prefix.")
    public Response byNumber(@PathParam("number") String number) {
        TicketView ticket = service.getByNumber(tenantContext.requireTenant(), number);
        return Responses.ok(ticket, ticket.version());
    }

    @PATCH
    @Path("{id}")
    @Consumes({JsonMergePatch.MEDIA_TYPE, MediaType.APPLICATION_JSON})
    @PermissionsAllowed(Permissions.TICKETS_HANDLE)
    @Operation(
            summary = "Change a ticket (JSON Merge Patch)",
            description = "Send If-Match with the ETag you read to be refused (412) when someone changed it since."
                    + " status follows the workflow (409 invalid-state-transition names the allowed next states);"
                    + " closed tickets do not change. Assigning others needs tickets:assign.")
    public Response update(
            @PathParam("id") UUID id, JsonNode patch, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        String tenant = tenantContext.requireTenant();
        TicketView ticket = service.update(tenant, id, patch, ifMatch, actors.current(tenant));
        return Responses.ok(ticket, ticket.version());
    }

    @DELETE
    @Path("{id}")
    @PermissionsAllowed(Permissions.TICKETS_MANAGE)
    @Operation(
            summary = "Delete a ticket",
            description = "Soft delete: restorable until the retention period ends, then removed with its messages.")
    public void delete(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        service.delete(tenantContext.requireTenant(), id, ifMatch);
    }

    @POST
    @Path("{id}/restore")
    @PermissionsAllowed(Permissions.TICKETS_MANAGE)
    @Operation(summary = "Restore a deleted ticket")
    public Response restore(@PathParam("id") UUID id) {
        TicketView ticket = service.restore(tenantContext.requireTenant(), id);
        return Responses.ok(ticket, ticket.version());
    }

    private static <E extends Enum<E>> List<E> values(
            List<String> raw, String name, Function<String, E> parse, E[] all, Validation validation) {
        List<E> result = new ArrayList<>();
        if (raw == null) {
            return result;
        }
        for (String entry : raw) {
            for (String part : entry.split(",")) {
                if (part.isBlank()) {
                    continue;
                }
                try {
                    result.add(parse.apply(part.strip()));
                } catch (IllegalArgumentException e) {
                    validation.add(name, "'" + part.strip() + "' is not one of " + Arrays.toString(all));
                }
            }
        }
        return result;
    }

    private static String assignee(String raw, Actor actor, Validation validation) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        if (raw.equals("me")) {
            return actor.userId();
        }
        if (raw.equals(TicketFilter.NONE)) {
            return TicketFilter.NONE;
        }
        UUID id = uuid(raw, "assignee", validation);
        return id == null ? null : id.toString();
    }

    private static UUID uuid(String raw, String name, Validation validation) {
        try {
            return UUID.fromString(raw.strip());
        } catch (IllegalArgumentException e) {
            validation.add(name, "must be an id (a UUID)" + (name.equals("assignee") ? ", me or none" : " or none"));
            return null;
        }
    }

    private static OffsetDateTime time(String raw, String name, Validation validation) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(raw.strip());
        } catch (DateTimeParseException e) {
            validation.add(name, "must be an RFC 3339 date-time such as 2026-01-31T12:00:00Z");
            return null;
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
