package io.switchboard.testing.ari;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The ARI REST resources the simulator implements, by method and path as in Asterisk 22's {@code rest-api/api-docs},
 * each validating its parameters with Asterisk's rules and messages before it changes the simulated state.
 */
final class AriRoutes {

    /** A matched route: the handler and the path variables. */
    record Match(Function<AriCall, AriReply> handler, Map<String, String> pathVars) {}

    private record Route(String method, String[] segments, Function<AriCall, AriReply> handler) {
        int literals() {
            int n = 0;
            for (String segment : segments) {
                if (!segment.startsWith("{")) {
                    n++;
                }
            }
            return n;
        }
    }

    private final List<Route> routes = new ArrayList<>();
    private final Pbx pbx;
    private final Map<String, String> globalVariables = new LinkedHashMap<>();

    AriRoutes(Pbx pbx) {
        this.pbx = pbx;
        asterisk();
        applications();
        endpoints();
        channels();
        bridges();
        playbacks();
        recordings();
        // explicit segments win over variables, as in Asterisk's handler tree
        routes.sort(Comparator.comparingInt(Route::literals).reversed());
    }

    private void route(String method, String path, Function<AriCall, AriReply> handler) {
        routes.add(new Route(method, path.substring(1).split("/"), handler));
    }

    /**
     * Finds the route of {@code segments} (the path after {@code /ari}, decoded); throws 404 if no resource has this
     * path and 405 (with the allowed methods) if the resource has no such method.
     */
    Match match(String method, List<String> segments, Set<String> allowedOut) {
        boolean pathKnown = false;
        for (Route route : routes) {
            Map<String, String> vars = matchPath(route.segments, segments);
            if (vars == null) {
                continue;
            }
            pathKnown = true;
            allowedOut.add(route.method);
            if (route.method.equals(method)) {
                return new Match(route.handler, vars);
            }
        }
        if (pathKnown) {
            throw new AriError(405, "Invalid method");
        }
        throw AriError.notFound("Resource not found");
    }

    private static Map<String, String> matchPath(String[] pattern, List<String> segments) {
        if (pattern.length != segments.size()) {
            return null;
        }
        Map<String, String> vars = new LinkedHashMap<>();
        for (int i = 0; i < pattern.length; i++) {
            String p = pattern[i];
            if (p.startsWith("{")) {
                vars.put(p.substring(1, p.length() - 1), segments.get(i));
            } else if (!p.equals(segments.get(i))) {
                return null;
            }
        }
        return vars;
    }

    /** A JSON array of {@code items}, each as {@code toJson} writes it. */
    private static <T> ArrayNode list(java.util.Collection<T> items, Function<T, JsonNode> toJson) {
        ArrayNode list = AriJson.MAPPER.createArrayNode();
        items.forEach(item -> list.add(toJson.apply(item)));
        return list;
    }

    private static AriReply notSimulated() {
        return AriReply.error(new AriError(501, "Not implemented by the ARI simulator"));
    }

    // ---------------------------------------------------------------------------------------------------------------

