package io.switchboard.webhook.subscription;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.commons.api.ETags;
import io.switchboard.commons.api.JsonMergePatch;
import io.switchboard.commons.api.Page;
import io.switchboard.commons.api.PageRequest;
import io.switchboard.commons.events.EventTypes;
import io.switchboard.commons.events.Topics;
import io.switchboard.commons.ids.Ids;
import io.switchboard.commons.outbox.Outbox;
import io.switchboard.commons.outbox.OutboxMessage;
import io.switchboard.commons.problem.JsonProblems;
import io.switchboard.commons.problem.Problem;
import io.switchboard.commons.problem.ProblemException;
import io.switchboard.commons.problem.ProblemType;
import io.switchboard.commons.problem.Validation;
import io.switchboard.commons.problem.Violations;
import io.switchboard.commons.webhook.WebhookSecret;
import io.switchboard.webhook.config.WebhookConfig;
import io.switchboard.webhook.delivery.DeliveryStore;
import io.switchboard.webhook.subscription.SubscriptionEvents.SubscriptionCreated;
import io.switchboard.webhook.subscription.SubscriptionEvents.SubscriptionDeleted;
import io.switchboard.webhook.subscription.SubscriptionEvents.SubscriptionDisabled;
import io.switchboard.webhook.subscription.SubscriptionEvents.SubscriptionEnabled;
import io.switchboard.webhook.subscription.SubscriptionEvents.SubscriptionSecretRotated;
import io.switchboard.webhook.subscription.SubscriptionEvents.SubscriptionUpdated;
import io.switchboard.webhook.subscription.SubscriptionModels.CreatedSubscription;
import io.switchboard.webhook.subscription.SubscriptionModels.RotatedSecret;
import io.switchboard.webhook.subscription.SubscriptionModels.SecretRotation;
import io.switchboard.webhook.subscription.SubscriptionModels.SubscriptionCreate;
import io.switchboard.webhook.subscription.SubscriptionModels.SubscriptionDraft;
import io.switchboard.webhook.subscription.SubscriptionModels.SubscriptionView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.validation.Validator;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** The rules of subscriptions; each change commits with its event in the outbox. */
@ApplicationScoped
public class SubscriptionService {

    /** Fields of the representation a client may send back unchanged but never change. */
    private static final Set<String> READ_ONLY = Set.of(
            "id",
            "scope",
            "disabledReason",
            "disabledAt",
            "failingSince",
            "managedBy",
            "createdAt",
            "updatedAt",
            "version");
    /** The draft's fields, in the order changes are reported. */
    private static final List<String> FIELDS =
            List.of("url", "description", "eventTypes", "enabled", "headers", "rateLimit");

    private final SubscriptionRepository repository;
    private final SubscriptionSecrets secrets;
    private final SubscriptionRules rules;
    private final DeliveryStore deliveries;
    private final Outbox outbox;
    private final ObjectMapper mapper;
    private final Validator validator;
    private final WebhookConfig config;

    public SubscriptionService(
            SubscriptionRepository repository,
            SubscriptionSecrets secrets,
            SubscriptionRules rules,
            DeliveryStore deliveries,
            Outbox outbox,
            ObjectMapper mapper,
            Validator validator,
            WebhookConfig config) {
        this.repository = repository;
        this.secrets = secrets;
        this.rules = rules;
        this.deliveries = deliveries;
        this.outbox = outbox;
        this.mapper = mapper;
        this.validator = validator;
        this.config = config;
    }

