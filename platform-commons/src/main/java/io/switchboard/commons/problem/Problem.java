package io.switchboard.commons.problem;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An RFC 9457 problem detail, the body of every error response ({@code application/problem+json}). */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(
        URI type,
        String title,
        int status,
        String detail,
        URI instance,
        List<FieldError> errors,
        @JsonIgnore Map<String, Object> extensions) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public Problem {
        errors = errors == null ? List.of() : List.copyOf(errors);
        extensions = extensions == null ? Map.of() : Map.copyOf(extensions);
    }

    public static Problem of(ProblemType type, String detail) {
        return new Problem(type.uri(), type.title(), type.status(), detail, null, List.of(), Map.of());
    }

    public Problem withErrors(List<FieldError> fieldErrors) {
        return new Problem(type, title, status, detail, instance, fieldErrors, extensions);
    }

    public Problem withInstance(URI requestPath) {
        return new Problem(type, title, status, detail, requestPath, errors, extensions);
    }

    public Problem with(String name, Object value) {
        Map<String, Object> merged = new LinkedHashMap<>(extensions);
        merged.put(name, value);
        return new Problem(type, title, status, detail, instance, errors, merged);
    }

    /** Extension members (RFC 9457 section 3.2) are serialized at the top level of the object. */
    @JsonAnyGetter
    Map<String, Object> extensionMembers() {
        return extensions;
    }
}
