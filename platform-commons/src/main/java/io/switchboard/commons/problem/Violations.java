package io.switchboard.commons.problem;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/** Bean Validation violations as field errors named the way a client wrote the field. */
public final class Violations {

    private Violations() {}

    /** @param prefix prepended to each field path (e.g. {@code settings}), or empty */
    public static List<FieldError> toFieldErrors(
            Collection<? extends ConstraintViolation<?>> violations, String prefix) {
        List<FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<?> violation : violations) {
            String path = fieldPath(violation.getPropertyPath());
            String field = prefix.isEmpty() ? path : path.isEmpty() ? prefix : prefix + "." + path;
            errors.add(new FieldError(field, violation.getMessage()));
        }
        errors.sort(Comparator.comparing(FieldError::field).thenComparing(FieldError::message));
        return errors;
    }

    /**
     * The client-facing name of a violated property: method and body-parameter nodes are dropped
     * ({@code create.body.settings.timezone} becomes {@code settings.timezone}), a violated query or path parameter
     * keeps its own name, list elements read {@code monday[0]}.
     */
    public static String fieldPath(Path path) {
        List<Path.Node> nodes = new ArrayList<>();
        path.forEach(nodes::add);
        boolean hasProperties = nodes.stream()
                .anyMatch(n -> n.getKind() == ElementKind.PROPERTY || n.getKind() == ElementKind.CONTAINER_ELEMENT);
        StringBuilder out = new StringBuilder();
        for (Path.Node node : nodes) {
            ElementKind kind = node.getKind();
            if (kind == ElementKind.METHOD || kind == ElementKind.CONSTRUCTOR || kind == ElementKind.RETURN_VALUE) {
                continue;
            }
            if (kind == ElementKind.PARAMETER && hasProperties) {
                continue;
            }
            appendNode(out, node);
        }
        return out.toString();
    }

    private static void appendNode(StringBuilder out, Path.Node node) {
        String name = node.getName();
        if (node.isInIterable()) {
            if (node.getIndex() != null) {
                out.append('[').append(node.getIndex()).append(']');
            } else if (node.getKey() != null) {
                out.append('.').append(node.getKey());
            }
        }
        if (name != null && !name.isEmpty() && !name.startsWith("<")) {
            if (!out.isEmpty()) {
                out.append('.');
            }
            out.append(name);
        }
    }
}
