package io.switchboard.helpdesk.tag;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.commons.api.ETags;
import io.switchboard.commons.api.MergePatches;
import io.switchboard.commons.api.Page;
import io.switchboard.commons.api.PageRequest;
import io.switchboard.commons.api.Times;
import io.switchboard.commons.ids.Ids;
import io.switchboard.commons.problem.FieldError;
import io.switchboard.commons.problem.Problem;
import io.switchboard.commons.problem.ProblemException;
import io.switchboard.commons.problem.ProblemType;
import io.switchboard.commons.problem.Validation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * The tenant's tag set: names unique per tenant regardless of case, optional hex colour. Deleting a tag removes it
 * from every ticket; renaming one renames it on every ticket.
 */
@ApplicationScoped
public class TagService {

    private static final Set<String> READ_ONLY = Set.of("id", "createdAt", "updatedAt", "version");

    private final TagRepository repository;
    private final MergePatches patches;

    public TagService(TagRepository repository, MergePatches patches) {
        this.repository = repository;
        this.patches = patches;
    }

    @Transactional
    public TagView create(String tenantId, TagDraft draft) {
        TagDraft checked = validate(tenantId, draft, null);
        Instant now = Instant.now();
        Tag tag = new Tag();
        tag.id = Ids.newId();
        tag.tenantId = tenantId;
        tag.createdAt = now;
        tag.updatedAt = now;
        apply(checked, tag);
        repository.persist(tag);
        return toView(tag);
    }

    @Transactional
    public TagView get(String tenantId, UUID id) {
        return toView(require(tenantId, id));
    }

    @Transactional
    public Page<TagView> list(String tenantId, String search, PageRequest page) {
        return repository.list(tenantId, search, page).map(TagService::toView);
    }

    @Transactional
    public TagView update(String tenantId, UUID id, JsonNode patch, String ifMatch) {
        Tag tag = require(tenantId, id);
        ETags.checkIfMatch(ifMatch, tag.version);
        MergePatches.Patched<TagDraft> patched =
                patches.apply(new TagDraft(tag.name, tag.color), patch, TagDraft.class, READ_ONLY, toView(tag));
        if (!patched.changedAny()) {
            return toView(tag);
        }
        apply(validate(tenantId, patched.draft(), id), tag);
        tag.updatedAt = Instant.now();
        repository.flush();
        return toView(tag);
    }

    @Transactional
    public void delete(String tenantId, UUID id) {
        repository.delete(require(tenantId, id));
    }

    private Tag require(String tenantId, UUID id) {
        return repository.find(tenantId, id).orElseThrow(() -> ProblemException.notFound("Tag", id.toString()));
    }

    private TagDraft validate(String tenantId, TagDraft draft, UUID id) {
        Validation validation = new Validation();
        patches.validate(draft, validation);
        validation.throwIfInvalid();
        if (repository.nameTaken(tenantId, draft.name(), id)) {
            throw new ProblemException(
                    Problem.of(ProblemType.ALREADY_EXISTS, "The tenant already has a tag named '" + draft.name() + "'")
                            .withErrors(List.of(new FieldError("name", "is taken"))));
        }
        return draft;
    }

    private static void apply(TagDraft draft, Tag tag) {
        tag.name = draft.name().strip();
        tag.color = draft.color() == null ? null : draft.color().toLowerCase(Locale.ROOT);
    }

    static TagView toView(Tag tag) {
        return new TagView(
                tag.id, tag.name, tag.color, Times.utc(tag.createdAt), Times.utc(tag.updatedAt), tag.version);
    }
}