    private void asterisk() {
        route("GET", "/asterisk/info", call -> {
            List<String> only = call.multiParam("only");
            ObjectNode info = AriJson.object();
            if (only.isEmpty() || only.contains("build")) {
                info.putObject("build")
                        .put("os", "Linux")
                        .put("kernel", "6.1.0-simulated")
                        .put("machine", "x86_64")
                        .put("options", "BUILD_NATIVE, OPTIONAL_API")
                        .put("date", "2026-01-01 00:00:00 UTC")
                        .put("user", "switchboard");
            }
            if (only.isEmpty() || only.contains("system")) {
                info.putObject("system")
                        .put("version", AriSimulator.ASTERISK_VERSION)
                        .put("entity_id", pbx.asteriskId);
            }
            if (only.isEmpty() || only.contains("config")) {
                ObjectNode config = info.putObject("config");
                config.put("name", "");
                config.put("default_language", "en");
                config.putObject("setid").put("user", "asterisk").put("group", "asterisk");
            }
            if (only.isEmpty() || only.contains("status")) {
                info.putObject("status")
                        .put("startup_time", AriJson.timestamp(pbx.startupTime))
                        .put("last_reload_time", AriJson.timestamp(pbx.lastReloadTime));
            }
            return AriReply.ok(info);
        });
        route(
                "GET",
                "/asterisk/ping",
                call -> AriReply.ok(AriJson.object()
                        .put("ping", "pong")
                        .put("timestamp", AriJson.timestamp(Instant.now()))
                        .put("asterisk_id", pbx.asteriskId)));
        route("GET", "/asterisk/modules", call -> {
            ArrayNode list = AriJson.MAPPER.createArrayNode();
            pbx.modules.forEach(module -> list.add(module(module)));
            return AriReply.ok(list);
        });
        route("GET", "/asterisk/modules/{moduleName}", call -> {
            String module = loadedModule(call.path("moduleName"));
            if (module == null) {
                throw AriError.notFound("Module could not be found in running modules");
            }
            return AriReply.ok(module(module));
        });
        route("PUT", "/asterisk/modules/{moduleName}", call -> {
            if (loadedModule(call.path("moduleName")) == null) {
                throw AriError.notFound("Module not found in running modules");
            }
            pbx.reloadedModules.add(call.path("moduleName"));
            pbx.lastReloadTime = Instant.now();
            return AriReply.noContent();
        });
        route("GET", "/asterisk/variable", call -> {
            String variable = call.param("variable");
            if (Pbx.empty(variable)) {
                throw AriError.badRequest("Variable name is required");
            }
            return AriReply.ok(AriJson.object().put("value", globalVariables.getOrDefault(variable, "")));
        });
        route("POST", "/asterisk/variable", call -> {
            String variable = call.param("variable");
            if (Pbx.empty(variable)) {
                throw AriError.badRequest("Variable name is required");
            }
            globalVariables.put(variable, call.param("value", ""));
            return AriReply.noContent();
        });
        route("GET", "/api-docs/resources.json", call -> {
            ObjectNode resources = AriJson.object()
                    .put("apiVersion", AriSimulator.ARI_VERSION)
                    .put("swaggerVersion", "1.1")
                    .put("basePath", "/ari");
            ArrayNode apis = resources.putArray("apis");
            for (String api : List.of(
                    "asterisk",
                    "endpoints",
                    "channels",
                    "bridges",
                    "recordings",
                    "sounds",
                    "playbacks",
                    "deviceStates",
                    "mailboxes",
                    "events",
                    "applications")) {
                apis.addObject().put("path", "/api-docs/" + api + ".{format}");
            }
            return AriReply.ok(resources);
        });
    }

    private String loadedModule(String name) {
        String withSo = name.endsWith(".so") ? name : name + ".so";
        return pbx.modules.contains(withSo) ? withSo : null;
    }

    private static ObjectNode module(String name) {
        return AriJson.object()
                .put("name", name)
                .put("description", name)
                .put("use_count", 0)
                .put("status", "Running")
                .put("support_level", "core");
    }

    // ---------------------------------------------------------------------------------------------------------------

    private void applications() {
        route("GET", "/applications", call -> {
            ArrayNode list = AriJson.MAPPER.createArrayNode();
            pbx.apps.values().stream()
                    .filter(app -> app.session != null || !app.channelInterest.isEmpty())
                    .forEach(app -> list.add(application(app)));
            return AriReply.ok(list);
        });
        route("GET", "/applications/{applicationName}", call -> AriReply.ok(application(app(call))));
        route("POST", "/applications/{applicationName}/subscription", call -> {
            Pbx.App app = app(call);
            for (String source : eventSources(call)) {
                String id = source.substring(source.indexOf(':') + 1);
                switch (source.substring(0, source.indexOf(':'))) {
                    case "channel" -> {
                        if (!pbx.channels.containsKey(id)) {
                            throw AriError.unprocessable("Event source does not exist");
                        }
                        app.channelInterest.merge(id, 1, Integer::sum);
                    }
                    case "bridge" -> {
                        if (!pbx.bridges.containsKey(id)) {
                            throw AriError.unprocessable("Event source does not exist");
                        }
                        app.bridgeSubscriptions.add(id);
                    }
                    case "endpoint" -> app.endpointSubscriptions.add(id);
                    default -> throw AriError.badRequest("Invalid event source URI scheme");
                }
            }
            return AriReply.ok(application(app));
        });
        route("DELETE", "/applications/{applicationName}/subscription", call -> {
            Pbx.App app = app(call);
            for (String source : eventSources(call)) {
                String id = source.substring(source.indexOf(':') + 1);
                boolean removed = switch (source.substring(0, source.indexOf(':'))) {
                    case "channel" -> app.channelInterest.remove(id) != null;
                    case "bridge" -> app.bridgeSubscriptions.remove(id);
                    case "endpoint" -> app.endpointSubscriptions.remove(id);
                    default -> throw AriError.badRequest("Invalid event source URI scheme");
                };
                if (!removed) {
                    throw AriError.conflict("Application not subscribed to event source");
                }
            }
            return AriReply.ok(application(app));
        });
    }

