package io.switchboard.tenant.tenant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.commons.api.ETags;
import io.switchboard.commons.api.JsonMergePatch;
import io.switchboard.commons.api.MergePatches;
import io.switchboard.commons.api.Page;
import io.switchboard.commons.api.PageRequest;
import io.switchboard.commons.events.EventTypes;
import io.switchboard.commons.events.Topics;
import io.switchboard.commons.outbox.Outbox;
import io.switchboard.commons.outbox.OutboxMessage;
import io.switchboard.commons.problem.Problem;
import io.switchboard.commons.problem.ProblemException;
import io.switchboard.commons.problem.ProblemType;
import io.switchboard.commons.problem.Validation;
import io.switchboard.commons.security.Caller;
import io.switchboard.commons.tenant.CrossTenant;
import io.switchboard.commons.tenant.TenantIds;
import io.switchboard.tenant.config.TenantServiceConfig;
import io.switchboard.tenant.tenant.TenantEvents.TenantCreated;
import io.switchboard.tenant.tenant.TenantEvents.TenantDeleted;
import io.switchboard.tenant.tenant.TenantEvents.TenantPurged;
import io.switchboard.tenant.tenant.TenantEvents.TenantRestored;
import io.switchboard.tenant.tenant.TenantEvents.TenantStatusChanged;
import io.switchboard.tenant.tenant.TenantEvents.TenantUpdated;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.hibernate.exception.ConstraintViolationException;

/** The rules of the tenant lifecycle; each change commits with its event in the outbox. */
@ApplicationScoped
public class TenantService {

    /** What a tenant admin may change of their own tenant; the rest is the platform's. */
    private static final List<String> TENANT_ADMIN_FIELDS = List.of("name", "settings");
    /** Fields of the representation that a client may send back unchanged but never change. */
    private static final Set<String> READ_ONLY = Set.of("id", "createdAt", "updatedAt", "deletedAt", "version");

    private final TenantRepository repository;
    private final Outbox outbox;
    private final ObjectMapper mapper;
    private final MergePatches patches;
    private final TenantServiceConfig config;

    public TenantService(
            TenantRepository repository,
            Outbox outbox,
            ObjectMapper mapper,
            MergePatches patches,
            TenantServiceConfig config) {
        this.repository = repository;
        this.outbox = outbox;
        this.mapper = mapper;
        this.patches = patches;
        this.config = config;
    }

    @Transactional
    public TenantView create(TenantCreate request) {
        if (TenantIds.RESERVED.contains(request.id())) {
            throw ProblemException.invalid("id", "'" + request.id() + "' is reserved; choose another id");
        }
        repository.find(request.id()).ifPresent(existing -> {
            throw alreadyExists(existing);
        });
        Instant now = Instant.now();
        TenantStatus status = request.status() != null
                ? request.status()
                : request.trialExpiresAt() != null ? TenantStatus.TRIAL : TenantStatus.ACTIVE;
        if (status != TenantStatus.ACTIVE && status != TenantStatus.TRIAL) {
            throw ProblemException.invalid("status", "a new tenant is active or trial");
        }
        var defaultLimits = config.defaultLimits();
        TenantDraft defaults = new TenantDraft(
                null,
                status,
                null,
                status == TenantStatus.TRIAL ? now.plus(config.defaultTrial()).atOffset(ZoneOffset.UTC) : null,
                new Limits(defaultLimits.maxAgents(), defaultLimits.maxDids(), defaultLimits.maxConcurrentCalls()),
                Features.defaults(),
                TenantSettings.defaults());
        ObjectNode requested = patches.nonNullTree(request);
        requested.remove("id");
        requested.remove("status");
        TenantDraft draft = utcTrial(
                patches.bind(JsonMergePatch.apply(mapper.valueToTree(defaults), requested), TenantDraft.class));
        validate(draft, true, now);

        Tenant tenant = new Tenant();
        tenant.id = request.id();
        TenantMapper.apply(draft, tenant);
        tenant.createdAt = now;
        tenant.updatedAt = now;
        try {
            repository.persist(tenant);
        } catch (PersistenceException e) {
            if (e instanceof ConstraintViolationException || e.getCause() instanceof ConstraintViolationException) {
                throw new ProblemException(
                        ProblemType.ALREADY_EXISTS, "A tenant with id '" + request.id() + "' already exists");
            }
            throw e;
        }
        TenantView view = TenantMapper.toView(tenant);
        emit(EventTypes.TENANT_CREATED, tenant, new TenantCreated(view));
        return view;
    }

