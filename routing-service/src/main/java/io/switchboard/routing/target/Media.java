package io.switchboard.routing.target;

import io.switchboard.commons.problem.Validation;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Prompts as Asterisk media URIs: one of Asterisk's sounds ({@code sound:welcome}, {@code sound:digits/1}), a sound of
 * the tenant's own ({@code sound:custom/<tenant>/greeting}) or a recording of the tenant
 * ({@code recording:<tenant>-<uuid>}, as telephony-service names them). Another tenant's sounds and recordings are
 * refused, the same way telephony-service refuses them in a decision.
 */
public final class Media {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]+(?:/[A-Za-z0-9_-]+)*");
    private static final Pattern RECORDING_ID = Pattern.compile("[0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12}");
    private static final int MAX_LENGTH = 200;

    private Media() {}

    /** Why {@code uri} is not a prompt {@code tenantId} may play, or null when it is. */
    public static String problem(String uri, String tenantId) {
        if (uri == null || uri.isBlank()) {
            return "must be a media URI such as sound:welcome";
        }
        if (uri.length() > MAX_LENGTH) {
            return "must be at most " + MAX_LENGTH + " characters";
        }
        if (uri.startsWith("sound:")) {
            String sound = uri.substring("sound:".length());
            if (!NAME.matcher(sound).matches()) {
                return "must name a sound: letters, digits, _ and - in /-separated parts";
            }
            if (sound.startsWith("custom/") && !sound.startsWith("custom/" + tenantId + "/")) {
                return "custom sounds must be the tenant's own (sound:custom/" + tenantId + "/...)";
            }
            return null;
        }
        if (uri.startsWith("recording:")) {
            String recording = uri.substring("recording:".length());
            if (!recording.startsWith(tenantId + "-")
                    || !RECORDING_ID
                            .matcher(recording.substring(tenantId.length() + 1))
                            .matches()) {
                return "must be a recording of the tenant (recording:" + tenantId + "-<uuid>)";
            }
            return null;
        }
        return "must be sound:<name> or recording:<name>";
    }

    /** Adds a problem for each element of {@code uris} that is not playable, under {@code field[i]}. */
    public static void check(List<String> uris, String tenantId, String field, Validation v) {
        if (uris == null) {
            return;
        }
        for (int i = 0; i < uris.size(); i++) {
            String problem = problem(uris.get(i), tenantId);
            if (problem != null) {
                v.add(field + "[" + i + "]", problem);
            }
        }
    }
}
