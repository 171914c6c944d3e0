package io.switchboard.gateway.openapi;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The merged OpenAPI document of every service; Swagger UI (/q/swagger-ui) shows it. */
@Path("/openapi")
@Tag(name = "Gateway")
public class OpenApiResource {

    private final MergedOpenApi openApi;

    public OpenApiResource(MergedOpenApi openApi) {
        this.openApi = openApi;
    }

    @GET
    @PermitAll
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The OpenAPI document of the whole Switchboard API (every service behind the gateway)")
    public ObjectNode document() {
        return openApi.document();
    }
}
