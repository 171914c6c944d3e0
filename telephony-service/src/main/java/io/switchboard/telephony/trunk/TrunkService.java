package io.switchboard.telephony.trunk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import io.switchboard.telephony.ara.AraWriter;
import io.switchboard.telephony.ara.AraWriter.Value;
import io.switchboard.telephony.ara.Codecs;
import io.switchboard.telephony.config.TelephonyConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * SIP trunks to carriers. A trunk is an Asterisk endpoint named {@code <tenant>-trunk-<name>} in the tenant's
 * {@code from-trunk-<tenant>} context, with an AOR pointing at the provider, outbound auth, and either an outbound
 * registration or an identify-by-IP rule. The password is stored where Asterisk needs it: as an {@code md5_cred}
 * digest when the provider's realm is given, in clear otherwise (Asterisk must answer the provider's challenge).
 */
@ApplicationScoped
public class TrunkService {

    private static final Set<String> READ_ONLY =
            Set.of("id", "name", "endpointId", "hasPassword", "createdAt", "updatedAt", "version");
    private static final Pattern HOST = Pattern.compile(
            "^(?=.{1,200}$)([a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)(\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$");

    private final TrunkRepository repository;
    private final AraWriter ara;
    private final MergePatches patches;
    private final TelephonyEvents events;
    private final TelephonyConfig config;

    public TrunkService(
            TrunkRepository repository,
            AraWriter ara,
            MergePatches patches,
            TelephonyEvents events,
            TelephonyConfig config) {
        this.repository = repository;
        this.ara = ara;
        this.patches = patches;
        this.events = events;
        this.config = config;
    }

    @Transactional
    public TrunkView create(String tenantId, TrunkCreate request) {
        if (repository.findByName(tenantId, request.name()).isPresent()) {
            throw new ProblemException(Problem.of(ProblemType.ALREADY_EXISTS, "Trunk " + request.name() + " exists")
                    .withErrors(List.of(new FieldError("name", "is taken"))));
        }
        String transport = request.transport() == null ? "udp" : request.transport();
        TrunkDraft draft = new TrunkDraft(
                request.description(),
                request.mode() == null ? "registration" : request.mode(),
                request.host(),
                request.port() == null ? ("tls".equals(transport) ? 5061 : 5060) : request.port(),
                transport,
                request.username(),
                request.realm(),
                request.fromUser(),
                request.fromDomain(),
                request.callerId(),
                request.codecs() == null ? config.defaultCodecs() : request.codecs(),
                request.allowedIps() == null ? List.of() : request.allowedIps(),
                request.nat() == null ? TrunkDraft.Nat.defaults() : request.nat());
        validate(draft, request.password(), true);

        Instant now = Instant.now();
        SipTrunk trunk = new SipTrunk();
        trunk.id = Ids.newId();
        trunk.tenantId = tenantId;
        trunk.name = request.name();
        trunk.endpointId = AraNames.trunkEndpoint(tenantId, request.name());
        trunk.createdAt = now;
        apply(draft, trunk, now);
        repository.persist(trunk);
        writeAsterisk(trunk, request.password());
        TrunkView view = toView(trunk);
        events.emit(EventTypes.TELEPHONY_TRUNK_CREATED, tenantId, "trunk", trunk.id, view);
        return view;
    }

    @Transactional
    public TrunkView get(String tenantId, UUID id) {
        return toView(require(tenantId, id));
    }

    @Transactional
    public Page<TrunkView> list(String tenantId, PageRequest page) {
        return repository.list(tenantId, page).map(TrunkService::toView);
    }

    /**
     * JSON Merge Patch; {@code password} may be given beside the other fields (it is never part of the
     * representation). Changing the user name or realm needs the password again, since only a digest may be kept.
     */
    @Transactional
    public TrunkView update(String tenantId, UUID id, JsonNode patch, String ifMatch) {
        SipTrunk trunk = require(tenantId, id);
        ETags.checkIfMatch(ifMatch, trunk.version);
        String password = null;
        JsonNode changes = patch;
        if (patch != null && patch.isObject() && patch.has("password")) {
            password = patch.get("password").isNull()
                    ? null
                    : patch.get("password").asText();
            changes = ((ObjectNode) patch).deepCopy().without("password");
        }
        MergePatches.Patched<TrunkDraft> patched =
                patches.apply(toDraft(trunk), changes, TrunkDraft.class, READ_ONLY, toView(trunk));
        if (!patched.changedAny() && password == null) {
            return toView(trunk);
        }
        boolean credentialsChanged = patched.changed().contains("username")
                || patched.changed().contains("realm")
                || patched.changed().contains("mode");
        if (credentialsChanged && password == null && patched.draft().username() != null) {
            throw ProblemException.invalid("password", "give the password again when the user name or realm changes");
        }
        validate(patched.draft(), password, false);
        apply(patched.draft(), trunk, Instant.now());
        repository.flush();
        writeAsterisk(trunk, password);
        TrunkView view = toView(trunk);
        events.emit(EventTypes.TELEPHONY_TRUNK_UPDATED, tenantId, "trunk", trunk.id, view);
        return view;
    }

