package io.switchboard.telephony.queue;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.commons.api.ETags;
import io.switchboard.commons.api.MergePatches;
import io.switchboard.commons.api.Page;
import io.switchboard.commons.api.PageRequest;
import io.switchboard.commons.api.Times;
import io.switchboard.commons.events.EventTypes;
import io.switchboard.commons.ids.Ids;
import io.switchboard.commons.problem.FieldError;
import io.switchboard.commons.problem.Problem;
import io.switchboard.commons.problem.ProblemException;
import io.switchboard.commons.problem.ProblemType;
import io.switchboard.commons.problem.Validation;
import io.switchboard.commons.tenant.TenantDirectory;
import io.switchboard.telephony.TelephonyEvents;
import io.switchboard.telephony.ara.AraNames;
import io.switchboard.telephony.ara.AraWriter;
import io.switchboard.telephony.extension.ExtensionService;
import io.switchboard.telephony.extension.ExtensionView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Call queues and their members, held in Asterisk's realtime {@code queues} and {@code queue_members} tables that
 * app_queue reads. Needs the tenant's {@code queue} feature.
 */
@ApplicationScoped
public class QueueService {

    private static final Set<String> READ_ONLY =
            Set.of("id", "name", "asteriskName", "createdAt", "updatedAt", "version");

    /** What can be set on a member. */
    public record MemberDraft(Integer penalty, Integer wrapupTime) {}

    private final QueueRepository repository;
    private final AraWriter ara;
    private final MergePatches patches;
    private final TelephonyEvents events;
    private final TenantDirectory directory;
    private final ExtensionService extensions;

    public QueueService(
            QueueRepository repository,
            AraWriter ara,
            MergePatches patches,
            TelephonyEvents events,
            TenantDirectory directory,
            ExtensionService extensions) {
        this.repository = repository;
        this.ara = ara;
        this.patches = patches;
        this.events = events;
        this.directory = directory;
        this.extensions = extensions;
    }

    @Transactional
    public QueueView create(String tenantId, QueueCreate request) {
        directory.requireFeature(tenantId, "queue", null);
        String asteriskName = AraNames.queue(tenantId, request.name());
        if (repository.findByAsteriskName(tenantId, asteriskName).isPresent()) {
            throw new ProblemException(Problem.of(ProblemType.ALREADY_EXISTS, "Queue " + request.name() + " exists")
                    .withErrors(List.of(new FieldError("name", "is taken"))));
        }
        QueueDraft defaults =
                QueueDraft.defaults(request.displayName() == null ? request.name() : request.displayName());
        QueueDraft draft = patches.bind(
                io.switchboard.commons.api.JsonMergePatch.apply(
                        patches.nonNullTree(defaults),
                        patches.nonNullTree(request).without("name")),
                QueueDraft.class);
        validate(draft);
        Instant now = Instant.now();
        CallQueue queue = new CallQueue();
        queue.id = Ids.newId();
        queue.tenantId = tenantId;
        queue.asteriskName = asteriskName;
        queue.ringInUse = "no";
        queue.setInterfaceVar = "yes";
        // Callers neither join nor stay in a queue nobody can answer: they go to its overflow target instead.
        queue.joinEmpty = "paused,unavailable,invalid";
        queue.leaveWhenEmpty = "paused,unavailable,invalid";
        queue.createdAt = now;
        apply(draft, queue, now);
        repository.persist(queue);
        QueueView view = toView(queue);
        events.emit(EventTypes.TELEPHONY_QUEUE_CREATED, tenantId, "queue", queue.id, view);
        return view;
    }

    @Transactional
    public QueueView get(String tenantId, UUID id) {
        return toView(require(tenantId, id));
    }

    @Transactional
    public Optional<QueueView> findByName(String tenantId, String name) {
        return repository
                .findByAsteriskName(tenantId, AraNames.queue(tenantId, name))
                .map(QueueService::toView);
    }

    @Transactional
    public Page<QueueView> list(String tenantId, PageRequest page) {
        return repository.list(tenantId, page).map(QueueService::toView);
    }

