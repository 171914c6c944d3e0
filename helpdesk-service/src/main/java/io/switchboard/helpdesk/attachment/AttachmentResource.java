package io.switchboard.helpdesk.attachment;

import io.quarkus.security.Authenticated;
import io.quarkus.security.PermissionsAllowed;
import io.switchboard.commons.security.Permissions;
import io.switchboard.commons.storage.FileNames;
import io.switchboard.commons.tenant.TenantContext;
import io.switchboard.helpdesk.Actors;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
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
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The files of a ticket of the active tenant: upload, list, metadata, download, delete. */
@Path("/api/v1/tickets/{id}/attachments")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Ticket attachments")
@SecurityRequirement(name = "switchboard")
@Authenticated
public class AttachmentResource {

    private final AttachmentService service;
    private final TenantContext tenantContext;
    private final Actors actors;

    public AttachmentResource(AttachmentService service, TenantContext tenantContext, Actors actors) {
        this.service = service;
        this.tenantContext = tenantContext;
        this.actors = actors;
    }

    @POST
    // any content type reaches the method, so that permissions and the ticket are checked first; the multipart
    // reader answers 415 problem+json for a body that is not multipart/form-data
    @PermissionsAllowed(Permissions.TICKETS_HANDLE)
    @Operation(
            summary = "Upload a file to the ticket, or to one of its messages",
            description = "multipart/form-data with the file in the part named file, and optionally messageId (a part"
                    + " before the file, or the query parameter) to attach it to a message. The type is detected from"
                    + " the bytes and must be one of the tenant's allowedAttachmentTypes (415 file-type-not-allowed),"
                    + " the size at most maxAttachmentBytes (413 file-too-large); both refusals store nothing. A file"
                    + " of the ticket is mailed with the public reply that names it in attachmentIds.")
    @RequestBody(
            required = true,
            content =
                    @Content(
                            mediaType = MediaType.MULTIPART_FORM_DATA,
                            schema = @Schema(implementation = UploadForm.class)))
    public Response upload(
            @PathParam("id") UUID ticketId,
            @QueryParam("messageId") UUID messageId,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            InputStream body,
            @Context UriInfo uri)
            throws IOException {
        String tenant = tenantContext.requireTenant();
        AttachmentView attachment =
                service.upload(tenant, ticketId, messageId, contentType, body, actors.current(tenant));
        return Response.created(uri.getAbsolutePathBuilder()
                        .path(attachment.id().toString())
                        .build())
                .entity(attachment)
                .build();
    }

    @GET
    @PermissionsAllowed(Permissions.TICKETS_READ)
    @Operation(
            summary = "The ticket's files, oldest first",
            description = "Files of internal notes only for those who handle tickets (tickets:handle).")
    public List<AttachmentView> list(@PathParam("id") UUID ticketId) {
        String tenant = tenantContext.requireTenant();
        return service.list(tenant, ticketId, actors.current(tenant));
    }

    @GET
    @Path("{attachmentId}")
    @PermissionsAllowed(Permissions.TICKETS_READ)
    @Operation(summary = "A file's metadata")
    public AttachmentView get(@PathParam("id") UUID ticketId, @PathParam("attachmentId") UUID attachmentId) {
        String tenant = tenantContext.requireTenant();
        return service.get(tenant, ticketId, attachmentId, actors.current(tenant));
    }

    @GET
    @Path("{attachmentId}/content")
    @Produces(MediaType.WILDCARD)
    @PermissionsAllowed(Permissions.TICKETS_READ)
    @Operation(
            summary = "Download a file",
            description = "As an attachment (never shown inline), with the type detected at upload and nosniff.")
    public Response content(@PathParam("id") UUID ticketId, @PathParam("attachmentId") UUID attachmentId) {
        String tenant = tenantContext.requireTenant();
        AttachmentService.Content content = service.open(tenant, ticketId, attachmentId, actors.current(tenant));
        return download(content);
    }

    @DELETE
    @Path("{attachmentId}")
    @PermissionsAllowed(Permissions.TICKETS_HANDLE)
    @Operation(summary = "Delete a file (its bytes leave the store)")
    public Response delete(@PathParam("id") UUID ticketId, @PathParam("attachmentId") UUID attachmentId) {
        String tenant = tenantContext.requireTenant();
        service.delete(tenant, ticketId, attachmentId, actors.current(tenant));
        return Response.noContent().build();
    }

    /** The upload's form, for the API documentation (the body is read as a stream, never bound to this). */
    @Schema(name = "AttachmentUpload")
    public record UploadForm(
            @Schema(
                    type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING,
                    format = "binary",
                    required = true)
            String file,

            @Schema(description = "Attach to this message of the ticket (instead of the ticket itself)")
            UUID messageId) {}

    /** A file download that browsers save and never render or sniff. */
    static Response download(AttachmentService.Content content) {
        return Response.ok(content.stream(), content.contentType())
                .header(HttpHeaders.CONTENT_LENGTH, content.size())
                .header("Content-Disposition", FileNames.contentDisposition(content.fileName()))
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "default-src 'none'; sandbox")
                .header(HttpHeaders.CACHE_CONTROL, "private, no-store")
                .build();
    }
}