    private Pbx.App app(AriCall call) {
        Pbx.App app = pbx.apps.get(call.path("applicationName"));
        if (app == null) {
            throw AriError.notFound("Application not found");
        }
        return app;
    }

    private static List<String> eventSources(AriCall call) {
        List<String> sources = call.multiParam("eventSource");
        if (sources.isEmpty()) {
            throw AriError.badRequest("Missing parameter eventSource");
        }
        for (String source : sources) {
            if (source.indexOf(':') <= 0) {
                throw AriError.badRequest("Invalid event source URI scheme");
            }
        }
        return sources;
    }

    private ObjectNode application(Pbx.App app) {
        ObjectNode json = AriJson.object().put("name", app.name);
        ArrayNode channelIds = json.putArray("channel_ids");
        app.channelInterest.keySet().forEach(channelIds::add);
        Set<String> bridgeIds = new LinkedHashSet<>(app.bridgeSubscriptions);
        for (Pbx.Bridge bridge : pbx.bridges.values()) {
            if (bridge.channels.stream().anyMatch(ch -> app.name.equals(ch.stasisApp))) {
                bridgeIds.add(bridge.id);
            }
        }
        ArrayNode bridges = json.putArray("bridge_ids");
        bridgeIds.forEach(bridges::add);
        ArrayNode endpoints = json.putArray("endpoint_ids");
        app.endpointSubscriptions.forEach(endpoints::add);
        json.putArray("device_names");
        json.putArray("events_allowed");
        json.putArray("events_disallowed");
        return json;
    }

    // ---------------------------------------------------------------------------------------------------------------

    private void endpoints() {
        route("GET", "/endpoints", call -> endpointList(null));
        route("GET", "/endpoints/{tech}", call -> {
            AriReply reply = endpointList(call.path("tech"));
            if (reply.json().isEmpty()) {
                throw AriError.notFound("No Endpoints found - invalid tech " + call.path("tech"));
            }
            return reply;
        });
        route("GET", "/endpoints/{tech}/{resource}", call -> {
            String endpoint = call.path("tech") + "/" + call.path("resource");
            boolean known = pbx.endpoints.configured().containsKey(endpoint)
                    || pbx.channels.values().stream().anyMatch(ch -> ch.endpoint.equals(endpoint))
                    || ("PJSIP".equals(call.path("tech"))
                            && pbx.endpoints.behaviourOf(endpoint).isPresent());
            if (!known) {
                throw AriError.notFound("Endpoint not found");
            }
            return AriReply.ok(endpoint(endpoint));
        });
    }

    private AriReply endpointList(String technology) {
        Set<String> names = new TreeSet<>(pbx.endpoints.configured().keySet());
        pbx.channels.values().forEach(ch -> names.add(ch.endpoint));
        ArrayNode list = AriJson.MAPPER.createArrayNode();
        for (String name : names) {
            if (technology == null || name.startsWith(technology + "/")) {
                list.add(endpoint(name));
            }
        }
        return AriReply.ok(list);
    }

    private ObjectNode endpoint(String endpoint) {
        int slash = endpoint.indexOf('/');
        String state = pbx.endpoints
                .behaviourOf(endpoint)
                .map(b -> b.kind() == EndpointBehaviour.Kind.UNAVAILABLE ? "offline" : "online")
                .orElse("unknown");
        List<String> channelIds = pbx.channels.values().stream()
                .filter(ch -> ch.endpoint.equals(endpoint))
                .map(ch -> ch.id)
                .toList();
        return AriJson.endpoint(endpoint.substring(0, slash), endpoint.substring(slash + 1), state, channelIds);
    }

    // ---------------------------------------------------------------------------------------------------------------

