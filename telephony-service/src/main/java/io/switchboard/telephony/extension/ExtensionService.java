package io.switchboard.telephony.extension;

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
import io.switchboard.telephony.ara.AraWriter.Value;
import io.switchboard.telephony.ara.Codecs;
import io.switchboard.telephony.ara.SipSecrets;
import io.switchboard.telephony.config.TelephonyConfig;
import io.switchboard.telephony.voicemail.VoicemailBoxService;
import io.switchboard.telephony.voicemail.VoicemailBoxView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Extensions (the SIP endpoints of agents' phones and softphones). Each one is an Asterisk endpoint, AOR and auth,
 * all named {@code <tenant>-<number>}, in the tenant's {@code from-internal-<tenant>} context. The SIP password is
 * stored only as Asterisk's {@code md5_cred} digest and shown once.
 */
@ApplicationScoped
public class ExtensionService {

    /** A new extension and its SIP credentials (shown this once). */
    public record Created(ExtensionView extension, SipCredentials credentials) {}

    private static final Set<String> READ_ONLY =
            Set.of("id", "number", "endpointId", "sipUsername", "createdAt", "updatedAt", "version");
    private static final int ASTERISK_ID_WIDTH = 40;

    private final ExtensionRepository repository;
    private final AraWriter ara;
    private final MergePatches patches;
    private final TelephonyEvents events;
    private final TenantDirectory directory;
    private final VoicemailBoxService voicemail;
    private final TelephonyConfig config;

    public ExtensionService(
            ExtensionRepository repository,
            AraWriter ara,
            MergePatches patches,
            TelephonyEvents events,
            TenantDirectory directory,
            VoicemailBoxService voicemail,
            TelephonyConfig config) {
        this.repository = repository;
        this.ara = ara;
        this.patches = patches;
        this.events = events;
        this.directory = directory;
        this.voicemail = voicemail;
        this.config = config;
    }

    @Transactional
    public Created create(String tenantId, ExtensionCreate request) {
        String endpointId = AraNames.extensionEndpoint(tenantId, request.number());
        if (endpointId.length() > ASTERISK_ID_WIDTH) {
            throw ProblemException.invalid(
                    "number",
                    "with the tenant id it makes the SIP user name '" + endpointId + "', longer than the "
                            + ASTERISK_ID_WIDTH + " characters Asterisk stores");
        }
        if (repository.findByNumber(tenantId, request.number()).isPresent()) {
            throw new ProblemException(
                    Problem.of(ProblemType.ALREADY_EXISTS, "Extension " + request.number() + " already exists")
                            .withErrors(List.of(new FieldError("number", "is taken"))));
        }
        boolean webrtc = Boolean.TRUE.equals(request.webrtc());
        ExtensionDraft draft = new ExtensionDraft(
                request.displayName() == null ? "Extension " + request.number() : request.displayName(),
                request.userId(),
                request.codecs() == null ? config.defaultCodecs() : request.codecs(),
                webrtc,
                request.maxContacts() == null ? (webrtc ? 3 : 1) : request.maxContacts(),
                request.voicemailBoxId());
        Optional<VoicemailBoxView> box = validate(tenantId, draft, null);

        Instant now = Instant.now();
        SipExtension extension = new SipExtension();
        extension.id = Ids.newId();
        extension.tenantId = tenantId;
        extension.number = request.number();
        extension.endpointId = endpointId;
        extension.createdAt = now;
        apply(draft, extension, now);
        repository.persist(extension);
        String password = SipSecrets.password(20);
        writeEndpoint(extension, box);
        writeAuth(extension, password);

        ExtensionView view = toView(extension);
        events.emit(EventTypes.TELEPHONY_EXTENSION_CREATED, tenantId, "extension", extension.id, view);
        return new Created(view, credentials(extension, password));
    }

    @Transactional
    public ExtensionView get(String tenantId, UUID id) {
        return toView(require(tenantId, id));
    }

    @Transactional
    public Registration registration(String tenantId, UUID id) {
        List<Registration.Contact> contacts = repository.contacts(require(tenantId, id).endpointId, Instant.now());
        return new Registration(!contacts.isEmpty(), contacts);
    }

    @Transactional
    public Page<ExtensionView> list(String tenantId, String search, PageRequest page) {
        return repository.list(tenantId, search, page).map(ExtensionService::toView);
    }

    @Transactional
    public ExtensionView update(String tenantId, UUID id, JsonNode patch, String ifMatch) {
        SipExtension extension = require(tenantId, id);
        ETags.checkIfMatch(ifMatch, extension.version);
        MergePatches.Patched<ExtensionDraft> patched =
                patches.apply(toDraft(extension), patch, ExtensionDraft.class, READ_ONLY, toView(extension));
        if (!patched.changedAny()) {
            return toView(extension);
        }
        Optional<VoicemailBoxView> box = validate(tenantId, patched.draft(), extension);
        apply(patched.draft(), extension, Instant.now());
        repository.flush();
        writeEndpoint(extension, box);
        ExtensionView view = toView(extension);
        events.emit(EventTypes.TELEPHONY_EXTENSION_UPDATED, tenantId, "extension", extension.id, view);
        return view;
    }

    /** A new SIP password; phones registered with the old one fail at their next registration. */
    @Transactional
    public SipCredentials resetCredentials(String tenantId, UUID id) {
        SipExtension extension = require(tenantId, id);
        String password = SipSecrets.password(20);
        writeAuth(extension, password);
        extension.updatedAt = Instant.now();
        repository.flush();
        events.emit(
                EventTypes.TELEPHONY_EXTENSION_CREDENTIALS_RESET,
                tenantId,
                "extension",
                extension.id,
                toView(extension));
        return credentials(extension, password);
    }

    @Transactional
    public void delete(String tenantId, UUID id) {
        SipExtension extension = require(tenantId, id);
        ExtensionView view = toView(extension);
        ara.delete("ps_endpoints", "id", extension.endpointId);
        ara.delete("ps_aors", "id", extension.endpointId);
        ara.delete("ps_auths", "id", extension.endpointId);
        ara.delete("queue_members", "interface", AraNames.pjsip(extension.endpointId));
        repository.delete(extension);
        events.emit(EventTypes.TELEPHONY_EXTENSION_DELETED, tenantId, "extension", id, view);
    }

    @Transactional
    public Optional<ExtensionView> find(String tenantId, UUID id) {
        return repository.find(tenantId, id).map(ExtensionService::toView);
    }

    /** The tenant's extension on this Asterisk endpoint, if it is one of the tenant's. */
    @Transactional
    public Optional<ExtensionView> findByEndpoint(String tenantId, String endpointId) {
        return repository.findByEndpoint(tenantId, endpointId).map(ExtensionService::toView);
    }

    /** The extension with this number in the tenant, for call routing. */
    @Transactional
    public Optional<ExtensionView> findByNumber(String tenantId, String number) {
        return repository.findByNumber(tenantId, number).map(ExtensionService::toView);
    }

    private SipExtension require(String tenantId, UUID id) {
        return repository.find(tenantId, id).orElseThrow(() -> ProblemException.notFound("Extension", id.toString()));
    }

    private Optional<VoicemailBoxView> validate(String tenantId, ExtensionDraft draft, SipExtension current) {
        Validation validation = new Validation();
        patches.validate(draft, validation);
        Codecs.check(draft.codecs(), config.codecs(), "codecs", validation);
        Optional<VoicemailBoxView> box = Optional.empty();
        if (draft.voicemailBoxId() != null) {
            box = voicemail.find(tenantId, draft.voicemailBoxId());
            validation.require(box.isPresent(), "voicemailBoxId", "no such voicemail box in this tenant");
        }
        validation.throwIfInvalid();
        boolean turningOnWebrtc = Boolean.TRUE.equals(draft.webrtc()) && (current == null || !current.webrtc);
        if (turningOnWebrtc) {
            directory.requireFeature(tenantId, "webrtc", "webrtc");
        }
        return box;
    }

    private static void apply(ExtensionDraft draft, SipExtension extension, Instant now) {
        extension.displayName = draft.displayName().strip();
        extension.userId = draft.userId();
        extension.codecs = List.copyOf(draft.codecs());
        extension.webrtc = draft.webrtc();
        extension.maxContacts = draft.maxContacts();
        extension.voicemailId = draft.voicemailBoxId();
        extension.updatedAt = now;
    }

    /** The endpoint and AOR Asterisk reads; WebRTC endpoints get the DTLS/ICE/AVPF profile through webrtc=yes. */
    private void writeEndpoint(SipExtension extension, Optional<VoicemailBoxView> box) {
        Map<String, Value> endpoint = new LinkedHashMap<>();
        endpoint.put("tenantid", Value.text(extension.tenantId));
        endpoint.put("aors", Value.text(extension.endpointId));
        endpoint.put("auth", Value.text(extension.endpointId));
        endpoint.put("context", Value.text(AraNames.internalContext(extension.tenantId)));
        endpoint.put("disallow", Value.text("all"));
        endpoint.put("allow", Value.text(String.join(",", extension.codecs)));
        endpoint.put("direct_media", Value.bool(false));
        endpoint.put("rtp_symmetric", Value.bool(true));
        endpoint.put("force_rport", Value.bool(true));
        endpoint.put("rewrite_contact", Value.bool(true));
        endpoint.put("dtmf_mode", Value.enumValue("rfc4733", "pjsip_dtmf_mode_values_v3"));
        endpoint.put("callerid", Value.text(callerId(extension.displayName, extension.number)));
        endpoint.put("accountcode", Value.text(extension.tenantId));
        endpoint.put(
                "mailboxes",
                Value.text(box.map(b -> b.mailbox() + "@" + b.context()).orElse(null)));
        endpoint.put("webrtc", Value.bool(extension.webrtc));
        endpoint.put("dtls_auto_generate_cert", Value.bool(extension.webrtc));
        endpoint.put("device_state_busy_at", Value.integer(1));
        endpoint.put("set_var", Value.text("SB_TENANT=" + extension.tenantId));
        ara.upsert("ps_endpoints", "id", extension.endpointId, endpoint);

        Map<String, Value> aor = new LinkedHashMap<>();
        aor.put("tenant_id", Value.text(extension.tenantId));
        aor.put("max_contacts", Value.integer(extension.maxContacts));
        aor.put("remove_existing", Value.bool(true));
        aor.put("qualify_frequency", Value.integer(extension.webrtc ? 0 : 60));
        aor.put(
                "mailboxes",
                Value.text(box.map(b -> b.mailbox() + "@" + b.context()).orElse(null)));
        ara.upsert("ps_aors", "id", extension.endpointId, aor);
    }

    private void writeAuth(SipExtension extension, String password) {
        Map<String, Value> auth = new LinkedHashMap<>();
        auth.put("tenant_id", Value.text(extension.tenantId));
        auth.put("auth_type", Value.enumValue("md5", "pjsip_auth_type_values_v2"));
        auth.put("username", Value.text(extension.endpointId));
        auth.put("realm", Value.text(config.sipRealm()));
        auth.put("md5_cred", Value.text(AraWriter.md5Credential(extension.endpointId, config.sipRealm(), password)));
        auth.put("password", Value.text(null));
        ara.upsert("ps_auths", "id", extension.endpointId, auth);
    }

    private SipCredentials credentials(SipExtension extension, String password) {
        return new SipCredentials(extension.endpointId, password, config.sipRealm(), config.sipDomain());
    }

    /** Asterisk's callerid column holds 40 characters: the name is shortened to fit {@code "name" <number>}. */
    static String callerId(String name, String number) {
        int room = 40 - number.length() - 5;
        String clean = name.replace("\"", "");
        return "\"" + (clean.length() > room ? clean.substring(0, room) : clean) + "\" <" + number + ">";
    }

    private static ExtensionDraft toDraft(SipExtension extension) {
        return new ExtensionDraft(
                extension.displayName,
                extension.userId,
                extension.codecs,
                extension.webrtc,
                extension.maxContacts,
                extension.voicemailId);
    }

    static ExtensionView toView(SipExtension extension) {
        return new ExtensionView(
                extension.id,
                extension.number,
                extension.endpointId,
                extension.displayName,
                extension.userId,
                extension.codecs,
                extension.webrtc,
                extension.maxContacts,
                extension.voicemailId,
                extension.endpointId,
                Times.utc(extension.createdAt),
                Times.utc(extension.updatedAt),
                extension.version);
    }
}
