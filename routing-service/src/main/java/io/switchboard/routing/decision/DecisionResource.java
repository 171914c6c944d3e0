package io.switchboard.routing.decision;

import io.switchboard.commons.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The decision API that telephony-service asks at call setup, with its service account's token. */
@Path("/api/v1/routing/decisions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Decisions")
@SecurityRequirement(name = "switchboard")
public class DecisionResource {

    /** The realm role of Switchboard's service accounts (client credentials), e.g. telephony-service's. */
    public static final String SERVICE = "service";

    private final DecisionService service;

    public DecisionResource(DecisionService service) {
        this.service = service;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({SERVICE, Roles.SUPERADMIN})
    @Operation(
            summary = "Decide what happens to a call",
            description = "For service accounts (realm role service) and superadmins. An inbound call is routed by the"
                    + " DID it called: its status, opening hours at the call's time and targets; a webhook target is"
                    + " asked here (its failure goes to the DID's fallback). An internal call by the number dialled."
                    + " An unknown DID, or a DID of another tenant, is a hangup with cause 1.")
    public Decision decide(@Valid @NotNull DecisionRequest request) {
        return service.decide(request);
    }
}
