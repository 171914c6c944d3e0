package io.switchboard.tenant.tenant;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.security.Authenticated;
import io.switchboard.commons.api.ETags;
import io.switchboard.commons.api.JsonMergePatch;
import io.switchboard.commons.api.Page;
import io.switchboard.commons.api.PageRequest;
import io.switchboard.commons.problem.Problem;
import io.switchboard.commons.problem.ProblemException;
import io.switchboard.commons.security.Caller;
import io.switchboard.commons.security.Permissions;
import io.switchboard.commons.security.Roles;
import io.switchboard.commons.tenant.TenantContext;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
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
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Tenants: platform superadmins manage them all, members read their own, tenant admins edit their settings. */
@Path("/api/v1/tenants")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Tenants")
@SecurityRequirement(name = "switchboard")
@Authenticated
public class TenantResource {

    private final TenantService service;
    private final TenantContext tenantContext;

    public TenantResource(TenantService service, TenantContext tenantContext) {
        this.service = service;
        this.tenantContext = tenantContext;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.SUPERADMIN)
    @Operation(summary = "Create a tenant", description = "Superadmins only. Unset fields take the defaults.")
    @APIResponse(responseCode = "201", description = "Created")
    @APIResponse(
            responseCode = "400",
            description = "Invalid input; `errors` names each field",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "409",
            description = "The id is taken",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(@Valid @NotNull TenantCreate request, @jakarta.ws.rs.core.Context UriInfo uri) {
        tenantContext.enterTenant(request.id());
        TenantView created = service.create(request);
        return Response.created(uri.getAbsolutePathBuilder().path(created.id()).build())
                .tag(ETags.of(created.version()))
                .entity(created)
                .build();
    }

    @GET
    @Operation(
            summary = "List tenants",
            description = "Superadmins see every tenant; other users see the tenants they belong to.")
    public Page<TenantView> list(
            @Parameter(description = "Comma-separated statuses: active, trial, suspended, inactive")
                    @QueryParam("status")
                    String status,
            @Parameter(description = "Text the name contains (case-insensitive)") @QueryParam("name") String name,
            @Parameter(description = "true: only trials; false: no trials") @QueryParam("trial") Boolean trial,
            @Parameter(description = "Include soft-deleted tenants (superadmins)") @QueryParam("includeDeleted")
                    boolean includeDeleted,
            @QueryParam("page") Integer page,
            @QueryParam("size") Integer size,
            @Parameter(description = "Sort keys, `-` for descending, e.g. `-createdAt,name`") @QueryParam("sort")
                    String sort) {
        PageRequest pageRequest = PageRequest.of(page, size, sort, TenantRepository.SORTABLE, "name");
        Caller caller = tenantContext.requireCaller();
        TenantFilter filter = new TenantFilter(
                parseStatuses(status),
                name == null || name.isBlank() ? null : name.strip(),
                trial,
                includeDeleted && caller.superadmin());
        if (caller.superadmin()) {
            return service.list(filter, pageRequest);
        }
        return ownTenants(caller, filter, pageRequest);
    }

    @GET
    @Path("{id}")
    @Operation(summary = "Read a tenant", description = "Members of the tenant and superadmins.")
    @APIResponse(responseCode = "200", description = "The tenant; its ETag is the version")
    @APIResponse(
            responseCode = "404",
            description = "No such tenant, or not yours",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response get(@PathParam("id") String id) {
        tenantContext.enterTenant(id);
        TenantView tenant = service.find(id, tenantContext.isSuperadmin())
                .orElseThrow(() -> ProblemException.notFound("Tenant", id));
        return Response.ok(tenant).tag(ETags.of(tenant.version())).build();
    }

    @PATCH
    @Path("{id}")
    @Consumes({JsonMergePatch.MEDIA_TYPE, MediaType.APPLICATION_JSON})
    @Operation(
            summary = "Change a tenant (JSON Merge Patch)",
            description = "Fields left out stay as they are; null removes an optional field. Tenant admins may change"
                    + " the name and the settings; superadmins everything, the status along its transitions. Send"
                    + " If-Match with the ETag you read to avoid overwriting someone else's change.")
    @RequestBody(
            content =
                    @Content(
                            mediaType = JsonMergePatch.MEDIA_TYPE,
                            schema = @Schema(implementation = TenantDraft.class)))
    @APIResponse(responseCode = "200", description = "The changed tenant")
    @APIResponse(
            responseCode = "409",
            description = "Transition not allowed",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "412",
            description = "If-Match does not match the current version",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response update(
            @PathParam("id") String id, JsonNode patch, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        tenantContext.enterTenant(id);
        Caller caller = tenantContext.requireCaller();
        if (!caller.hasPermissionIn(id, Permissions.TENANT_SETTINGS)) {
            throw ProblemException.forbidden("Changing tenant '" + id + "' needs the permission "
                    + Permissions.TENANT_SETTINGS + " (tenant admins have it)");
        }
        TenantView updated = service.update(id, patch, ifMatch, caller);
        return Response.ok(updated).tag(ETags.of(updated.version())).build();
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed(Roles.SUPERADMIN)
    @Operation(
            summary = "Delete a tenant",
            description = "Soft delete: every service stops serving the tenant; it can be restored until the"
                    + " retention period ends, then it is purged.")
    @APIResponse(responseCode = "204", description = "Deleted")
    public void delete(@PathParam("id") String id) {
        tenantContext.enterTenant(id);
        service.delete(id);
    }

    @POST
    @Path("{id}/restore")
    @RolesAllowed(Roles.SUPERADMIN)
    @Operation(summary = "Restore a deleted tenant")
    public Response restore(@PathParam("id") String id) {
        tenantContext.enterTenant(id);
        TenantView restored = service.restore(id);
        return Response.ok(restored).tag(ETags.of(restored.version())).build();
    }

    /** A user's own tenants: few, so each is read under its own tenant setting and paged here. */
    private Page<TenantView> ownTenants(Caller caller, TenantFilter filter, PageRequest page) {
        List<TenantView> mine = new ArrayList<>();
        for (String id : caller.memberships().keySet()) {
            tenantContext.enterTenant(id);
            service.find(id, false).ifPresent(mine::add);
        }
        List<TenantView> matching = mine.stream()
                .filter(t -> filter.matches(t))
                .sorted(comparator(page))
                .toList();
        int from = Math.min(page.offset(), matching.size());
        int to = Math.min(from + page.size(), matching.size());
        return Page.of(matching.subList(from, to), page, matching.size());
    }

    private static Comparator<TenantView> comparator(PageRequest page) {
        Comparator<TenantView> result = null;
        for (PageRequest.SortOrder order : page.sort()) {
            Comparator<TenantView> next = switch (order.field()) {
                case "name" -> Comparator.comparing(TenantView::name, String.CASE_INSENSITIVE_ORDER);
                case "status" -> Comparator.comparing(t -> t.status().value());
                case "createdAt" -> Comparator.comparing(TenantView::createdAt);
                case "updatedAt" -> Comparator.comparing(TenantView::updatedAt);
                case "trialExpiresAt" ->
                    Comparator.comparing(TenantView::trialExpiresAt, Comparator.nullsLast(Comparator.naturalOrder()));
                default -> Comparator.comparing(TenantView::id);
            };
            next = order.ascending() ? next : next.reversed();
            result = result == null ? next : result.thenComparing(next);
        }
        Comparator<TenantView> byId = Comparator.comparing(TenantView::id);
        return result == null ? byId : result.thenComparing(byId);
    }

    private static Set<TenantStatus> parseStatuses(String value) {
        Set<TenantStatus> statuses = EnumSet.noneOf(TenantStatus.class);
        if (value == null || value.isBlank()) {
            return statuses;
        }
        for (String part : value.split(",")) {
            try {
                statuses.add(TenantStatus.of(part.strip()));
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalid("status", e.getMessage());
            }
        }
        return statuses;
    }
}