    @Transactional
    public QueueView update(String tenantId, UUID id, JsonNode patch, String ifMatch) {
        CallQueue queue = require(tenantId, id);
        ETags.checkIfMatch(ifMatch, queue.version);
        MergePatches.Patched<QueueDraft> patched =
                patches.apply(toDraft(queue), patch, QueueDraft.class, READ_ONLY, toView(queue));
        if (!patched.changedAny()) {
            return toView(queue);
        }
        validate(patched.draft());
        apply(patched.draft(), queue, Instant.now());
        repository.flush();
        QueueView view = toView(queue);
        events.emit(EventTypes.TELEPHONY_QUEUE_UPDATED, tenantId, "queue", queue.id, view);
        return view;
    }

    @Transactional
    public void delete(String tenantId, UUID id) {
        CallQueue queue = require(tenantId, id);
        QueueView view = toView(queue);
        repository.deleteMembers(tenantId, queue.asteriskName);
        repository.delete(queue);
        events.emit(EventTypes.TELEPHONY_QUEUE_DELETED, tenantId, "queue", id, view);
    }

    @Transactional
    public List<QueueMemberView> members(String tenantId, UUID queueId) {
        CallQueue queue = require(tenantId, queueId);
        return repository.members(tenantId, queue.asteriskName).stream()
                .map(m -> toView(m, queue))
                .toList();
    }

    @Transactional
    public QueueMemberView addMember(String tenantId, UUID queueId, UUID extensionId, MemberDraft draft) {
        CallQueue queue = require(tenantId, queueId);
        ExtensionView extension = extensions
                .find(tenantId, extensionId)
                .orElseThrow(() -> ProblemException.invalid("extensionId", "no such extension in this tenant"));
        String iface = AraNames.pjsip(extension.endpointId());
        if (repository.member(tenantId, queue.asteriskName, iface).isPresent()) {
            throw new ProblemException(
                    ProblemType.ALREADY_EXISTS,
                    "Extension " + extension.number() + " is already a member of queue "
                            + view(queue).name());
        }
        MemberDraft values = new MemberDraft(
                draft == null || draft.penalty() == null ? 0 : draft.penalty(),
                draft == null ? null : draft.wrapupTime());
        validateMember(values);
        Instant now = Instant.now();
        QueueMember member = new QueueMember();
        member.id = Ids.newId();
        member.tenantId = tenantId;
        member.queueName = queue.asteriskName;
        member.iface = iface;
        member.stateInterface = iface;
        member.memberName = extension.displayName();
        member.uniqueId = ara.nextQueueMemberUniqueId();
        member.extensionId = extension.id();
        member.paused = 0;
        member.ringInUse = "no";
        member.createdAt = now;
        member.penalty = values.penalty();
        member.wrapupTime = values.wrapupTime();
        member.updatedAt = now;
        repository.persist(member);
        QueueMemberView view = toView(member, queue);
        events.emit(EventTypes.TELEPHONY_QUEUE_MEMBER_ADDED, tenantId, "queue_member", member.id, view);
        return view;
    }

    @Transactional
    public QueueMemberView updateMember(String tenantId, UUID queueId, UUID memberId, MemberDraft draft) {
        CallQueue queue = require(tenantId, queueId);
        QueueMember member = requireMember(tenantId, queue, memberId);
        MemberDraft values = new MemberDraft(
                draft.penalty() == null ? member.penalty : draft.penalty(),
                draft.wrapupTime() == null ? member.wrapupTime : draft.wrapupTime());
        validateMember(values);
        member.penalty = values.penalty();
        member.wrapupTime = values.wrapupTime();
        member.updatedAt = Instant.now();
        repository.flush();
        QueueMemberView view = toView(member, queue);
        events.emit(EventTypes.TELEPHONY_QUEUE_MEMBER_UPDATED, tenantId, "queue_member", member.id, view);
        return view;
    }

    @Transactional
    public void removeMember(String tenantId, UUID queueId, UUID memberId) {
        CallQueue queue = require(tenantId, queueId);
        QueueMember member = requireMember(tenantId, queue, memberId);
        QueueMemberView view = toView(member, queue);
        repository.delete(member);
        events.emit(EventTypes.TELEPHONY_QUEUE_MEMBER_REMOVED, tenantId, "queue_member", memberId, view);
    }

