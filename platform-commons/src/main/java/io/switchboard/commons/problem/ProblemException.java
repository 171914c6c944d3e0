package io.switchboard.commons.problem;

import java.util.List;
import java.util.Map;

/** Thrown anywhere in a request to answer with a problem+json response; mapped by {@link ProblemMappers}. */
public class ProblemException extends RuntimeException {

    private final transient Problem problem;
    private final transient Map<String, String> headers;

    public ProblemException(Problem problem) {
        this(problem, Map.of());
    }

    public ProblemException(Problem problem, Map<String, String> headers) {
        super(problem.detail());
        this.problem = problem;
        this.headers = Map.copyOf(headers);
    }

    public ProblemException(ProblemType type, String detail) {
        this(Problem.of(type, detail));
    }

    public Problem problem() {
        return problem;
    }

    public Map<String, String> headers() {
        return headers;
    }

    public static ProblemException invalid(String field, String message) {
        return invalid(List.of(new FieldError(field, message)));
    }

    public static ProblemException invalid(List<FieldError> errors) {
        String detail = errors.size() == 1
                ? errors.get(0).field() + ": " + errors.get(0).message()
                : errors.size() + " fields are invalid; see errors";
        return new ProblemException(
                Problem.of(ProblemType.VALIDATION_FAILED, detail).withErrors(errors));
    }

    /** 422 {@code unknown-reference}: the fields name users, teams... the tenant does not have. */
    public static ProblemException unknownReference(List<FieldError> errors) {
        String detail = errors.size() == 1
                ? errors.get(0).field() + ": " + errors.get(0).message()
                : errors.size() + " fields name what does not exist; see errors";
        return new ProblemException(
                Problem.of(ProblemType.UNKNOWN_REFERENCE, detail).withErrors(errors));
    }

    public static ProblemException unknownReference(String field, String message) {
        return unknownReference(List.of(new FieldError(field, message)));
    }

    public static ProblemException notFound(String what, String id) {
        return new ProblemException(ProblemType.NOT_FOUND, what + " '" + id + "' does not exist");
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(ProblemType.FORBIDDEN, detail);
    }

    public static ProblemException conflict(ProblemType type, String detail) {
        return new ProblemException(type, detail);
    }
}