    @Transactional
    public void delete(String tenantId, UUID id) {
        SipTrunk trunk = require(tenantId, id);
        TrunkView view = toView(trunk);
        removeAsterisk(trunk.endpointId);
        ara.delete("ps_endpoints", "id", trunk.endpointId);
        repository.delete(trunk);
        events.emit(EventTypes.TELEPHONY_TRUNK_DELETED, tenantId, "trunk", id, view);
    }

    /** The tenant's trunk on this Asterisk endpoint, if it is one of the tenant's. */
    @Transactional
    public Optional<TrunkView> findByEndpoint(String tenantId, String endpointId) {
        return repository.findByEndpoint(tenantId, endpointId).map(TrunkService::toView);
    }

    /** The trunk outbound calls of the tenant use: the named one, or the oldest. */
    @Transactional
    public Optional<TrunkView> outboundTrunk(String tenantId, String name) {
        if (name != null) {
            return repository.findByName(tenantId, name).map(TrunkService::toView);
        }
        return repository.all(tenantId).stream().findFirst().map(TrunkService::toView);
    }

    private SipTrunk require(String tenantId, UUID id) {
        return repository.find(tenantId, id).orElseThrow(() -> ProblemException.notFound("Trunk", id.toString()));
    }

    private void validate(TrunkDraft draft, String password, boolean creating) {
        Validation validation = new Validation();
        patches.validate(draft, validation);
        Codecs.check(draft.codecs(), config.codecs(), "codecs", validation);
        if (draft.host() != null && !HOST.matcher(draft.host()).matches() && !IpRanges.isAddress(draft.host())) {
            validation.add("host", "must be a host name or an IP address");
        }
        if ("registration".equals(draft.mode())) {
            validation.require(draft.username() != null, "username", "a registration trunk needs the user name");
            if (creating) {
                validation.require(password != null, "password", "a registration trunk needs the password");
            }
        } else if ("ip".equals(draft.mode())) {
            validation.require(
                    draft.allowedIps() != null && !draft.allowedIps().isEmpty(),
                    "allowedIps",
                    "an ip trunk needs the provider's addresses");
        }
        if (draft.allowedIps() != null) {
            for (int i = 0; i < draft.allowedIps().size(); i++) {
                if (!IpRanges.isAddressOrRange(draft.allowedIps().get(i))) {
                    validation.add(
                            "allowedIps[" + i + "]", "must be an IP address or a CIDR range such as 192.0.2.0/24");
                }
            }
        }
        if (password != null && (password.isEmpty() || password.length() > 80)) {
            validation.add("password", "must be 1 to 80 characters");
        }
        if (draft.username() != null && password != null && draft.username().isBlank()) {
            validation.add("username", "must not be blank");
        }
        validation.throwIfInvalid();
    }

    private static void apply(TrunkDraft draft, SipTrunk trunk, Instant now) {
        trunk.description = draft.description();
        trunk.mode = draft.mode();
        trunk.host = draft.host();
        trunk.port = draft.port();
        trunk.transport = draft.transport();
        trunk.username = draft.username();
        trunk.realm = draft.realm();
        trunk.fromUser = draft.fromUser();
        trunk.fromDomain = draft.fromDomain();
        trunk.callerId = draft.callerId();
        trunk.codecs = List.copyOf(draft.codecs());
        trunk.allowedIps = List.copyOf(draft.allowedIps());
        trunk.rtpSymmetric = draft.nat().rtpSymmetric();
        trunk.forceRport = draft.nat().forceRport();
        trunk.rewriteContact = draft.nat().rewriteContact();
        trunk.directMedia = draft.nat().directMedia();
        trunk.updatedAt = now;
    }

