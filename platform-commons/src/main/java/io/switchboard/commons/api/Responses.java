package io.switchboard.commons.api;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/** The responses of a versioned resource: its representation with the version as ETag. */
public final class Responses {

    private Responses() {}

    public static Response ok(Object representation, long version) {
        return Response.ok(representation).tag(ETags.of(version)).build();
    }

    /** 201 with the new resource's URL (the request URL plus its id) and its ETag. */
    public static Response created(UriInfo uri, Object id, Object representation, long version) {
        return Response.created(
                        uri.getAbsolutePathBuilder().path(String.valueOf(id)).build())
                .tag(ETags.of(version))
                .entity(representation)
                .build();
    }
}
