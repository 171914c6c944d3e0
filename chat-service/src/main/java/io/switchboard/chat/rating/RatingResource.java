package io.switchboard.chat.rating;

import io.switchboard.chat.session.SessionView;
import io.switchboard.chat.session.VisitorGate;
import io.switchboard.chat.session.VisitorResource;
import io.switchboard.chat.token.ChatTokens.VisitorClaims;
import io.switchboard.commons.problem.Validation;
import io.switchboard.commons.tenant.TenantDirectory;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The visitor rates an ended chat (public, with the session's token, from an allowed Origin and address). */
@Path("/api/v1/chat/public/sessions/{id}/rating")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Chat visitors")
@PermitAll
public class RatingResource {

    /** 1 to 5 stars (a whole number) and an optional comment. */
    public record RatingRequest(Number rating, String comment) {}

    private final VisitorGate gate;
    private final RatingService ratings;
    private final TenantDirectory directory;

    public RatingResource(VisitorGate gate, RatingService ratings, TenantDirectory directory) {
        this.gate = gate;
        this.ratings = ratings;
        this.directory = directory;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Rate the chat once it has ended",
            description = "Once per session, within switchboard.chat.rating-window (24 h) of its end; 409 with reason"
                    + " already_rated, session_not_ended, rating_window_closed or rating_disabled.")
    public Response rate(
            @PathParam("id") UUID id,
            @NotNull RatingRequest request,
            @HeaderParam(VisitorResource.TOKEN_HEADER) String token,
            @HeaderParam("Origin") String origin,
            @Context HttpServerRequest http) {
        VisitorClaims claims = gate.session(token, id, origin, VisitorResource.address(http));
        directory.requireWritable(claims.tenantId());
        Validation validation = new Validation();
        Number rating = request.rating();
        boolean whole = rating instanceof Integer || rating instanceof Long || rating instanceof Short;
        if (rating == null || !whole || rating.longValue() < 1 || rating.longValue() > 5) {
            validation.add("rating", "must be a whole number from 1 to 5");
        }
        String comment = request.comment() == null || request.comment().isBlank()
                ? null
                : request.comment().strip();
        if (comment != null && comment.length() > RatingService.MAX_COMMENT) {
            validation.add("comment", "must be at most " + RatingService.MAX_COMMENT + " characters");
        }
        validation.throwIfInvalid();
        SessionView rated = ratings.rate(claims.tenantId(), id, rating.intValue(), comment, Instant.now());
        return Response.status(Response.Status.CREATED).entity(rated.rating()).build();
    }
}