    @Transactional
    public CreatedSubscription create(String scope, SubscriptionCreate request) {
        SubscriptionDraft draft = new SubscriptionDraft(
                request.url(),
                request.description(),
                request.eventTypes(),
                request.enabled() == null ? Boolean.TRUE : request.enabled(),
                request.headers(),
                request.rateLimit());
        Validation validation = validate(draft, true);
        WebhookSecret secret = parseSecret(request.secret(), "secret", validation);
        validation.throwIfInvalid();
        long existing = repository.count(scope);
        int max = config.subscriptions().maxPerTenant();
        if (existing >= max) {
            throw new ProblemException(Problem.of(
                            ProblemType.LIMIT_EXCEEDED,
                            "A tenant can have at most " + max + " webhook subscriptions; delete one first")
                    .with("limit", max)
                    .with("current", existing));
        }
        Instant now = now();
        Subscription subscription = new Subscription();
        subscription.id = Ids.newId();
        subscription.tenantId = scope;
        SubscriptionMapper.apply(draft, subscription);
        subscription.headersEncrypted = secrets.encryptHeaders(subscription.id, draft.headers());
        subscription.enabled = draft.enabled();
        if (!subscription.enabled) {
            subscription.disabledReason = DisabledReason.MANUAL.value();
            subscription.disabledAt = now;
        }
        subscription.createdAt = now;
        subscription.updatedAt = now;
        repository.persist(subscription);
        WebhookSecret signing = secret != null ? secret : WebhookSecret.generate();
        storeSecret(subscription, signing, now);
        repository.flush();
        Map<String, String> headers = headers(subscription);
        emit(
                EventTypes.WEBHOOK_SUBSCRIPTION_CREATED,
                subscription,
                new SubscriptionCreated(SubscriptionMapper.toSnapshot(subscription, headers)));
        return new CreatedSubscription(SubscriptionMapper.toView(subscription, headers), signing.serialized());
    }

    @Transactional
    public SubscriptionView find(String scope, UUID id) {
        return view(require(scope, id));
    }

    @Transactional
    public Page<SubscriptionView> list(String scope, Boolean enabled, PageRequest page) {
        return repository.search(scope, enabled, page).map(this::view);
    }

    /**
     * Applies a JSON Merge Patch (RFC 7396). {@code enabled: false} disables the subscription (failing its pending
     * deliveries), {@code enabled: true} re-enables a disabled one, whatever disabled it.
     */
    @Transactional
    public SubscriptionView update(String scope, UUID id, JsonNode patch, String ifMatch) {
        Subscription subscription = require(scope, id);
        ETags.checkIfMatch(ifMatch, subscription.version);
        if (patch == null || !patch.isObject()) {
            throw new ProblemException(
                    ProblemType.MALFORMED_REQUEST, "A merge patch must be a JSON object, e.g. {\"enabled\": true}");
        }
        Map<String, String> headers = headers(subscription);
        ObjectNode changes = stripReadOnly((ObjectNode) patch, SubscriptionMapper.toView(subscription, headers));
        JsonNode current = mapper.valueToTree(SubscriptionMapper.toDraft(subscription, headers));
        JsonNode merged = JsonMergePatch.apply(current, changes);
        SubscriptionDraft draft = bind(merged);
        List<String> changed = new ArrayList<>();
        for (String field : FIELDS) {
            if (!same(current.get(field), merged.get(field))) {
                changed.add(field);
            }
        }
        if (changed.isEmpty()) {
            return SubscriptionMapper.toView(subscription, headers);
        }
        if (subscription.isManaged() && !List.of("enabled").containsAll(changed)) {
            throw managedElsewhere(subscription, "changed");
        }
        validate(draft, changed.contains("url")).throwIfInvalid();

        boolean wasEnabled = subscription.enabled;
        DisabledReason previousReason = DisabledReason.of(subscription.disabledReason);
        Instant now = now();
        SubscriptionMapper.apply(draft, subscription);
        if (changed.contains("headers")) {
            subscription.headersEncrypted = secrets.encryptHeaders(subscription.id, draft.headers());
        }
        subscription.updatedAt = now;
        if (wasEnabled && !draft.enabled()) {
            switchOff(subscription, DisabledReason.MANUAL, now);
        } else if (!wasEnabled && draft.enabled()) {
            subscription.enabled = true;
            subscription.disabledReason = null;
            subscription.disabledAt = null;
            subscription.failingSince = null;
        }
        repository.flush();
        headers = headers(subscription);
        List<String> updatedFields =
                changed.stream().filter(f -> !f.equals("enabled")).toList();
        if (!updatedFields.isEmpty()) {
            emit(
                    EventTypes.WEBHOOK_SUBSCRIPTION_UPDATED,
                    subscription,
                    new SubscriptionUpdated(SubscriptionMapper.toSnapshot(subscription, headers), updatedFields));
        }
        if (wasEnabled != subscription.enabled) {
            if (subscription.enabled) {
                emit(
                        EventTypes.WEBHOOK_SUBSCRIPTION_ENABLED,
                        subscription,
                        new SubscriptionEnabled(SubscriptionMapper.toSnapshot(subscription, headers), previousReason));
            } else {
                emitDisabled(subscription, headers, DisabledReason.MANUAL, null);
            }
        }
        return SubscriptionMapper.toView(subscription, headers);
    }

