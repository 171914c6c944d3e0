package io.switchboard.routing.did;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.commons.api.ETags;
import io.switchboard.commons.api.MergePatches;
import io.switchboard.commons.api.Page;
import io.switchboard.commons.api.PageRequest;
import io.switchboard.commons.events.EventTypes;
import io.switchboard.commons.ids.Ids;
import io.switchboard.commons.problem.FieldError;
import io.switchboard.commons.problem.Problem;
import io.switchboard.commons.problem.ProblemException;
import io.switchboard.commons.problem.ProblemType;
import io.switchboard.commons.problem.Validation;
import io.switchboard.commons.security.SecretCipher;
import io.switchboard.commons.tenant.TenantDirectory;
import io.switchboard.commons.tenant.TenantEntry;
import io.switchboard.commons.webhook.WebhookSecret;
import io.switchboard.routing.RoutingEvents;
import io.switchboard.routing.route.RouteChecker;
import io.switchboard.routing.route.RoutingData;
import io.switchboard.routing.table.RoutingChanges;
import io.switchboard.routing.table.RoutingStore;
import io.switchboard.routing.target.PhoneNumbers;
import io.switchboard.routing.target.RouteTarget;
import io.switchboard.routing.target.TargetType;
import io.switchboard.routing.webhook.WebhookTargets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.hibernate.exception.ConstraintViolationException;

/**
 * Phone numbers (DIDs) of a tenant: E.164 and unique across the platform (another tenant's number is "taken", no
 * more), at most the tenant's {@code maxDids}, each with its route, SMS settings and, once a route uses a webhook, a
 * signing secret shown once and kept encrypted.
 */
@ApplicationScoped
public class DidService {

    private static final Set<String> READ_ONLY =
            Set.of("id", "number", "hasWebhookSecret", "createdAt", "updatedAt", "version");

    private final DidRepository repository;
    private final RoutingStore store;
    private final RouteChecker checker;
    private final MergePatches patches;
    private final RoutingEvents events;
    private final RoutingChanges changes;
    private final TenantDirectory directory;
    private final SecretCipher cipher;
    private final WebhookTargets webhookTargets;

    public DidService(
            DidRepository repository,
            RoutingStore store,
            RouteChecker checker,
            MergePatches patches,
            RoutingEvents events,
            RoutingChanges changes,
            TenantDirectory directory,
            SecretCipher cipher,
            WebhookTargets webhookTargets) {
        this.repository = repository;
        this.store = store;
        this.checker = checker;
        this.patches = patches;
        this.events = events;
        this.changes = changes;
        this.directory = directory;
        this.cipher = cipher;
        this.webhookTargets = webhookTargets;
    }

    /** @param mayRoute whether the caller may set routes ({@code routing:manage}) */
    @Transactional
    public DidView create(String tenantId, DidCreate request, boolean mayRoute) {
        if (request.route() != null && !mayRoute) {
            throw routeForbidden();
        }
        Optional<String> number = PhoneNumbers.e164(request.number());
        DidDraft draft = new DidDraft(
                request.status() == null ? DidStatus.ACTIVE : request.status(),
                request.description(),
                request.route(),
                Boolean.TRUE.equals(request.smsEnabled()),
                request.smsWebhookUrl());
        Validation validation = new Validation();
        if (number.isEmpty()) {
            validation.add("number", PhoneNumbers.RULE);
        }
        DidDraft checked = validate(tenantId, draft, store.load(tenantId), null, validation);

        repository.lockTenant(tenantId);
        int limit = directory
                .find(tenantId)
                .map(TenantEntry::limits)
                .map(TenantEntry.Limits::maxDids)
                .orElse(0);
        long current = repository.count(tenantId);
        if (current >= limit) {
            throw new ProblemException(Problem.of(
                            ProblemType.LIMIT_EXCEEDED,
                            "Tenant " + tenantId + " has " + current + " DIDs and may have " + limit
                                    + " (maxDids); delete one or ask a platform administrator to raise the limit")
                    .with("limit", limit)
                    .with("current", current));
        }
        if (repository.numberTaken(number.get(), null)) {
            throw taken(number.get());
        }
        Instant now = Instant.now();
        Did did = new Did();
        did.id = Ids.newId();
        did.tenantId = tenantId;
        did.number = number.get();
        did.createdAt = now;
        did.updatedAt = now;
        DidMapper.apply(checked, did);
        String secret = needsSecret(did) ? newSecret(did) : null;
        try {
            repository.persist(did);
        } catch (PersistenceException e) {
            throw isNumberTaken(e) ? taken(did.number) : e;
        }
        DidView view = DidMapper.toView(did);
        events.emit(EventTypes.ROUTING_DID_CREATED, tenantId, "did", did.id, view);
        changes.touched(tenantId);
        return view.withWebhookSecret(secret);
    }

