package io.switchboard.testing.ari;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * The JSON of ARI's models and events as Asterisk 22 writes them ({@code ast_channel_snapshot_to_json},
 * {@code ast_bridge_snapshot_to_json}, ...): same field names, types and optional fields.
 */
final class AriJson {

    static final ObjectMapper MAPPER = new ObjectMapper();

    /** {@code ast_json_timeval}: {@code 2026-11-24T21:30:00.123+0000}. */
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ").withZone(ZoneOffset.UTC);

    private AriJson() {}

    static String timestamp(Instant instant) {
        return TIMESTAMP.format(instant);
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static String write(Object node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static ObjectNode error(String message) {
        return object().put("message", message);
    }

    static ObjectNode channel(SimChannel ch, List<String> globalChannelVars) {
        ObjectNode json = object();
        json.put("id", ch.id);
        json.put("name", ch.name);
        json.put("state", ch.state);
        json.put("protocol_id", ch.protocolId);
        json.set("caller", nameNumber(ch.callerName, ch.callerNumber));
        json.set("connected", nameNumber(ch.connectedName, ch.connectedNumber));
        json.put("accountcode", ch.accountcode);
        ObjectNode dialplan = json.putObject("dialplan");
        dialplan.put("context", ch.context);
        dialplan.put("exten", ch.exten);
        dialplan.put("priority", ch.priority);
        dialplan.put("app_name", ch.appName);
        dialplan.put("app_data", ch.appData);
        json.put("creationtime", timestamp(ch.created));
        json.put("language", ch.language);
        if (!globalChannelVars.isEmpty() || !ch.reportableVars.isEmpty()) {
            ObjectNode vars = json.putObject("channelvars");
            for (String name : globalChannelVars) {
                vars.put(name, ch.variables.getOrDefault(name, ""));
            }
            for (String name : ch.reportableVars) {
                vars.put(name, ch.variables.getOrDefault(name, ""));
            }
        }
        if (ch.tenantId != null && !ch.tenantId.isEmpty()) {
            json.put("tenantid", ch.tenantId);
        }
        return json;
    }

    private static ObjectNode nameNumber(String name, String number) {
        return object().put("name", name).put("number", number);
    }

    static ObjectNode bridge(Pbx.Bridge bridge) {
        ObjectNode json = object();
        json.put("id", bridge.id);
        json.put("technology", bridge.technology());
        json.put("bridge_type", bridge.type);
        json.put("bridge_class", "stasis");
        json.put("creator", "Stasis");
        json.put("name", bridge.name);
        ArrayNode channels = json.putArray("channels");
        bridge.channels.forEach(ch -> channels.add(ch.id));
        json.put("creationtime", timestamp(bridge.created));
        json.put("video_mode", bridge.videoMode);
        return json;
    }

    static ObjectNode playback(Pbx.Playback playback) {
        ObjectNode json = object();
        json.put("id", playback.id);
        json.put("media_uri", playback.media.get(playback.index));
        if (playback.index < playback.media.size() - 1) {
            json.put("next_media_uri", playback.media.get(playback.index + 1));
        }
        json.put("target_uri", playback.target);
        json.put("language", playback.language);
        json.put("state", playback.state);
        return json;
    }

    static ObjectNode liveRecording(Pbx.Recording recording) {
        ObjectNode json = object();
        json.put("name", recording.name);
        json.put("format", recording.format);
        json.put("state", recording.state);
        json.put("target_uri", recording.target);
        if (recording.durationSeconds >= 0) {
            json.put("duration", recording.durationSeconds);
        }
        return json;
    }

    static ObjectNode storedRecording(SimRecording recording) {
        return object().put("name", recording.name()).put("format", recording.format());
    }

    static ObjectNode endpoint(String technology, String resource, String state, List<String> channelIds) {
        ObjectNode json = object();
        json.put("technology", technology);
        json.put("resource", resource);
        json.put("state", state);
        ArrayNode ids = json.putArray("channel_ids");
        channelIds.forEach(ids::add);
        return json;
    }

    static ObjectNode variables(Map<String, String> values) {
        ObjectNode json = object();
        values.forEach(json::put);
        return json;
    }

    /** The start of every event: {@code type} and {@code timestamp}; the emitter adds the rest. */
    static ObjectNode event(String type, Instant at) {
        return object().put("type", type).put("timestamp", timestamp(at));
    }
}