    @Transactional
    public void delete(String scope, UUID id, String ifMatch) {
        Subscription subscription = require(scope, id);
        if (subscription.isManaged()) {
            throw managedElsewhere(subscription, "deleted");
        }
        ETags.checkIfMatch(ifMatch, subscription.version);
        emit(
                EventTypes.WEBHOOK_SUBSCRIPTION_DELETED,
                subscription,
                new SubscriptionDeleted(SubscriptionMapper.toSnapshot(subscription, headers(subscription))));
        repository.delete(subscription);
    }

    /**
     * Replaces the signing secret. The previous one keeps signing (a second signature on every request) until the
     * grace period ends, so receivers can switch without losing a webhook.
     */
    @Transactional
    public RotatedSecret rotateSecret(String scope, UUID id, SecretRotation request) {
        Subscription subscription = require(scope, id);
        Validation validation = new Validation();
        Duration grace = config.subscriptions().defaultGracePeriod();
        if (request != null && request.gracePeriod() != null) {
            try {
                grace = Duration.parse(request.gracePeriod());
                Duration max = config.subscriptions().maxGracePeriod();
                validation.require(
                        !grace.isNegative() && grace.compareTo(max) <= 0,
                        "gracePeriod",
                        "must be between PT0S and " + max);
            } catch (DateTimeParseException e) {
                validation.add("gracePeriod", "must be an ISO-8601 duration such as PT24H");
            }
        }
        WebhookSecret secret = parseSecret(request == null ? null : request.secret(), "secret", validation);
        validation.throwIfInvalid();
        Instant now = now();
        Instant previousExpiresAt = now.plus(grace);
        repository.currentSecret(subscription.id).ifPresent(current -> current.expiresAt = previousExpiresAt);
        repository.flush();
        WebhookSecret signing = secret != null ? secret : WebhookSecret.generate();
        storeSecret(subscription, signing, now);
        repository.flush();
        emit(
                EventTypes.WEBHOOK_SUBSCRIPTION_SECRET_ROTATED,
                subscription,
                new SubscriptionSecretRotated(
                        SubscriptionMapper.toSnapshot(subscription, headers(subscription)), previousExpiresAt));
        return new RotatedSecret(signing.serialized(), previousExpiresAt);
    }