    /** The tenant, if the transaction may see it; a deleted one only when asked for. */
    @Transactional
    public Optional<TenantView> find(String id, boolean includeDeleted) {
        return repository.find(id).filter(t -> includeDeleted || !t.isDeleted()).map(TenantMapper::toView);
    }

    /** Every tenant of the platform, for superadmins. */
    @CrossTenant
    @Transactional
    public Page<TenantView> list(TenantFilter filter, PageRequest page) {
        return repository.search(filter, page).map(TenantMapper::toView);
    }

    /**
     * Applies a JSON Merge Patch (RFC 7396). Tenant admins may change the name and settings of their own active or
     * trial tenant; superadmins may change everything, including the status along its allowed transitions.
     */
    @Transactional
    public TenantView update(String id, JsonNode patch, String ifMatch, Caller caller) {
        Tenant tenant = repository.find(id).orElseThrow(() -> ProblemException.notFound("Tenant", id));
        if (tenant.isDeleted()) {
            if (!caller.superadmin()) {
                throw ProblemException.notFound("Tenant", id);
            }
            throw new ProblemException(ProblemType.CONFLICT, "Tenant '" + id + "' is deleted; restore it first");
        }
        if (!caller.superadmin() && !acceptsWrites(tenant)) {
            throw new ProblemException(Problem.of(
                            ProblemType.TENANT_NOT_WRITABLE,
                            "Tenant '" + id + "' is " + tenant.status
                                    + " and accepts no changes; a platform administrator can reactivate it")
                    .with("tenantStatus", tenant.status.value()));
        }
        ETags.checkIfMatch(ifMatch, tenant.version);
        Instant now = Instant.now();
        TenantDraft current = TenantMapper.toDraft(tenant);
        TenantDraft patched = patches.apply(current, patch, TenantDraft.class, READ_ONLY, TenantMapper.toView(tenant))
                .draft();
        TenantDraft draft = adjustTrial(utcTrial(patched), tenant.status, patch);
        List<String> changed = patches.changes(current, draft);
        if (changed.isEmpty()) {
            return TenantMapper.toView(tenant);
        }
        if (!caller.superadmin()) {
            List<String> forbidden = changed.stream()
                    .filter(path -> TENANT_ADMIN_FIELDS.stream()
                            .noneMatch(allowed -> path.equals(allowed) || path.startsWith(allowed + ".")))
                    .toList();
            if (!forbidden.isEmpty()) {
                throw new ProblemException(Problem.of(
                                ProblemType.FORBIDDEN,
                                "Only a platform superadmin can change " + String.join(", ", forbidden)
                                        + "; tenant admins can change the name and the settings")
                        .with("fields", forbidden));
            }
        }
        TenantStatus previous = tenant.status;
        if (!previous.canChangeTo(draft.status())) {
            throw new ProblemException(Problem.of(
                            ProblemType.INVALID_STATE_TRANSITION,
                            "A " + previous + " tenant cannot become " + draft.status() + "; allowed: "
                                    + previous.next())
                    .with("from", previous.value())
                    .with("to", draft.status().value()));
        }
        boolean trialChanged = changed.contains("status") || changed.contains("trialExpiresAt");
        validate(draft, trialChanged, now);

        TenantMapper.apply(draft, tenant);
        tenant.updatedAt = now;
        repository.flush();
        TenantView view = TenantMapper.toView(tenant);
        List<String> updatedFields = changed.stream()
                .filter(f -> !f.equals("status") && !f.equals("statusReason"))
                .toList();
        if (!updatedFields.isEmpty()) {
            emit(EventTypes.TENANT_UPDATED, tenant, new TenantUpdated(view, updatedFields));
        }
        if (previous != tenant.status) {
            emit(
                    EventTypes.TENANT_STATUS_CHANGED,
                    tenant,
                    new TenantStatusChanged(view, previous, tenant.statusReason));
        }
        return view;
    }

    /** Soft-deletes a tenant; it can be restored until the retention period ends. Deleting twice is a no-op. */
    @Transactional
    public void delete(String id) {
        Tenant tenant = repository.find(id).orElseThrow(() -> ProblemException.notFound("Tenant", id));
        if (tenant.isDeleted()) {
            return;
        }
        Instant now = Instant.now();
        tenant.deletedAt = now;
        tenant.updatedAt = now;
        repository.flush();
        emit(EventTypes.TENANT_DELETED, tenant, new TenantDeleted(TenantMapper.toView(tenant)));
    }

