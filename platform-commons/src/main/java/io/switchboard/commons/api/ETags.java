package io.switchboard.commons.api;

import io.switchboard.commons.problem.ProblemException;
import io.switchboard.commons.problem.ProblemType;
import jakarta.ws.rs.core.EntityTag;

/** Strong ETags from a resource's version, and the {@code If-Match} check that guards racing updates. */
public final class ETags {

    private ETags() {}

    public static EntityTag of(long version) {
        return new EntityTag(Long.toString(version));
    }

    /**
     * Accepts a missing {@code If-Match} (last writer wins), {@code *}, or a list containing the current version;
     * anything else is a 412 telling the client to read the resource again.
     */
    public static void checkIfMatch(String ifMatch, long currentVersion) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return;
        }
        String current = "\"" + currentVersion + "\"";
        for (String candidate : ifMatch.split(",")) {
            String tag = candidate.trim();
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            if (tag.equals("*") || tag.equals(current)) {
                return;
            }
        }
        throw new ProblemException(
                ProblemType.PRECONDITION_FAILED,
                "The resource has changed since you read it (its ETag is now " + current
                        + "); read it again and reapply your change");
    }
}