    @Transactional
    public DidView get(String tenantId, UUID id) {
        return DidMapper.toView(require(tenantId, id));
    }

    @Transactional
    public Page<DidView> list(String tenantId, DidRepository.Filter filter, PageRequest page) {
        return repository.list(tenantId, filter, page).map(DidMapper::toView);
    }

    @Transactional
    public DidView update(String tenantId, UUID id, JsonNode patch, String ifMatch, boolean mayRoute) {
        Did did = require(tenantId, id);
        ETags.checkIfMatch(ifMatch, did.version);
        MergePatches.Patched<DidDraft> patched =
                patches.apply(DidMapper.toDraft(did), patch, DidDraft.class, READ_ONLY, DidMapper.toView(did));
        if (!patched.changedAny()) {
            return DidMapper.toView(did);
        }
        if (patched.changedUnder("route") && !mayRoute) {
            throw routeForbidden();
        }
        DidDraft checked = validate(tenantId, patched.draft(), store.load(tenantId), did, new Validation());
        DidMapper.apply(checked, did);
        did.updatedAt = Instant.now();
        String secret = did.webhookSecret == null && needsSecret(did) ? newSecret(did) : null;
        repository.flush();
        DidView view = DidMapper.toView(did);
        events.emit(EventTypes.ROUTING_DID_UPDATED, tenantId, "did", did.id, view);
        changes.touched(tenantId);
        return view.withWebhookSecret(secret);
    }

    /** A new signing secret for the DID's webhook routes, returned this once; the old one stops working. */
    @Transactional
    public DidView rotateSecret(String tenantId, UUID id) {
        Did did = require(tenantId, id);
        String secret = newSecret(did);
        did.updatedAt = Instant.now();
        repository.flush();
        DidView view = DidMapper.toView(did);
        events.emit(EventTypes.ROUTING_DID_WEBHOOK_SECRET_ROTATED, tenantId, "did", did.id, view);
        changes.touched(tenantId);
        return view.withWebhookSecret(secret);
    }

    @Transactional
    public void delete(String tenantId, UUID id) {
        Did did = require(tenantId, id);
        DidView view = DidMapper.toView(did);
        repository.delete(did);
        events.emit(EventTypes.ROUTING_DID_DELETED, tenantId, "did", id, view);
        changes.touched(tenantId);
    }

    private Did require(String tenantId, UUID id) {
        return repository.find(tenantId, id).orElseThrow(() -> ProblemException.notFound("DID", id.toString()));
    }

    private DidDraft validate(String tenantId, DidDraft draft, RoutingData data, Did current, Validation validation) {
        patches.validate(draft, validation);
        DidRoute route = checker.didRoute(draft.route(), data, validation);
        String smsUrl = draft.smsWebhookUrl() == null || draft.smsWebhookUrl().isBlank()
                ? null
                : draft.smsWebhookUrl().strip();
        if (smsUrl != null) {
            String problem = webhookTargets.problem(smsUrl);
            if (problem != null) {
                validation.add("smsWebhookUrl", problem);
            }
        }
        validation.throwIfInvalid();
        boolean turningOnSms = Boolean.TRUE.equals(draft.smsEnabled()) && (current == null || !current.smsEnabled);
        if (turningOnSms) {
            directory.requireFeature(tenantId, "sms", "smsEnabled");
        }
        return new DidDraft(draft.status(), draft.description(), route, draft.smsEnabled(), smsUrl);
    }

    private static boolean needsSecret(Did did) {
        return did.route != null && (isWebhook(did.route.target()) || isWebhook(did.route.closedTarget()));
    }

    private static boolean isWebhook(RouteTarget target) {
        return target != null && target.type() == TargetType.WEBHOOK;
    }

    private String newSecret(Did did) {
        String secret = WebhookSecret.generate().serialized();
        did.webhookSecret = cipher.encrypt(secret, did.id.toString());
        return secret;
    }

    private static ProblemException taken(String number) {
        return new ProblemException(Problem.of(ProblemType.ALREADY_EXISTS, "The number " + number + " is taken")
                .withErrors(List.of(new FieldError("number", "is taken"))));
    }

    private static ProblemException routeForbidden() {
        return new ProblemException(Problem.of(
                        ProblemType.FORBIDDEN,
                        "Setting a DID's route needs the permission routing:manage; numbers:manage covers the rest")
                .with("fields", List.of("route")));
    }

    private static boolean isNumberTaken(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConstraintViolationException violation
                    && "did_number".equals(violation.getConstraintName())) {
                return true;
            }
        }
        return false;
    }
}
