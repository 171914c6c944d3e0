package io.switchboard.telephony.call;

import io.quarkus.security.Authenticated;
import io.quarkus.security.PermissionsAllowed;
import io.switchboard.commons.api.Page;
import io.switchboard.commons.api.PageRequest;
import io.switchboard.commons.problem.ProblemException;
import io.switchboard.commons.problem.Validation;
import io.switchboard.commons.security.Permissions;
import io.switchboard.commons.tenant.TenantContext;
import io.switchboard.telephony.ari.AriException;
import io.switchboard.telephony.ari.AriGateway;
import io.switchboard.telephony.extension.ExtensionService;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Call detail records of the active tenant, and their recordings. */
@Path("/api/v1/calls")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Calls")
@SecurityRequirement(name = "switchboard")
@Authenticated
public class CallResource {

    private static final Set<String> DIRECTIONS = Set.of("inbound", "internal", "outbound");
    private static final Set<String> DISPOSITIONS =
            Set.of("answered", "no_answer", "busy", "failed", "rejected", "abandoned", "voicemail");
    private static final Set<String> STATUSES = Set.of("started", "ringing", "queued", "answered", "ended");

    private final CallRepository repository;
    private final TenantContext tenantContext;
    private final AriGateway ari;
    private final CallEngine engine;
    private final ExtensionService extensions;

    public CallResource(
            CallRepository repository,
            TenantContext tenantContext,
            AriGateway ari,
            CallEngine engine,
            ExtensionService extensions) {
        this.repository = repository;
        this.tenantContext = tenantContext;
        this.ari = ari;
        this.engine = engine;
        this.extensions = extensions;
    }

    @GET
    @PermissionsAllowed(Permissions.CDR_READ)
    @Transactional
    @Operation(summary = "List calls (CDRs)", description = "Newest first unless sorted otherwise.")
    public Page<CallView> list(
            @Parameter(description = "Calls started at or after (RFC 3339)") @QueryParam("from") String from,
            @Parameter(description = "Calls started before (RFC 3339)") @QueryParam("to") String to,
            @Parameter(description = "inbound, internal or outbound") @QueryParam("direction") String direction,
            @Parameter(description = "answered, no_answer, busy, failed, rejected, abandoned, voicemail")
                    @QueryParam("disposition")
                    String disposition,
            @QueryParam("status") String status,
            @Parameter(description = "An endpoint id (extension or trunk) the call came from or went to")
                    @QueryParam("endpoint")
                    String endpoint,
            @Parameter(description = "Caller or called number contains") @QueryParam("number") String number,
            @QueryParam("recorded") Boolean recorded,
            @QueryParam("page") Integer page,
            @QueryParam("size") Integer size,
            @QueryParam("sort") String sort) {
        Validation validation = new Validation();
        Instant fromTime = time(from, "from", validation);
        Instant toTime = time(to, "to", validation);
        validation.require(direction == null || DIRECTIONS.contains(direction), "direction", "one of " + DIRECTIONS);
        validation.require(
                disposition == null || DISPOSITIONS.contains(disposition), "disposition", "one of " + DISPOSITIONS);
        validation.require(status == null || STATUSES.contains(status), "status", "one of " + STATUSES);
        validation.throwIfInvalid();
        PageRequest pageRequest = PageRequest.of(page, size, sort, CallRepository.SORTABLE, "-startedAt");
        return repository
                .list(
                        tenantContext.requireTenant(),
                        new CallRepository.Filter(
                                fromTime, toTime, direction, disposition, status, endpoint, number, recorded),
                        pageRequest)
                .map(CallView::of);
    }

    @GET
    @Path("{id}")
    @PermissionsAllowed(Permissions.CDR_READ)
    @Transactional
    @Operation(summary = "Read a call")
    public CallView get(@PathParam("id") UUID id) {
        return CallView.of(require(id));
    }

    @GET
    @Path("{id}/recording")
    @Produces("audio/wav")
    @PermissionsAllowed(Permissions.RECORDINGS_READ)
    @Transactional
    @Operation(summary = "Download the call's recording (WAV)")
    public Response recording(@PathParam("id") UUID id) {
        CallRecord record = require(id);
        if (record.recordingName == null) {
            throw ProblemException.notFound("Recording of call", id.toString());
        }
        try {
            byte[] audio = ari.storedRecording(record.recordingName);
            return Response.ok(audio, "audio/wav")
                    .header("Content-Disposition", "attachment; filename=\"" + record.recordingName + ".wav\"")
                    .build();
        } catch (AriException e) {
            if (e.status() == 404) {
                throw ProblemException.notFound("Recording of call", id.toString());
            }
            throw new ProblemException(
                    io.switchboard.commons.problem.ProblemType.SERVICE_UNAVAILABLE,
                    "The recording cannot be fetched from Asterisk now; retry later");
        }
    }

    /** Where to transfer a connected call: an extension number of the tenant. */
    public record Transfer(
            @jakarta.validation.constraints.NotBlank String target) {}

    @POST
    @Path("{id}/transfer")
    @Consumes(MediaType.APPLICATION_JSON)
    @PermissionsAllowed(Permissions.CALLS_HANDLE)
    @Transactional
    @Operation(
            summary = "Transfer a connected call to an extension (blind transfer)",
            description =
                    "202: the extension rings; the caller is connected when it answers (telephony.call.transferred).")
    public Response transfer(
            @PathParam("id") UUID id,
            @jakarta.validation.Valid @jakarta.validation.constraints.NotNull Transfer transfer) {
        String tenant = tenantContext.requireTenant();
        require(id);
        String endpoint = extensions
                .findByNumber(tenant, transfer.target())
                .map(e -> e.endpointId())
                .orElseThrow(() -> ProblemException.invalid("target", "no such extension in this tenant"));
        return switch (engine.transfer(tenant, id, endpoint)) {
            case STARTED -> Response.accepted().build();
            case NO_SUCH_CALL ->
                throw new ProblemException(
                        io.switchboard.commons.problem.ProblemType.CONFLICT, "Call " + id + " is not in progress here");
            case NOT_CONNECTED ->
                throw new ProblemException(
                        io.switchboard.commons.problem.ProblemType.CONFLICT,
                        "Call " + id + " is not connected to anyone; only connected calls can be transferred");
        };
    }

    private CallRecord require(UUID id) {
        return repository
                .find(tenantContext.requireTenant(), id)
                .orElseThrow(() -> ProblemException.notFound("Call", id.toString()));
    }

    private static Instant time(String value, String field, Validation validation) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            validation.add(field, "must be an RFC 3339 date-time such as 2026-11-24T00:00:00Z");
            return null;
        }
    }
}