    private void channels() {
        route("GET", "/channels", call -> {
            return AriReply.ok(list(pbx.channels.values(), ch -> channelJson(ch)));
        });
        route("POST", "/channels", call -> originate(call, call.param("channelId"), true));
        route("POST", "/channels/{channelId}", call -> originate(call, call.path("channelId"), true));
        route("POST", "/channels/create", call -> originate(call, call.param("channelId"), false));
        route("POST", "/channels/externalMedia", call -> notSimulated());
        route("GET", "/channels/{channelId}", call -> AriReply.ok(channelJson(pbx.channel(call.path("channelId")))));
        route("DELETE", "/channels/{channelId}", call -> {
            pbx.channel(call.path("channelId"));
            String reason = call.param("reason");
            String reasonCode = call.param("reason_code");
            int cause = HangupCauses.NORMAL_CLEARING;
            if (!Pbx.empty(reason) && !Pbx.empty(reasonCode)) {
                throw AriError.badRequest("The reason and reason_code can't both be specified");
            }
            if (!Pbx.empty(reasonCode)) {
                try {
                    cause = Integer.parseInt(reasonCode.strip());
                } catch (NumberFormatException e) {
                    throw AriError.badRequest("Invalid reason for hangup reason code provided");
                }
            } else if (!Pbx.empty(reason)) {
                cause = HangupCauses.forReason(reason);
                if (cause < 0) {
                    throw AriError.badRequest("Invalid reason for hangup reason provided");
                }
            }
            pbx.hangupByApplication(call.path("channelId"), cause);
            return AriReply.noContent();
        });
        route("POST", "/channels/{channelId}/continue", call -> {
            pbx.continueInDialplan(
                    call.path("channelId"),
                    call.param("context"),
                    call.param("extension"),
                    call.longParam("priority", 0),
                    call.param("label"));
            return AriReply.noContent();
        });
        route("POST", "/channels/{channelId}/move", call -> notSimulated());
        route("POST", "/channels/{channelId}/redirect", call -> {
            pbx.redirect(call.path("channelId"), call.param("endpoint"));
            return AriReply.noContent();
        });
        route("POST", "/channels/{channelId}/answer", call -> {
            pbx.answer(call.path("channelId"));
            return AriReply.noContent();
        });
        channelFlag("/ring", (ch, on) -> ch.ringingIndicated = on);
        channelFlag("/hold", (ch, on) -> ch.onHold = on);
        channelFlag("/silence", (ch, on) -> {});
        route("POST", "/channels/{channelId}/progress", call -> {
            pbx.controlInValidState(call.path("channelId"));
            return AriReply.noContent();
        });
        route("POST", "/channels/{channelId}/moh", call -> {
            pbx.controlInValidState(call.path("channelId")).mohClass = call.param("mohClass", "default");
            return AriReply.noContent();
        });
        route("DELETE", "/channels/{channelId}/moh", call -> {
            pbx.controlInValidState(call.path("channelId")).mohClass = null;
            return AriReply.noContent();
        });
        for (String method : List.of("POST", "DELETE")) {
            route(method, "/channels/{channelId}/mute", call -> {
                pbx.controlInValidState(call.path("channelId"));
                if (!Set.of("both", "in", "out").contains(call.param("direction", "both"))) {
                    throw AriError.badRequest("Invalid direction specified");
                }
                return AriReply.noContent();
            });
        }
        route("POST", "/channels/{channelId}/dtmf", call -> {
            SimChannel ch = pbx.controlInValidState(call.path("channelId"));
            String dtmf = call.param("dtmf");
            if (Pbx.empty(dtmf)) {
                throw AriError.badRequest("DTMF is required");
            }
            ch.sentDtmf.append(dtmf);
            return AriReply.noContent();
        });
        route("POST", "/channels/{channelId}/play", call -> play(call, call.param("playbackId")));
        route("POST", "/channels/{channelId}/play/{playbackId}", call -> play(call, call.path("playbackId")));
        route("POST", "/channels/{channelId}/record", call -> {
            return record(call, pbx.control(call.path("channelId")), null);
        });
        route(
                "GET",
                "/channels/{channelId}/variable",
                call -> AriReply.ok(AriJson.object()
                        .put("value", pbx.getVariable(call.path("channelId"), call.param("variable")))));
        route("POST", "/channels/{channelId}/variable", call -> {
            pbx.setVariable(call.path("channelId"), call.param("variable"), call.param("value"));
            return AriReply.noContent();
        });
        route("POST", "/channels/{channelId}/dial", call -> {
            pbx.dial(call.path("channelId"), call.param("caller"), call.intParam("timeout", 0));
            return AriReply.noContent();
        });
        route("POST", "/channels/{channelId}/snoop", call -> notSimulated());
        route("GET", "/channels/{channelId}/rtp_statistics", call -> notSimulated());
    }