    /**
     * Keeps the endpoint of a resource in step with it, in the caller's transaction (the fan-out's, so that the
     * resource's events and the events for it are handled in their Kafka order): created with its own signing secret
     * when {@code url} appears, changed with it, deleted when {@code url} is null. A new URL re-enables an endpoint the
     * dispatcher disabled (410 Gone, failing); one its users disabled stays disabled. Each change emits the usual
     * {@code webhook.subscription.*} event.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void keepManaged(String scope, ManagedBy owner, String url, String description, List<String> eventTypes) {
        Optional<Subscription> existing = repository.findManaged(scope, owner);
        Instant now = now();
        if (url == null) {
            existing.ifPresent(subscription -> {
                emit(
                        EventTypes.WEBHOOK_SUBSCRIPTION_DELETED,
                        subscription,
                        new SubscriptionDeleted(SubscriptionMapper.toSnapshot(subscription, Map.of())));
                repository.delete(subscription);
            });
            return;
        }
        if (existing.isEmpty()) {
            Optional<Subscription> created =
                    repository.insertManaged(Ids.newId(), scope, owner, url, description, eventTypes, now);
            if (created.isPresent()) {
                storeSecret(created.get(), WebhookSecret.generate(), now);
                repository.flush();
                emit(
                        EventTypes.WEBHOOK_SUBSCRIPTION_CREATED,
                        created.get(),
                        new SubscriptionCreated(SubscriptionMapper.toSnapshot(created.get(), Map.of())));
                return;
            }
            // another consumer of the same events created it meanwhile: bring that one up to date
            existing = repository.findManaged(scope, owner);
            if (existing.isEmpty()) {
                throw new IllegalStateException("The endpoint of " + owner + " is neither insertable nor found");
            }
        }
        Subscription subscription = existing.get();
        List<String> changed = new ArrayList<>();
        if (!url.equals(subscription.url)) {
            changed.add("url");
        }
        if (!java.util.Objects.equals(description, subscription.description)) {
            changed.add("description");
        }
        if (!eventTypes.equals(subscription.eventTypes)) {
            changed.add("eventTypes");
        }
        if (changed.isEmpty()) {
            return;
        }
        subscription.url = url;
        subscription.description = description;
        subscription.eventTypes = List.copyOf(eventTypes);
        subscription.updatedAt = now;
        DisabledReason previousReason = DisabledReason.of(subscription.disabledReason);
        boolean reenable = changed.contains("url") && !subscription.enabled && previousReason != DisabledReason.MANUAL;
        if (reenable) {
            subscription.enabled = true;
            subscription.disabledReason = null;
            subscription.disabledAt = null;
            subscription.failingSince = null;
        }
        repository.flush();
        Map<String, String> headers = headers(subscription);
        emit(
                EventTypes.WEBHOOK_SUBSCRIPTION_UPDATED,
                subscription,
                new SubscriptionUpdated(SubscriptionMapper.toSnapshot(subscription, headers), changed));
        if (reenable) {
            emit(
                    EventTypes.WEBHOOK_SUBSCRIPTION_ENABLED,
                    subscription,
                    new SubscriptionEnabled(SubscriptionMapper.toSnapshot(subscription, headers), previousReason));
        }
    }

    /**
     * Disables a subscription on the dispatcher's behalf (410 Gone, or failing too long), in the caller's transaction.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void disable(Subscription subscription, DisabledReason reason, Instant failingSince) {
        if (!subscription.enabled) {
            return;
        }
        Instant now = now();
        subscription.updatedAt = now;
        switchOff(subscription, reason, now);
        repository.flush();
        emitDisabled(subscription, headers(subscription), reason, failingSince);
    }

    /** The subscription, for an operation on it; 404 when it is not in this scope. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Subscription require(String scope, UUID id) {
        return repository.find(scope, id).orElseThrow(() -> ProblemException.notFound("Subscription", id.toString()));
    }

    private static ProblemException managedElsewhere(Subscription subscription, String what) {
        ManagedBy owner = subscription.managedBy();
        String detail = ManagedBy.DID.equals(owner.kind())
                ? "This endpoint delivers the SMS of DID " + owner.id() + " to its smsWebhookUrl and cannot be " + what
                        + " here: change the DID's smsWebhookUrl (PATCH /api/v1/routing/dids/" + owner.id()
                        + "), or remove it to delete the endpoint. Here you can read it, rotate its secret,"
                        + " enable or disable it and replay its deliveries."
                : "This endpoint is kept for " + owner.kind() + " " + owner.id() + " and cannot be " + what + " here";
        return new ProblemException(Problem.of(ProblemType.CONFLICT, detail).with("managedBy", owner));
    }

    private void switchOff(Subscription subscription, DisabledReason reason, Instant now) {
        subscription.enabled = false;
        subscription.disabledReason = reason.value();
        subscription.disabledAt = now;
        deliveries.failPending(subscription.id, "subscription disabled (" + reason.value() + ")");
    }

    private void emitDisabled(
            Subscription subscription, Map<String, String> headers, DisabledReason reason, Instant failingSince) {
        emit(
                EventTypes.WEBHOOK_SUBSCRIPTION_DISABLED,
                subscription,
                new SubscriptionDisabled(SubscriptionMapper.toSnapshot(subscription, headers), reason, failingSince));
    }

    private void storeSecret(Subscription subscription, WebhookSecret secret, Instant now) {
        SubscriptionSecret row = new SubscriptionSecret();
        row.id = Ids.newId();
        row.tenantId = subscription.tenantId;
        row.subscriptionId = subscription.id;
        row.secretEncrypted = secrets.encryptSecret(subscription.id, row.id, secret);
        row.createdAt = now;
        repository.persist(row);
    }

    private SubscriptionView view(Subscription subscription) {
        return SubscriptionMapper.toView(subscription, headers(subscription));
    }

    private Map<String, String> headers(Subscription subscription) {
        return secrets.decryptHeaders(subscription.id, subscription.headersEncrypted);
    }

    private Validation validate(SubscriptionDraft draft, boolean checkUrl) {
        Validation validation = new Validation();
        Violations.toFieldErrors(validator.validate(draft), "").forEach(e -> validation.add(e.field(), e.message()));
        rules.check(draft, checkUrl, validation);
        return validation;
    }

    /** Equal values, where a missing member and null count as the same, and numbers compare by value (2 = 2L). */
    private static boolean same(JsonNode a, JsonNode b) {
        boolean aNone = a == null || a.isNull();
        boolean bNone = b == null || b.isNull();
        if (aNone || bNone) {
            return aNone == bNone;
        }
        return a.equals(NUMERIC_VALUE, b);
    }

