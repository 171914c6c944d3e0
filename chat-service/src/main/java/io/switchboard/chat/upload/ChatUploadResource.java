package io.switchboard.chat.upload;

import io.quarkus.security.Authenticated;
import io.quarkus.security.PermissionsAllowed;
import io.switchboard.chat.Actor;
import io.switchboard.chat.Actors;
import io.switchboard.chat.message.MessageView;
import io.switchboard.chat.message.Sender;
import io.switchboard.chat.session.SessionService;
import io.switchboard.chat.widget.Widget;
import io.switchboard.chat.widget.WidgetService;
import io.switchboard.commons.problem.ProblemException;
import io.switchboard.commons.security.Permissions;
import io.switchboard.commons.storage.FileNames;
import io.switchboard.commons.tenant.TenantContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Agents' files in chats: send one into a session you handle, download any file of the tenant's sessions. */
@Path("/api/v1/chat/sessions/{id}/attachments")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Chat files")
@SecurityRequirement(name = "switchboard")
@Authenticated
public class ChatUploadResource {

    private final ChatUploadService service;
    private final SessionService sessions;
    private final WidgetService widgets;
    private final TenantContext tenantContext;
    private final Actors actors;

    public ChatUploadResource(
            ChatUploadService service,
            SessionService sessions,
            WidgetService widgets,
            TenantContext tenantContext,
            Actors actors) {
        this.service = service;
        this.sessions = sessions;
        this.widgets = widgets;
        this.tenantContext = tenantContext;
        this.actors = actors;
    }

    @POST
    // any content type reaches the method, so that permissions and the session are checked first
    @PermissionsAllowed(Permissions.CHATS_HANDLE)
    @Operation(
            summary = "Send a file in a session you handle",
            description = "multipart/form-data with the file in the part named file. Becomes an image message (for"
                    + " an image type) or a file message, with the session's next sequence number, on both sides'"
                    + " sockets. The type is detected from the bytes and must be one of the widget's"
                    + " allowedUploadTypes (415 file-type-not-allowed), the size at most its maxUploadBytes (413"
                    + " file-too-large); refusals store nothing.")
    @RequestBody(
            required = true,
            content =
                    @Content(
                            mediaType = MediaType.MULTIPART_FORM_DATA,
                            schema = @Schema(implementation = VisitorUploadResource.UploadForm.class)))
    public Response upload(
            @PathParam("id") UUID id, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, InputStream body)
            throws IOException {
        String tenant = tenantContext.requireTenant();
        Actor actor = actors.current(tenant);
        Widget widget = widgets.find(tenant, sessions.get(tenant, id).widgetId())
                .orElseThrow(() -> ProblemException.notFound("Session", id.toString()));
        MessageView message = service.upload(
                tenant,
                id,
                Sender.agent(actor.userId(), actor.name()),
                ChatUploadService.policy(widget),
                contentType,
                body);
        return Response.status(Response.Status.CREATED).entity(message).build();
    }

    @GET
    @Path("{attachmentId}/content")
    @Produces(MediaType.WILDCARD)
    @PermissionsAllowed(Permissions.CHATS_HANDLE)
    @Operation(summary = "Download a file sent in a session of the tenant")
    public Response content(@PathParam("id") UUID id, @PathParam("attachmentId") UUID attachmentId) {
        return download(service.open(tenantContext.requireTenant(), id, attachmentId));
    }

    /** A file download that browsers save and never render or sniff. */
    static Response download(ChatUploadService.Content content) {
        return Response.ok(content.stream(), content.contentType())
                .header(HttpHeaders.CONTENT_LENGTH, content.size())
                .header("Content-Disposition", FileNames.contentDisposition(content.fileName()))
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "default-src 'none'; sandbox")
                .header(HttpHeaders.CACHE_CONTROL, "private, no-store")
                .build();
    }
}
