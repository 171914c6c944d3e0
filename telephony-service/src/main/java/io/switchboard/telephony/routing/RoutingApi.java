package io.switchboard.telephony.routing;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** routing-service's decision API, as telephony-service calls it with its service account's token. */
@Path("/api/v1/routing/decisions")
public interface RoutingApi {

    /**
     * The decision, {@code {decisionId, rule, action}} (see routing-service's OpenAPI document), as text: the REST
     * client's generated Jackson readers cannot bind an arbitrary JSON tree.
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    String decide(@HeaderParam("Authorization") String authorization, RoutingRequest request);
}
