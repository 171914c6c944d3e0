package io.switchboard.helpdesk.activity;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Stored transcripts ({@code contact_activity.transcript}) read back. */
public final class Transcripts {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Transcripts() {}

    public static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
