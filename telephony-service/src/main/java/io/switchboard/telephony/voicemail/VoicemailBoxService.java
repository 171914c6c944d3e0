package io.switchboard.telephony.voicemail;

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
import io.switchboard.telephony.TelephonyEvents;
import io.switchboard.telephony.ara.AraNames;
import io.switchboard.telephony.ara.SipSecrets;
import io.switchboard.telephony.extension.ExtensionRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Voicemail boxes of a tenant: app_voicemail reads them from Asterisk's realtime table. */
@ApplicationScoped
public class VoicemailBoxService {

    /** A new box and, when it was generated, its PIN (shown this once). */
    public record Created(VoicemailBoxView box, String pin) {}

    private static final Set<String> READ_ONLY =
            Set.of("id", "mailbox", "context", "createdAt", "updatedAt", "version");

    private final VoicemailBoxRepository repository;
    private final ExtensionRepository extensions;
    private final MergePatches patches;
    private final TelephonyEvents events;

    public VoicemailBoxService(
            VoicemailBoxRepository repository,
            ExtensionRepository extensions,
            MergePatches patches,
            TelephonyEvents events) {
        this.repository = repository;
        this.extensions = extensions;
        this.patches = patches;
        this.events = events;
    }

    @Transactional
    public Created create(String tenantId, VoicemailBoxCreate request) {
        if (repository.findByMailbox(tenantId, request.mailbox()).isPresent()) {
            throw new ProblemException(
                    Problem.of(ProblemType.ALREADY_EXISTS, "Mailbox " + request.mailbox() + " already exists")
                            .withErrors(List.of(new FieldError("mailbox", "is taken"))));
        }
        VoicemailBoxDraft draft = new VoicemailBoxDraft(
                request.fullName() == null ? "Mailbox " + request.mailbox() : request.fullName(),
                request.email(),
                request.attachAudio() == null ? Boolean.TRUE : request.attachAudio(),
                request.maxMessages() == null ? 100 : request.maxMessages());
        validate(draft);
        String pin = request.pin() == null ? SipSecrets.pin(6) : request.pin();
        Instant now = Instant.now();
        VoicemailBox box = new VoicemailBox();
        box.id = Ids.newId();
        box.tenantId = tenantId;
        box.context = AraNames.voicemailContext(tenantId);
        box.mailbox = request.mailbox();
        box.pin = pin;
        box.createdAt = now;
        apply(draft, box, now);
        repository.persist(box);
        VoicemailBoxView view = toView(box);
        events.emit(EventTypes.TELEPHONY_VOICEMAIL_CREATED, tenantId, "voicemail", box.id, view);
        return new Created(view, request.pin() == null ? pin : null);
    }

    @Transactional
    public VoicemailBoxView get(String tenantId, UUID id) {
        return toView(require(tenantId, id));
    }

    @Transactional
    public Page<VoicemailBoxView> list(String tenantId, PageRequest page) {
        return repository.list(tenantId, page).map(VoicemailBoxService::toView);
    }

    @Transactional
    public VoicemailBoxView update(
            String tenantId, UUID id, com.fasterxml.jackson.databind.JsonNode patch, String ifMatch) {
        VoicemailBox box = require(tenantId, id);
        ETags.checkIfMatch(ifMatch, box.version);
        MergePatches.Patched<VoicemailBoxDraft> patched =
                patches.apply(toDraft(box), patch, VoicemailBoxDraft.class, READ_ONLY, toView(box));
        if (!patched.changedAny()) {
            return toView(box);
        }
        validate(patched.draft());
        apply(patched.draft(), box, Instant.now());
        repository.flush();
        VoicemailBoxView view = toView(box);
        events.emit(EventTypes.TELEPHONY_VOICEMAIL_UPDATED, tenantId, "voicemail", box.id, view);
        return view;
    }

    /** Sets a new PIN, or generates one when none is given; returns the generated PIN (null when one was given). */
    @Transactional
    public String resetPin(String tenantId, UUID id, String pin) {
        if (pin != null && !pin.matches(VoicemailBoxCreate.PIN)) {
            throw ProblemException.invalid("pin", "must be 4 to 12 digits");
        }
        VoicemailBox box = require(tenantId, id);
        box.pin = pin == null ? SipSecrets.pin(6) : pin;
        box.updatedAt = Instant.now();
        repository.flush();
        events.emit(EventTypes.TELEPHONY_VOICEMAIL_UPDATED, tenantId, "voicemail", box.id, toView(box));
        return pin == null ? box.pin : null;
    }

    @Transactional
    public void delete(String tenantId, UUID id) {
        VoicemailBox box = require(tenantId, id);
        if (extensions.usesVoicemail(tenantId, id)) {
            throw new ProblemException(
                    ProblemType.CONFLICT,
                    "Voicemail box " + box.mailbox + " belongs to an extension; unlink it there first");
        }
        VoicemailBoxView view = toView(box);
        repository.delete(box);
        events.emit(EventTypes.TELEPHONY_VOICEMAIL_DELETED, tenantId, "voicemail", id, view);
    }

    /** The box, for other parts of the service (a mailbox of an extension, a voicemail route). */
    @Transactional
    public java.util.Optional<VoicemailBoxView> find(String tenantId, UUID id) {
        return repository.find(tenantId, id).map(VoicemailBoxService::toView);
    }

    private VoicemailBox require(String tenantId, UUID id) {
        return repository
                .find(tenantId, id)
                .orElseThrow(() -> ProblemException.notFound("Voicemail box", id.toString()));
    }

    private void validate(VoicemailBoxDraft draft) {
        Validation validation = new Validation();
        patches.validate(draft, validation);
        validation.throwIfInvalid();
    }

    private static void apply(VoicemailBoxDraft draft, VoicemailBox box, Instant now) {
        box.fullName = draft.fullName().strip();
        box.email = draft.email();
        box.attach = draft.attachAudio() ? "yes" : "no";
        box.maxMessages = draft.maxMessages();
        box.updatedAt = now;
    }

    private static VoicemailBoxDraft toDraft(VoicemailBox box) {
        return new VoicemailBoxDraft(box.fullName, box.email, "yes".equals(box.attach), box.maxMessages);
    }

    static VoicemailBoxView toView(VoicemailBox box) {
        return new VoicemailBoxView(
                box.id,
                box.mailbox,
                box.context,
                box.fullName,
                box.email,
                "yes".equals(box.attach),
                box.maxMessages == null ? 100 : box.maxMessages,
                Times.utc(box.createdAt),
                Times.utc(box.updatedAt),
                box.version);
    }
}