    private interface FlagSetter {
        void set(SimChannel channel, boolean on);
    }

    private void channelFlag(String suffix, FlagSetter setter) {
        route("POST", "/channels/{channelId}" + suffix, call -> {
            setter.set(pbx.controlInValidState(call.path("channelId")), true);
            return AriReply.noContent();
        });
        route("DELETE", "/channels/{channelId}" + suffix, call -> {
            setter.set(pbx.controlInValidState(call.path("channelId")), false);
            return AriReply.noContent();
        });
    }

    private ObjectNode channelJson(SimChannel ch) {
        return AriJson.channel(ch, pbx.channelVars);
    }

    private AriReply originate(AriCall call, String channelId, boolean dialNow) {
        Map<String, String> variables = new LinkedHashMap<>();
        Set<String> reportable = new LinkedHashSet<>();
        ObjectNode json = call.variables();
        if (json != null) {
            for (Map.Entry<String, JsonNode> entry : json.properties()) {
                JsonNode value = entry.getValue();
                if (value.isTextual()) {
                    variables.put(entry.getKey(), value.asText());
                } else if (value.isObject() && value.path("value").isTextual()) {
                    variables.put(entry.getKey(), value.get("value").asText());
                    if (value.path("report_events").asBoolean(false)) {
                        reportable.add(entry.getKey());
                    }
                } else if (value.isObject()) {
                    throw AriError.badRequest("Each object value in 'variables' must include string field 'value'");
                } else {
                    throw AriError.badRequest(
                            "Each value in 'variables' must be a string or an object with 'value' and optional"
                                    + " 'report_events'");
                }
            }
        }
        Pbx.Origination origination = new Pbx.Origination(
                call.param("endpoint"),
                call.param("extension"),
                call.param("context"),
                call.longParam("priority", 0),
                call.param("label"),
                call.param("app"),
                call.param("appArgs"),
                call.param("callerId"),
                call.intParam("timeout", 30),
                channelId,
                call.param("originator"),
                variables,
                reportable);
        return AriReply.ok(channelJson(pbx.originate(origination, dialNow)));
    }

    private AriReply play(AriCall call, String playbackId) {
        Pbx.Playback playback =
                pbx.play(call.path("channelId"), call.multiParam("media"), call.param("lang"), playbackId);
        return AriReply.created("/ari/playbacks/" + playback.id, AriJson.playback(playback));
    }

    /** {@code POST /channels/{id}/record} and {@code POST /bridges/{id}/record}: 201 with the LiveRecording. */
    private AriReply record(AriCall call, SimChannel channel, Pbx.Bridge bridge) {
        Pbx.Recording recording = pbx.record(
                channel,
                bridge,
                call.param("name"),
                call.param("format"),
                call.intParam("maxDurationSeconds", 0),
                call.param("ifExists", "fail"),
                call.param("terminateOn", "none"));
        return AriReply.created("/ari/recordings/live/" + recording.name, AriJson.liveRecording(recording));
    }

    // ---------------------------------------------------------------------------------------------------------------