    @Transactional
    public TenantView restore(String id) {
        Tenant tenant = repository.find(id).orElseThrow(() -> ProblemException.notFound("Tenant", id));
        if (!tenant.isDeleted()) {
            throw new ProblemException(ProblemType.CONFLICT, "Tenant '" + id + "' is not deleted");
        }
        tenant.deletedAt = null;
        tenant.updatedAt = Instant.now();
        repository.flush();
        TenantView view = TenantMapper.toView(tenant);
        emit(EventTypes.TENANT_RESTORED, tenant, new TenantRestored(view));
        return view;
    }

    /** Moves trials past their expiry to inactive, with an event each; safe to run on several replicas at once. */
    @CrossTenant
    @Transactional
    public int expireTrials(Instant now) {
        List<Tenant> expired = repository.lockExpiredTrials(now, 500);
        for (Tenant tenant : expired) {
            TenantStatus previous = tenant.status;
            tenant.statusReason = "trial expired on " + DateTimeFormatter.ISO_INSTANT.format(tenant.trialExpiresAt);
            tenant.status = TenantStatus.INACTIVE;
            tenant.trialExpiresAt = null;
            tenant.updatedAt = now;
            repository.flush();
            emit(
                    EventTypes.TENANT_STATUS_CHANGED,
                    tenant,
                    new TenantStatusChanged(TenantMapper.toView(tenant), previous, tenant.statusReason));
        }
        return expired.size();
    }

    /** Deletes for good the tenants deleted longer ago than the retention period. */
    @CrossTenant
    @Transactional
    public int purgeDeleted(Instant now) {
        List<Tenant> purgeable = repository.lockDeletedBefore(now.minus(config.deletedRetention()), 500);
        for (Tenant tenant : purgeable) {
            TenantView view = TenantMapper.toView(tenant);
            view = new TenantView(
                    view.id(),
                    view.name(),
                    view.status(),
                    view.statusReason(),
                    view.trialExpiresAt(),
                    view.limits(),
                    view.features(),
                    view.settings(),
                    view.createdAt(),
                    TenantMapper.utc(now),
                    view.deletedAt(),
                    view.version() + 1);
            repository.delete(tenant);
            emit(EventTypes.TENANT_PURGED, tenant, new TenantPurged(view));
        }
        return purgeable.size();
    }

    private static boolean acceptsWrites(Tenant tenant) {
        if (tenant.status == TenantStatus.TRIAL && tenant.trialExpiresAt != null) {
            return tenant.trialExpiresAt.isAfter(Instant.now());
        }
        return tenant.status.acceptsWrites();
    }

    /**
     * Leaving the trial clears its expiry unless the patch sets one (which validation then refuses); entering a trial
     * without a date gives the default trial length.
     */
    private TenantDraft adjustTrial(TenantDraft draft, TenantStatus previous, JsonNode changes) {
        boolean expiryGiven = changes.has("trialExpiresAt");
        if (draft.status() != TenantStatus.TRIAL && !expiryGiven && draft.trialExpiresAt() != null) {
            return withTrialExpiry(draft, null);
        }
        if (draft.status() == TenantStatus.TRIAL && previous != TenantStatus.TRIAL && !expiryGiven) {
            return withTrialExpiry(
                    draft, Instant.now().plus(config.defaultTrial()).atOffset(ZoneOffset.UTC));
        }
        return draft;
    }

    private static TenantDraft withTrialExpiry(TenantDraft draft, java.time.OffsetDateTime expiry) {
        return new TenantDraft(
                draft.name(),
                draft.status(),
                draft.statusReason(),
                expiry,
                draft.limits(),
                draft.features(),
                draft.settings());
    }

    /** Trial expiries are kept in UTC, so that equal instants compare equal. */
    private static TenantDraft utcTrial(TenantDraft draft) {
        return draft.trialExpiresAt() == null
                ? draft
                : withTrialExpiry(draft, draft.trialExpiresAt().withOffsetSameInstant(ZoneOffset.UTC));
    }

    private void validate(TenantDraft draft, boolean trialChanged, Instant now) {
        Validation validation = new Validation();
        patches.validate(draft, validation);
        TenantRules.check(draft, trialChanged, now, validation);
        validation.throwIfInvalid();
    }

    private void emit(String type, Tenant tenant, Object data) {
        outbox.emit(new OutboxMessage(Topics.TENANT_EVENTS, type, tenant.id, "tenant", tenant.id, data));
    }

    private static ProblemException alreadyExists(Tenant existing) {
        String detail = existing.isDeleted()
                ? "A deleted tenant still holds id '" + existing.id + "'; restore it or choose another id"
                : "A tenant with id '" + existing.id + "' already exists";
        return new ProblemException(Problem.of(ProblemType.ALREADY_EXISTS, detail)
                .withErrors(List.of(new io.switchboard.commons.problem.FieldError("id", "is taken"))));
    }
}
