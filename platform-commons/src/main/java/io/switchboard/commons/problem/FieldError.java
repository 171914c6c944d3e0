package io.switchboard.commons.problem;

/** One invalid input: the JSON path of the field (or the query parameter name) and what is wrong with it. */
public record FieldError(String field, String message) {}
