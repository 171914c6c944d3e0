package io.switchboard.commons.problem;

import java.util.ArrayList;
import java.util.List;

/** Collects field errors of a domain check so that a client learns every problem of a request at once. */
public final class Validation {

    private final List<FieldError> errors = new ArrayList<>();

    public Validation require(boolean condition, String field, String message) {
        if (!condition) {
            errors.add(new FieldError(field, message));
        }
        return this;
    }

    public Validation add(String field, String message) {
        errors.add(new FieldError(field, message));
        return this;
    }

    public boolean hasErrors() {
        return !errors.isEmpty();
    }

    public List<FieldError> errors() {
        return List.copyOf(errors);
    }

    /** Throws a 400 validation problem naming every collected field, if there is any. */
    public void throwIfInvalid() {
        if (hasErrors()) {
            throw ProblemException.invalid(errors);
        }
    }
}
