package io.switchboard.chat.upload;

import io.switchboard.chat.message.MessageView;
import io.switchboard.chat.message.Sender;
import io.switchboard.chat.session.VisitorGate;
import io.switchboard.chat.session.VisitorResource;
import io.switchboard.chat.token.ChatTokens.VisitorClaims;
import io.switchboard.chat.widget.Widget;
import io.switchboard.chat.widget.WidgetService;
import io.switchboard.commons.problem.Problem;
import io.switchboard.commons.problem.ProblemException;
import io.switchboard.commons.problem.ProblemType;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The visitor's files, public like the rest of the visitor API: the session token ({@code X-Chat-Token}) and the
 * widget's Origin and IP rules ({@link VisitorGate}) decide, and the widget must allow uploads.
 */
@Path("/api/v1/chat/public/sessions/{id}/attachments")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Chat visitors")
@PermitAll
public class VisitorUploadResource {

    /** The upload's form, for the API documentation (the body is read as a stream, never bound to this). */
    @Schema(name = "ChatUpload")
    public record UploadForm(
            @Schema(type = SchemaType.STRING, format = "binary", required = true)
            String file) {}

    private final VisitorGate gate;
    private final WidgetService widgets;
    private final ChatUploadService service;

    public VisitorUploadResource(VisitorGate gate, WidgetService widgets, ChatUploadService service) {
        this.gate = gate;
        this.widgets = widgets;
        this.service = service;
    }

    @POST
    @Operation(
            summary = "Send a file in the chat",
            description = "multipart/form-data with the file in the part named file, when the widget allows uploads"
                    + " (403 uploads_disabled otherwise). Becomes an image or file message on both sides. 413"
                    + " file-too-large and 415 file-type-not-allowed (detected from the bytes) store nothing.")
    @RequestBody(
            required = true,
            content =
                    @Content(
                            mediaType = MediaType.MULTIPART_FORM_DATA,
                            schema = @Schema(implementation = UploadForm.class)))
    public Response upload(
            @PathParam("id") UUID id,
            @HeaderParam(VisitorResource.TOKEN_HEADER) String token,
            @HeaderParam("Origin") String origin,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @Context HttpServerRequest http,
            InputStream body)
            throws IOException {
        VisitorClaims claims = gate.session(token, id, origin, address(http));
        Widget widget = widgets.find(claims.tenantId(), claims.widgetId())
                .orElseThrow(() -> ProblemException.notFound("Session", id.toString()));
        if (!Boolean.TRUE.equals(widget.config.behaviour().allowFileUpload())) {
            throw new ProblemException(Problem.of(ProblemType.FORBIDDEN, "This chat does not take files")
                    .with("reason", "uploads_disabled"));
        }
        MessageView message = service.upload(
                claims.tenantId(),
                id,
                new Sender(Sender.VISITOR, null, null),
                ChatUploadService.policy(widget),
                contentType,
                body);
        return Response.status(Response.Status.CREATED).entity(message).build();
    }

    @GET
    @Path("{attachmentId}/content")
    @Produces(MediaType.WILDCARD)
    @Operation(summary = "Download a file of the chat (either side's)")
    public Response content(
            @PathParam("id") UUID id,
            @PathParam("attachmentId") UUID attachmentId,
            @HeaderParam(VisitorResource.TOKEN_HEADER) String token,
            @HeaderParam("Origin") String origin,
            @Context HttpServerRequest http) {
        VisitorClaims claims = gate.session(token, id, origin, address(http));
        return ChatUploadResource.download(service.open(claims.tenantId(), id, attachmentId));
    }

    private static String address(HttpServerRequest http) {
        return http.remoteAddress() == null ? null : http.remoteAddress().hostAddress();
    }
}
