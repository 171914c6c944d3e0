package io.switchboard.helpdesk.settings;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.commons.api.ETags;
import io.switchboard.commons.api.MergePatches;
import io.switchboard.commons.api.Times;
import io.switchboard.commons.problem.Validation;
import io.switchboard.commons.storage.StorageConfig;
import io.switchboard.commons.storage.UploadPolicy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A tenant's helpdesk settings and its ticket numbering. Numbers come from a per-tenant counter row incremented in the
 * creating transaction (see the migration): concurrent creations of one tenant queue on that row for the rest of
 * their transaction, so numbers are unique and consecutive, and nobody gets an error.
 */
@ApplicationScoped
public class SettingsService {

    private static final Set<String> READ_ONLY =
            Set.of("nextTicketNumber", "platformMaxAttachmentBytes", "updatedAt", "version");

    private final EntityManager em;
    private final MergePatches patches;
    private final StorageConfig storage;

    public SettingsService(EntityManager em, MergePatches patches, StorageConfig storage) {
        this.em = em;
        this.patches = patches;
        this.storage = storage;
    }

    @Transactional
    public SettingsView get(String tenantId) {
        HelpdeskSettings settings = em.find(HelpdeskSettings.class, tenantId);
        if (settings == null) {
            String prefix = TicketNumbers.defaultPrefix(tenantId);
            return new SettingsView(
                    prefix,
                    TicketNumbers.format(prefix, lastNumber(tenantId) + 1),
                    maxAttachmentBytes(null),
                    AttachmentLimits.DEFAULT_TYPES,
                    storage.maxObjectBytes(),
                    null,
                    0);
        }
        return toView(settings);
    }

    @Transactional
    public SettingsView update(String tenantId, JsonNode patch, String ifMatch) {
        HelpdeskSettings settings = require(tenantId, LockModeType.PESSIMISTIC_WRITE);
        ETags.checkIfMatch(ifMatch, settings.version);
        MergePatches.Patched<SettingsDraft> patched = patches.apply(
                new SettingsDraft(settings.ticketPrefix, settings.maxAttachmentBytes, settings.allowedAttachmentTypes),
                patch,
                SettingsDraft.class,
                READ_ONLY,
                toView(settings));
        if (!patched.changedAny()) {
            return toView(settings);
        }
        Validation validation = new Validation();
        patches.validate(patched.draft(), validation);
        Long maxBytes = patched.draft().maxAttachmentBytes();
        if (maxBytes != null && maxBytes > storage.maxObjectBytes()) {
            validation.add("maxAttachmentBytes", "must be at most the platform's maximum, " + storage.maxObjectBytes());
        }
        validation.throwIfInvalid();
        settings.ticketPrefix = patched.draft().ticketPrefix();
        settings.maxAttachmentBytes = maxBytes;
        settings.allowedAttachmentTypes = patched.draft().allowedAttachmentTypes() == null
                ? null
                : List.copyOf(patched.draft().allowedAttachmentTypes());
        settings.updatedAt = Instant.now();
        em.flush();
        return toView(settings);
    }

    /** What the tenant's attachments may be: its limits, or the defaults, within the platform's maximum. */
    @Transactional
    public UploadPolicy attachmentPolicy(String tenantId) {
        HelpdeskSettings settings = em.find(HelpdeskSettings.class, tenantId);
        return new UploadPolicy(
                maxAttachmentBytes(settings == null ? null : settings.maxAttachmentBytes),
                settings == null || settings.allowedAttachmentTypes == null
                        ? AttachmentLimits.DEFAULT_TYPES
                        : settings.allowedAttachmentTypes);
    }

    private long maxAttachmentBytes(Long configured) {
        return Math.min(configured == null ? AttachmentLimits.DEFAULT_MAX_BYTES : configured, storage.maxObjectBytes());
    }

    /** The tenant's current ticket prefix. */
    @Transactional
    public String prefix(String tenantId) {
        HelpdeskSettings settings = em.find(HelpdeskSettings.class, tenantId);
        return settings == null ? TicketNumbers.defaultPrefix(tenantId) : settings.ticketPrefix;
    }

    /**
     * The next sequence number of the tenant, in the caller's transaction: the counter row stays locked until it
     * ends, and a rollback gives the number back.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public long nextNumber(String tenantId) {
        return ((Number) em.createNativeQuery("insert into ticket_counter (tenant_id, last_number) values (:tenant, 1)"
                                + " on conflict (tenant_id) do update set last_number = ticket_counter.last_number + 1"
                                + " returning last_number")
                        .setParameter("tenant", tenantId)
                        .getSingleResult())
                .longValue();
    }

    private long lastNumber(String tenantId) {
        Object last = em.createNativeQuery(
                        "select coalesce(max(last_number), 0) from ticket_counter where tenant_id =" + " :tenant")
                .setParameter("tenant", tenantId)
                .getSingleResult();
        return ((Number) last).longValue();
    }

    /** The settings row, made with the defaults first if the tenant has none (equal to what GET showed before). */
    private HelpdeskSettings require(String tenantId, LockModeType lock) {
        Instant now = Instant.now();
        em.createNativeQuery("insert into helpdesk_settings (tenant_id, ticket_prefix, created_at, updated_at, version)"
                        + " values (:tenant, :prefix, :now, :now, 0) on conflict (tenant_id) do nothing")
                .setParameter("tenant", tenantId)
                .setParameter("prefix", TicketNumbers.defaultPrefix(tenantId))
                .setParameter("now", now)
                .executeUpdate();
        return em.find(HelpdeskSettings.class, tenantId, lock);
    }

    private SettingsView toView(HelpdeskSettings settings) {
        return new SettingsView(
                settings.ticketPrefix,
                TicketNumbers.format(settings.ticketPrefix, lastNumber(settings.tenantId) + 1),
                maxAttachmentBytes(settings.maxAttachmentBytes),
                settings.allowedAttachmentTypes == null
                        ? AttachmentLimits.DEFAULT_TYPES
                        : settings.allowedAttachmentTypes,
                storage.maxObjectBytes(),
                Times.utc(settings.updatedAt),
                settings.version);
    }
}