    /** Pauses or unpauses a member; app_queue reads the paused flag from the realtime row. */
    @Transactional
    public QueueMemberView setPaused(String tenantId, UUID queueId, UUID memberId, boolean paused, String reason) {
        CallQueue queue = require(tenantId, queueId);
        QueueMember member = requireMember(tenantId, queue, memberId);
        if (reason != null && reason.length() > 80) {
            throw ProblemException.invalid("reason", "must be at most 80 characters");
        }
        boolean was = member.paused != null && member.paused == 1;
        member.paused = paused ? 1 : 0;
        member.reasonPaused = paused ? reason : null;
        member.pausedAt = paused ? (was ? member.pausedAt : Instant.now()) : null;
        member.updatedAt = Instant.now();
        repository.flush();
        QueueMemberView view = toView(member, queue);
        if (was != paused) {
            events.emit(
                    paused ? EventTypes.TELEPHONY_QUEUE_MEMBER_PAUSED : EventTypes.TELEPHONY_QUEUE_MEMBER_UNPAUSED,
                    tenantId,
                    "queue_member",
                    member.id,
                    view);
        }
        return view;
    }

    /** The extension behind a member, to let agents pause themselves. */
    @Transactional
    public Optional<UUID> memberExtension(String tenantId, UUID memberId) {
        return repository.member(tenantId, memberId).map(m -> m.extensionId);
    }

    private CallQueue require(String tenantId, UUID id) {
        return repository.find(tenantId, id).orElseThrow(() -> ProblemException.notFound("Queue", id.toString()));
    }

    private QueueMember requireMember(String tenantId, CallQueue queue, UUID memberId) {
        return repository
                .member(tenantId, memberId)
                .filter(m -> m.queueName.equals(queue.asteriskName))
                .orElseThrow(() -> ProblemException.notFound("Queue member", memberId.toString()));
    }

    private void validate(QueueDraft draft) {
        Validation validation = new Validation();
        patches.validate(draft, validation);
        validation.throwIfInvalid();
    }

    private static void validateMember(MemberDraft draft) {
        Validation validation = new Validation();
        validation.require(draft.penalty() >= 0 && draft.penalty() <= 100, "penalty", "must be between 0 and 100");
        if (draft.wrapupTime() != null) {
            validation.require(
                    draft.wrapupTime() >= 0 && draft.wrapupTime() <= 3600,
                    "wrapupTime",
                    "must be between 0 and 3600 seconds");
        }
        validation.throwIfInvalid();
    }

    private static void apply(QueueDraft draft, CallQueue queue, Instant now) {
        queue.displayName = draft.displayName().strip();
        queue.strategy = draft.strategy();
        queue.ringTimeout = draft.ringTimeout();
        queue.maxWaitTime = draft.maxWaitTime();
        queue.maxLength = draft.maxLength();
        queue.announceFrequency = draft.announceFrequency();
        queue.musicOnHold = draft.musicOnHold();
        queue.wrapupTime = draft.wrapupTime();
        queue.updatedAt = now;
    }

    private static QueueDraft toDraft(CallQueue queue) {
        return new QueueDraft(
                queue.displayName,
                queue.strategy,
                queue.ringTimeout,
                queue.maxWaitTime,
                queue.maxLength,
                queue.announceFrequency,
                queue.musicOnHold,
                queue.wrapupTime);
    }

    private static QueueView view(CallQueue queue) {
        return toView(queue);
    }

    static QueueView toView(CallQueue queue) {
        return new QueueView(
                queue.id,
                queue.asteriskName.substring(queue.tenantId.length() + 1),
                queue.asteriskName,
                queue.displayName,
                queue.strategy,
                queue.ringTimeout,
                queue.maxWaitTime,
                queue.maxLength,
                queue.announceFrequency,
                queue.musicOnHold,
                queue.wrapupTime,
                Times.utc(queue.createdAt),
                Times.utc(queue.updatedAt),
                queue.version);
    }

    static QueueMemberView toView(QueueMember member, CallQueue queue) {
        String endpoint = member.iface.substring("PJSIP/".length());
        return new QueueMemberView(
                member.id,
                queue.id,
                toView(queue).name(),
                member.extensionId,
                endpoint.substring(member.tenantId.length() + 1),
                member.iface,
                member.memberName,
                member.penalty == null ? 0 : member.penalty,
                member.paused != null && member.paused == 1,
                member.reasonPaused,
                Times.utc(member.pausedAt),
                member.wrapupTime,
                Times.utc(member.createdAt),
                Times.utc(member.updatedAt),
                member.version);
    }
}
