package io.switchboard.commons.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.commons.problem.JsonProblems;
import io.switchboard.commons.problem.ProblemException;
import io.switchboard.commons.problem.ProblemType;
import io.switchboard.commons.problem.Validation;
import io.switchboard.commons.problem.Violations;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.Validator;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The update pattern every resource shares: the editable part of a resource is a "draft" record; a JSON Merge Patch
 * is applied to the current draft's JSON, the result is bound back (unknown fields and wrong types become field
 * problems) and validated as a whole, and the JSON paths that changed are known for authorization and events.
 */
@ApplicationScoped
public class MergePatches {

    /** The outcome of a patch: the new draft and the JSON paths (e.g. {@code settings.timezone}) that changed. */
    public record Patched<D>(D draft, List<String> changed) {
        public boolean changedAny() {
            return !changed.isEmpty();
        }

        public boolean changedUnder(String path) {
            return changed.stream().anyMatch(c -> c.equals(path) || c.startsWith(path + "."));
        }
    }

    private final ObjectMapper mapper;
    private final Validator validator;

    public MergePatches(ObjectMapper mapper, Validator validator) {
        this.mapper = mapper;
        this.validator = validator;
    }

    /**
     * Applies {@code patch} to {@code current}. Members named in {@code readOnly} may be echoed back unchanged (their
     * current values are taken from {@code currentRepresentation}); changing one is a validation problem.
     */
    public <D> Patched<D> apply(
            D current, JsonNode patch, Class<D> type, Set<String> readOnly, Object currentRepresentation) {
        ObjectNode changes = readOnly(requireObject(patch), readOnly, currentRepresentation);
        JsonNode before = mapper.valueToTree(current);
        D draft = bind(JsonMergePatch.apply(before, changes), type);
        List<String> changed = new ArrayList<>();
        diff("", before, mapper.valueToTree(draft), changed);
        return new Patched<>(draft, changed);
    }

    /** The JSON paths where two representations differ. */
    public List<String> changes(Object before, Object after) {
        List<String> changed = new ArrayList<>();
        diff("", mapper.valueToTree(before), mapper.valueToTree(after), changed);
        return changed;
    }

    /** Binds a JSON document to {@code type}; what does not fit is a problem naming the field. */
    public <D> D bind(JsonNode document, Class<D> type) {
        try {
            return mapper.treeToValue(document, type);
        } catch (JsonProcessingException e) {
            throw new ProblemException(JsonProblems.toProblem(e));
        }
    }

    /** The members of {@code value} that are set, as a tree (for merging a partial creation request onto defaults). */
    public ObjectNode nonNullTree(Object value) {
        ObjectNode tree = mapper.valueToTree(value);
        removeNulls(tree);
        return tree;
    }

    /** Adds the Bean Validation violations of {@code draft} to {@code validation}, with JSON paths as field names. */
    public void validate(Object draft, Validation validation) {
        Violations.toFieldErrors(validator.validate(draft), "").forEach(e -> validation.add(e.field(), e.message()));
    }

    private ObjectNode readOnly(ObjectNode patch, Set<String> readOnly, Object currentRepresentation) {
        ObjectNode changes = patch.deepCopy();
        JsonNode current = currentRepresentation == null ? null : mapper.valueToTree(currentRepresentation);
        Validation validation = new Validation();
        for (String field : readOnly) {
            if (changes.has(field)) {
                if (current == null || !changes.get(field).equals(current.get(field))) {
                    validation.add(field, "is read-only");
                }
                changes.remove(field);
            }
        }
        validation.throwIfInvalid();
        return changes;
    }

    private static ObjectNode requireObject(JsonNode patch) {
        if (patch == null || !patch.isObject()) {
            throw new ProblemException(
                    ProblemType.MALFORMED_REQUEST,
                    "A merge patch must be a JSON object naming the fields to change, e.g. {\"name\": \"New name\"}");
        }
        return (ObjectNode) patch;
    }

    private static void removeNulls(ObjectNode node) {
        List<String> nulls = new ArrayList<>();
        node.fields().forEachRemaining(field -> {
            if (field.getValue().isNull()) {
                nulls.add(field.getKey());
            } else if (field.getValue().isObject()) {
                removeNulls((ObjectNode) field.getValue());
            }
        });
        node.remove(nulls);
    }

    /** Collects the JSON paths where two documents differ; arrays and values compare as a whole. */
    static void diff(String path, JsonNode before, JsonNode after, List<String> changed) {
        if (before != null && after != null && before.isObject() && after.isObject()) {
            Set<String> names = new TreeSet<>();
            before.fieldNames().forEachRemaining(names::add);
            after.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                diff(path.isEmpty() ? name : path + "." + name, before.get(name), after.get(name), changed);
            }
            return;
        }
        boolean beforeMissing = before == null || before.isNull();
        boolean afterMissing = after == null || after.isNull();
        if (beforeMissing && afterMissing) {
            return;
        }
        if (beforeMissing != afterMissing || !before.equals(after)) {
            changed.add(path);
        }
    }
}
