package io.switchboard.testing.ari;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The response to an ARI request: status, JSON body (null for none) or raw bytes with their content type, the
 * {@code Location} of a created resource, and the {@code Allow} header of a 405.
 */
record AriReply(int status, JsonNode json, byte[] bytes, String contentType, String location, String allow) {

    static AriReply ok(JsonNode json) {
        return new AriReply(200, json, null, null, null, null);
    }

    static AriReply created(String location, JsonNode json) {
        return new AriReply(201, json, null, null, location, null);
    }

    static AriReply noContent() {
        return new AriReply(204, null, null, null, null, null);
    }

    static AriReply file(byte[] bytes, String contentType) {
        return new AriReply(200, null, bytes, contentType, null, null);
    }

    static AriReply error(AriError error) {
        return new AriReply(
                error.status, AriJson.object().put(error.bodyField, error.getMessage()), null, null, null, null);
    }

    AriReply withAllow(String allow) {
        return new AriReply(status, json, bytes, contentType, location, allow);
    }
}