    private static final java.util.Comparator<JsonNode> NUMERIC_VALUE =
            (x, y) -> x.isNumber() && y.isNumber() ? x.decimalValue().compareTo(y.decimalValue()) : x.equals(y) ? 0 : 1;

    private static WebhookSecret parseSecret(String value, String field, Validation validation) {
        if (value == null) {
            return null;
        }
        try {
            return WebhookSecret.parse(value);
        } catch (IllegalArgumentException e) {
            validation.add(field, e.getMessage());
            return null;
        }
    }

    private ObjectNode stripReadOnly(ObjectNode patch, SubscriptionView current) {
        ObjectNode changes = patch.deepCopy();
        JsonNode currentTree = mapper.valueToTree(current);
        Validation validation = new Validation();
        for (String field : READ_ONLY) {
            if (changes.has(field)) {
                if (!same(changes.get(field), currentTree.get(field))) {
                    validation.add(field, "is read-only");
                }
                changes.remove(field);
            }
        }
        if (changes.has("secret")) {
            validation.add("secret", "cannot be changed here; rotate it with POST .../secret/rotate");
        }
        validation.throwIfInvalid();
        return changes;
    }

    private SubscriptionDraft bind(JsonNode document) {
        try {
            return mapper.treeToValue(document, SubscriptionDraft.class);
        } catch (JsonProcessingException e) {
            throw new ProblemException(JsonProblems.toProblem(e));
        }
    }

    private void emit(String type, Subscription subscription, Object data) {
        outbox.emit(new OutboxMessage(
                Topics.WEBHOOK_EVENTS,
                type,
                Scopes.eventTenant(subscription.tenantId),
                "subscription",
                subscription.id.toString(),
                data));
    }

    /** Now, at the database's precision, so that what a response shows equals what a later read returns. */
    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