    private void bridges() {
        route("GET", "/bridges", call -> {
            return AriReply.ok(list(pbx.bridges.values(), bridge -> AriJson.bridge(bridge)));
        });
        route(
                "POST",
                "/bridges",
                call -> AriReply.ok(AriJson.bridge(
                        pbx.createBridge(call.param("type"), call.param("bridgeId"), call.param("name")))));
        route(
                "POST",
                "/bridges/{bridgeId}",
                call -> AriReply.ok(AriJson.bridge(
                        pbx.createBridge(call.param("type"), call.path("bridgeId"), call.param("name")))));
        route("GET", "/bridges/{bridgeId}", call -> AriReply.ok(AriJson.bridge(pbx.bridge(call.path("bridgeId")))));
        route("DELETE", "/bridges/{bridgeId}", call -> {
            pbx.destroyBridge(call.path("bridgeId"));
            return AriReply.noContent();
        });
        route("POST", "/bridges/{bridgeId}/addChannel", call -> {
            pbx.addChannels(call.path("bridgeId"), call.multiParam("channel"));
            return AriReply.noContent();
        });
        route("POST", "/bridges/{bridgeId}/removeChannel", call -> {
            pbx.removeChannels(call.path("bridgeId"), call.multiParam("channel"));
            return AriReply.noContent();
        });
        route("POST", "/bridges/{bridgeId}/moh", call -> {
            pbx.bridge(call.path("bridgeId")).mohClass = call.param("mohClass", "default");
            return AriReply.noContent();
        });
        route("DELETE", "/bridges/{bridgeId}/moh", call -> {
            Pbx.Bridge bridge = pbx.bridge(call.path("bridgeId"));
            if (bridge.mohClass == null) {
                throw AriError.conflict("Bridge isn't playing music");
            }
            bridge.mohClass = null;
            return AriReply.noContent();
        });
        route("POST", "/bridges/{bridgeId}/record", call -> {
            return record(call, null, pbx.bridge(call.path("bridgeId")));
        });
        route("POST", "/bridges/{bridgeId}/play", call -> notSimulated());
        route("POST", "/bridges/{bridgeId}/play/{playbackId}", call -> notSimulated());
    }

    // ---------------------------------------------------------------------------------------------------------------

    private void playbacks() {
        route(
                "GET",
                "/playbacks/{playbackId}",
                call -> AriReply.ok(AriJson.playback(pbx.playback(call.path("playbackId")))));
        route("DELETE", "/playbacks/{playbackId}", call -> {
            pbx.stopPlayback(call.path("playbackId"));
            return AriReply.noContent();
        });
        route("POST", "/playbacks/{playbackId}/control", call -> {
            pbx.controlPlayback(call.path("playbackId"), call.param("operation"));
            return AriReply.noContent();
        });
    }

    // ---------------------------------------------------------------------------------------------------------------

    private void recordings() {
        route("GET", "/recordings/stored", call -> {
            return AriReply.ok(list(pbx.storedRecordings.values(), recording -> AriJson.storedRecording(recording)));
        });
        route(
                "GET",
                "/recordings/stored/{recordingName}",
                call -> AriReply.ok(AriJson.storedRecording(pbx.storedRecording(call.path("recordingName")))));
        route("DELETE", "/recordings/stored/{recordingName}", call -> {
            pbx.storedRecording(call.path("recordingName"));
            pbx.storedRecordings.remove(call.path("recordingName"));
            return AriReply.noContent();
        });
        route("GET", "/recordings/stored/{recordingName}/file", call -> {
            SimRecording recording = pbx.storedRecording(call.path("recordingName"));
            return AriReply.file(recording.file(), "audio/" + recording.format());
        });
        route("POST", "/recordings/stored/{recordingName}/copy", call -> {
            SimRecording source = pbx.storedRecording(call.path("recordingName"));
            String destination = call.param("destinationRecordingName");
            if (Pbx.empty(destination)) {
                throw AriError.badRequest("Invalid destination recording name");
            }
            if (pbx.storedRecordings.containsKey(destination)) {
                throw AriError.conflict("A recording with the same name already exists on the system");
            }
            SimRecording copy = new SimRecording(
                    destination, source.format(), source.target(), source.durationSeconds(), source.file());
            pbx.storedRecordings.put(destination, copy);
            return AriReply.ok(AriJson.storedRecording(copy));
        });
        route(
                "GET",
                "/recordings/live/{recordingName}",
                call -> AriReply.ok(AriJson.liveRecording(pbx.liveRecording(call.path("recordingName")))));
        route("DELETE", "/recordings/live/{recordingName}", call -> {
            pbx.finishRecording(pbx.liveRecording(call.path("recordingName")), true);
            return AriReply.noContent();
        });
        route("POST", "/recordings/live/{recordingName}/stop", call -> {
            pbx.finishRecording(pbx.liveRecording(call.path("recordingName")), false);
            return AriReply.noContent();
        });
        for (String operation : List.of("pause", "mute")) {
            for (String method : List.of("POST", "DELETE")) {
                route(method, "/recordings/live/{recordingName}/" + operation, call -> {
                    Pbx.Recording recording = pbx.liveRecording(call.path("recordingName"));
                    if (!"recording".equals(recording.state)) {
                        throw AriError.conflict("Recording not in session");
                    }
                    return AriReply.noContent();
                });
            }
        }
    }
}