    /** Writes the trunk's Asterisk rows; {@code password} null keeps the stored credential. */
    private void writeAsterisk(SipTrunk trunk, String password) {
        String id = trunk.endpointId;
        boolean hasAuth = trunk.username != null;
        Map<String, Value> endpoint = new LinkedHashMap<>();
        endpoint.put("tenantid", Value.text(trunk.tenantId));
        endpoint.put("transport", Value.text("transport-" + trunk.transport));
        endpoint.put("aors", Value.text(id));
        endpoint.put("outbound_auth", Value.text(hasAuth ? id : null));
        endpoint.put("context", Value.text(AraNames.trunkContext(trunk.tenantId)));
        endpoint.put("disallow", Value.text("all"));
        endpoint.put("allow", Value.text(String.join(",", trunk.codecs)));
        endpoint.put("direct_media", Value.bool(trunk.directMedia));
        endpoint.put("rtp_symmetric", Value.bool(trunk.rtpSymmetric));
        endpoint.put("force_rport", Value.bool(trunk.forceRport));
        endpoint.put("rewrite_contact", Value.bool(trunk.rewriteContact));
        endpoint.put("dtmf_mode", Value.enumValue("rfc4733", "pjsip_dtmf_mode_values_v3"));
        endpoint.put("from_user", Value.text(trunk.fromUser));
        endpoint.put("from_domain", Value.text(trunk.fromDomain));
        endpoint.put("callerid", Value.text(trunk.callerId));
        endpoint.put("send_pai", Value.bool(true));
        endpoint.put("accountcode", Value.text(trunk.tenantId));
        endpoint.put("identify_by", Value.text("ip".equals(trunk.mode) ? "ip" : "username,ip"));
        endpoint.put("set_var", Value.text("SB_TENANT=" + trunk.tenantId));
        ara.upsert("ps_endpoints", "id", id, endpoint);

        Map<String, Value> aor = new LinkedHashMap<>();
        aor.put("tenant_id", Value.text(trunk.tenantId));
        aor.put("contact", Value.text("sip:" + trunk.host + ":" + trunk.port));
        aor.put("qualify_frequency", Value.integer(60));
        ara.upsert("ps_aors", "id", id, aor);

        if (hasAuth && password != null) {
            Map<String, Value> auth = new LinkedHashMap<>();
            auth.put("tenant_id", Value.text(trunk.tenantId));
            auth.put("username", Value.text(trunk.username));
            if (trunk.realm != null) {
                auth.put("auth_type", Value.enumValue("md5", "pjsip_auth_type_values_v2"));
                auth.put("realm", Value.text(trunk.realm));
                auth.put("md5_cred", Value.text(AraWriter.md5Credential(trunk.username, trunk.realm, password)));
                auth.put("password", Value.text(null));
            } else {
                auth.put("auth_type", Value.enumValue("userpass", "pjsip_auth_type_values_v2"));
                auth.put("realm", Value.text(null));
                auth.put("md5_cred", Value.text(null));
                auth.put("password", Value.text(password));
            }
            ara.upsert("ps_auths", "id", id, auth);
        } else if (!hasAuth) {
            ara.delete("ps_auths", "id", id);
        }

        if ("registration".equals(trunk.mode)) {
            Map<String, Value> registration = new LinkedHashMap<>();
            registration.put("tenant_id", Value.text(trunk.tenantId));
            registration.put("server_uri", Value.text("sip:" + trunk.host + ":" + trunk.port));
            registration.put("client_uri", Value.text("sip:" + trunk.username + "@" + trunk.host));
            registration.put("contact_user", Value.text(trunk.username));
            registration.put("outbound_auth", Value.text(id));
            registration.put("transport", Value.text("transport-" + trunk.transport));
            registration.put("retry_interval", Value.integer(60));
            registration.put("forbidden_retry_interval", Value.integer(600));
            registration.put("expiration", Value.integer(3600));
            registration.put("line", Value.bool(true));
            registration.put("endpoint", Value.text(id));
            ara.upsert("ps_registrations", "id", id, registration);
            ara.delete("ps_endpoint_id_ips", "id", id);
        } else {
            Map<String, Value> identify = new LinkedHashMap<>();
            identify.put("tenant_id", Value.text(trunk.tenantId));
            identify.put("endpoint", Value.text(id));
            identify.put("match", Value.text(String.join(",", trunk.allowedIps)));
            ara.upsert("ps_endpoint_id_ips", "id", id, identify);
            ara.delete("ps_registrations", "id", id);
        }
    }

    private void removeAsterisk(String id) {
        ara.delete("ps_registrations", "id", id);
        ara.delete("ps_endpoint_id_ips", "id", id);
        ara.delete("ps_auths", "id", id);
        ara.delete("ps_aors", "id", id);
    }

    private static TrunkDraft toDraft(SipTrunk trunk) {
        return new TrunkDraft(
                trunk.description,
                trunk.mode,
                trunk.host,
                trunk.port,
                trunk.transport,
                trunk.username,
                trunk.realm,
                trunk.fromUser,
                trunk.fromDomain,
                trunk.callerId,
                trunk.codecs,
                trunk.allowedIps,
                new TrunkDraft.Nat(trunk.rtpSymmetric, trunk.forceRport, trunk.rewriteContact, trunk.directMedia));
    }

    static TrunkView toView(SipTrunk trunk) {
        return new TrunkView(
                trunk.id,
                trunk.name,
                trunk.endpointId,
                trunk.description,
                trunk.mode,
                trunk.host,
                trunk.port,
                trunk.transport,
                trunk.username,
                trunk.username != null,
                trunk.realm,
                trunk.fromUser,
                trunk.fromDomain,
                trunk.callerId,
                trunk.codecs,
                trunk.allowedIps,
                new TrunkDraft.Nat(trunk.rtpSymmetric, trunk.forceRport, trunk.rewriteContact, trunk.directMedia),
                Times.utc(trunk.createdAt),
                Times.utc(trunk.updatedAt),
                trunk.version);
    }
}
