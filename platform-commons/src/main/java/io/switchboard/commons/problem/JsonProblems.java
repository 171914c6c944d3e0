package io.switchboard.commons.problem;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.util.ArrayList;
import java.util.List;

/**
 * What went wrong reading a JSON document, as a problem naming the field: used for request bodies and for documents
 * a service binds itself (a merged JSON Merge Patch).
 */
public final class JsonProblems {

    private JsonProblems() {}

    public static Problem toProblem(JsonProcessingException e) {
        if (e instanceof JsonParseException parse) {
            String where = parse.getLocation() == null
                    ? ""
                    : " at line " + parse.getLocation().getLineNr() + ", column "
                            + parse.getLocation().getColumnNr();
            return Problem.of(ProblemType.MALFORMED_REQUEST, "The request body is not valid JSON" + where);
        }
        if (!(e instanceof JsonMappingException mapping)) {
            return Problem.of(ProblemType.MALFORMED_REQUEST, "The request body could not be read as JSON");
        }
        String path = jsonPath(mapping);
        if (path.isEmpty()) {
            return Problem.of(
                    ProblemType.MALFORMED_REQUEST, "The request body is missing or is not the expected JSON object");
        }
        return ProblemException.invalid(path, message(mapping)).problem();
    }

    private static String message(JsonMappingException e) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            List<String> known = new ArrayList<>();
            unknown.getKnownPropertyIds().forEach(id -> known.add(String.valueOf(id)));
            known.sort(String::compareTo);
            return "unknown field; allowed fields: " + known;
        }
        if (e instanceof InvalidFormatException format) {
            String expected = format.getTargetType() == null ? "another value" : describe(format.getTargetType());
            Object value = format.getValue();
            return "invalid value " + (value instanceof String s ? "\"" + s + "\"" : value) + "; expected " + expected;
        }
        if (e instanceof InvalidNullException) {
            return "must not be null";
        }
        if (e.getCause() instanceof IllegalArgumentException cause && cause.getMessage() != null) {
            return cause.getMessage();
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return "wrong type; expected " + describe(mismatch.getTargetType());
        }
        return e.getOriginalMessage() == null ? "invalid value" : e.getOriginalMessage();
    }

    /** The JSON path of the offending value, e.g. {@code settings.businessHours.weekly.monday[0].start}. */
    static String jsonPath(JsonMappingException e) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!out.isEmpty()) {
                    out.append('.');
                }
                out.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        return out.toString();
    }

    private static String describe(Class<?> type) {
        if (type.isEnum()) {
            List<String> values = new ArrayList<>();
            for (Object constant : type.getEnumConstants()) {
                values.add(constant.toString());
            }
            return "one of " + values;
        }
        if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class)) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (java.time.LocalDate.class.isAssignableFrom(type)) {
            return "a date such as 2026-12-31";
        }
        if (java.time.temporal.Temporal.class.isAssignableFrom(type)) {
            return "an ISO-8601 date-time such as 2026-01-31T12:00:00Z";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        return "an object";
    }
}
