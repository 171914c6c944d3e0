package io.switchboard.helpdesk.contact;

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
import io.switchboard.helpdesk.HelpdeskEvents;
import io.switchboard.helpdesk.tag.Tag;
import io.switchboard.helpdesk.tag.TagRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The tenant's contacts (requesters): names, e-mail addresses (unique in the tenant regardless of case, one primary),
 * E.164 phone numbers, tags of the tenant's tag set, notes. Contacts are also found or created from who writes in
 * (e-mail senders, and for chat and telephony: visitors and callers) with {@link #findOrCreateByEmail} and
 * {@link #findOrCreateByPhone}. Every change emits its {@code helpdesk.contact.*} event in the same transaction.
 */
@ApplicationScoped
public class ContactService {

    private static final Set<String> READ_ONLY = Set.of("id", "email", "createdAt", "updatedAt", "version");

    private final ContactRepository repository;
    private final TagRepository tags;
    private final MergePatches patches;
    private final HelpdeskEvents events;
    private final TenantDirectory directory;

    public ContactService(
            ContactRepository repository,
            TagRepository tags,
            MergePatches patches,
            HelpdeskEvents events,
            TenantDirectory directory) {
        this.repository = repository;
        this.tags = tags;
        this.patches = patches;
        this.events = events;
        this.directory = directory;
    }

    @Transactional
    public ContactView create(String tenantId, ContactDraft request) {
        ContactDraft draft = new ContactDraft(
                request.name(),
                request.emails() == null ? List.of() : request.emails(),
                request.phones() == null ? List.of() : request.phones(),
                request.tags() == null ? List.of() : request.tags(),
                request.notes());
        Checked checked = validate(tenantId, draft, null);
        Instant now = Instant.now();
        Contact contact = new Contact();
        contact.id = Ids.newId();
        contact.tenantId = tenantId;
        contact.createdAt = now;
        contact.updatedAt = now;
        apply(checked, contact);
        repository.persist(contact);
        repository.setEmails(tenantId, contact.id, checked.emails());
        repository.setTags(tenantId, contact.id, checked.tagIds());
        ContactView view = view(contact);
        events.emit(EventTypes.HELPDESK_CONTACT_CREATED, tenantId, "contact", contact.id, view);
        return view;
    }

    @Transactional
    public ContactView get(String tenantId, UUID id) {
        return view(require(tenantId, id));
    }

    @Transactional
    public Page<ContactView> list(
            String tenantId, String search, String email, List<String> tagNames, PageRequest page) {
        Page<Contact> found = repository.list(tenantId, search, email, tagNames, page);
        List<UUID> ids = found.items().stream().map(c -> c.id).toList();
        Map<UUID, List<ContactEmail>> emails = repository.emailsOf(tenantId, ids);
        Map<UUID, List<String>> tagsOf = repository.tagsOf(tenantId, ids);
        return found.map(c -> toView(c, emails.getOrDefault(c.id, List.of()), tagsOf.getOrDefault(c.id, List.of())));
    }

    @Transactional
    public ContactView update(String tenantId, UUID id, JsonNode patch, String ifMatch) {
        Contact contact = require(tenantId, id);
        ETags.checkIfMatch(ifMatch, contact.version);
        ContactView before = view(contact);
        ContactDraft current =
                new ContactDraft(before.name(), before.emails(), before.phones(), before.tags(), before.notes());
        MergePatches.Patched<ContactDraft> patched =
                patches.apply(current, patch, ContactDraft.class, READ_ONLY, before);
        if (!patched.changedAny()) {
            return before;
        }
        Checked checked = validate(tenantId, patched.draft(), id);
        apply(checked, contact);
        contact.updatedAt = Instant.now();
        repository.flush();
        if (patched.changedUnder("emails")) {
            repository.setEmails(tenantId, id, checked.emails());
        }
        if (patched.changedUnder("tags")) {
            repository.setTags(tenantId, id, checked.tagIds());
        }
        ContactView view = view(contact);
        events.emit(EventTypes.HELPDESK_CONTACT_UPDATED, tenantId, "contact", id, view);
        return view;
    }

    /** Removes the contact; its tickets keep the requester's address and name and lose the link. */
    @Transactional
    public void delete(String tenantId, UUID id, String ifMatch) {
        Contact contact = require(tenantId, id);
        ETags.checkIfMatch(ifMatch, contact.version);
        ContactView view = view(contact);
        repository.delete(contact);
        events.emit(EventTypes.HELPDESK_CONTACT_DELETED, tenantId, "contact", id, view);
    }

    /**
     * The contact with this address, or a new one with it (and {@code name}), in the caller's transaction; for e-mail
     * senders and chat visitors who leave an address. Two callers racing for one new address get one contact.
     *
     * @throws ProblemException 400 naming {@code field} when the address is not one
     */
    @Transactional
    public ContactView findOrCreateByEmail(String tenantId, String address, String name, String field) {
        String normalized = EmailAddresses.normalize(address)
                .orElseThrow(() -> ProblemException.invalid(field, "is not an e-mail address"));
        repository.lockAddress(tenantId, normalized);
        return repository
                .findByEmail(tenantId, normalized)
                .map(this::view)
                .orElseGet(() -> create(
                        tenantId,
                        new ContactDraft(
                                clip(name, 200),
                                List.of(new ContactEmail(normalized, true)),
                                List.of(),
                                List.of(),
                                null)));
    }

    /**
     * The oldest contact with this phone number, or a new one with it, in the caller's transaction; for callers and
     * SMS senders.
     *
     * @throws ProblemException 400 naming {@code field} when the number is not a valid one
     */
    @Transactional
    public ContactView findOrCreateByPhone(String tenantId, String phone, String name, String field) {
        String e164 = PhoneNumbers.e164(phone, region(tenantId))
                .orElseThrow(() -> ProblemException.invalid(field, "is not a valid phone number"));
        repository.lockAddress(tenantId, e164);
        return repository
                .findByPhone(tenantId, e164)
                .map(this::view)
                .orElseGet(() ->
                        create(tenantId, new ContactDraft(clip(name, 200), List.of(), List.of(e164), List.of(), null)));
    }

    /** A contact of the tenant, or 404 (also for another tenant's id). */
    @Transactional
    public ContactView require(String tenantId, UUID id, String field) {
        return repository
                .find(tenantId, id)
                .map(this::view)
                .orElseThrow(() -> ProblemException.invalid(field, "is not a contact of this tenant"));
    }

    private Contact require(String tenantId, UUID id) {
        return repository.find(tenantId, id).orElseThrow(() -> ProblemException.notFound("Contact", id.toString()));
    }

    ContactView view(Contact contact) {
        return toView(
                contact,
                repository.emailsOf(contact.tenantId, List.of(contact.id)).getOrDefault(contact.id, List.of()),
                repository.tagsOf(contact.tenantId, List.of(contact.id)).getOrDefault(contact.id, List.of()));
    }

    /** A validated draft: addresses normalized with exactly one primary (first), phones in E.164, tags by id. */
    private record Checked(ContactDraft draft, List<ContactEmail> emails, List<String> phones, List<UUID> tagIds) {}

    private Checked validate(String tenantId, ContactDraft draft, UUID id) {
        Validation validation = new Validation();
        patches.validate(draft, validation);
        List<ContactEmail> emails = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        int primaries = 0;
        if (draft.emails() != null) {
            for (int i = 0; i < draft.emails().size(); i++) {
                ContactEmail email = draft.emails().get(i);
                if (email == null || email.address() == null || email.address().isBlank()) {
                    continue; // named by the bean validation above
                }
                String field = "emails[" + i + "].address";
                var normalized = EmailAddresses.normalize(email.address());
                if (normalized.isEmpty()) {
                    validation.add(field, "'" + email.address().strip() + "' is not an e-mail address");
                    continue;
                }
                if (seen.putIfAbsent(normalized.get().toLowerCase(Locale.ROOT), i) != null) {
                    validation.add(field, "is listed twice");
                    continue;
                }
                boolean primary = Boolean.TRUE.equals(email.primary());
                primaries += primary ? 1 : 0;
                emails.add(new ContactEmail(normalized.get(), primary));
            }
        }
        if (primaries > 1) {
            validation.add("emails", "only one address can be primary");
        }
        List<String> phones = new ArrayList<>();
        if (draft.phones() != null) {
            String region = region(tenantId);
            for (int i = 0; i < draft.phones().size(); i++) {
                String phone = draft.phones().get(i);
                if (phone == null || phone.isBlank()) {
                    continue;
                }
                var e164 = PhoneNumbers.e164(phone, region);
                if (e164.isEmpty()) {
                    validation.add(
                            "phones[" + i + "]",
                            "'" + phone.strip() + "' is not a valid phone number; use the international format,"
                                    + " e.g. +4930123456");
                } else if (!phones.contains(e164.get())) {
                    phones.add(e164.get());
                }
            }
        }
        List<UUID> tagIds = new ArrayList<>();
        List<String> tagNames = new ArrayList<>();
        if (draft.tags() != null && draft.tags().stream().noneMatch(t -> t == null || t.isBlank())) {
            Map<String, Tag> known = tags.byNames(tenantId, draft.tags());
            Set<UUID> unique = new LinkedHashSet<>();
            for (int i = 0; i < draft.tags().size(); i++) {
                Tag tag = known.get(draft.tags().get(i).strip().toLowerCase(Locale.ROOT));
                if (tag == null) {
                    validation.add(
                            "tags[" + i + "]",
                            "no tag named '" + draft.tags().get(i).strip() + "' in this tenant; tenant admins create"
                                    + " tags");
                } else if (unique.add(tag.id)) {
                    tagIds.add(tag.id);
                    tagNames.add(tag.name);
                }
            }
        }
        validation.throwIfInvalid();
        List<String> taken = repository.takenAddresses(
                tenantId, emails.stream().map(ContactEmail::address).toList(), id);
        if (!taken.isEmpty()) {
            List<FieldError> errors = new ArrayList<>();
            for (String address : taken) {
                errors.add(new FieldError(
                        "emails[" + seen.get(address) + "].address", "belongs to another contact of this tenant"));
            }
            throw new ProblemException(Problem.of(
                            ProblemType.ALREADY_EXISTS,
                            "Another contact of this tenant has the address " + String.join(", ", taken))
                    .withErrors(errors));
        }
        // the primary address first; the first one is primary when none is marked
        List<ContactEmail> ordered = new ArrayList<>();
        emails.stream().filter(e -> e.primary()).forEach(ordered::add);
        emails.stream().filter(e -> !e.primary()).forEach(ordered::add);
        List<ContactEmail> marked = new ArrayList<>();
        for (int i = 0; i < ordered.size(); i++) {
            marked.add(new ContactEmail(ordered.get(i).address(), i == 0));
        }
        ContactDraft normalized = new ContactDraft(draft.name(), marked, phones, tagNames, draft.notes());
        return new Checked(normalized, marked, phones, tagIds);
    }

    private static void apply(Checked checked, Contact contact) {
        ContactDraft d = checked.draft();
        contact.name = d.name() == null || d.name().isBlank() ? null : d.name().strip();
        contact.notes =
                d.notes() == null || d.notes().isBlank() ? null : d.notes().strip();
        contact.phones = new ArrayList<>(checked.phones());
    }

    private String region(String tenantId) {
        return directory
                .find(tenantId)
                .map(t -> t.settings() == null
                        ? null
                        : t.settings().path("locale").asText(null))
                .map(PhoneNumbers::region)
                .orElse(null);
    }

    private static String clip(String value, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String stripped = value.strip();
        return stripped.length() > max ? stripped.substring(0, max) : stripped;
    }

    static ContactView toView(Contact c, List<ContactEmail> emails, List<String> tags) {
        return new ContactView(
                c.id,
                c.name,
                emails.isEmpty() ? null : emails.get(0).address(),
                List.copyOf(emails),
                List.copyOf(c.phones == null ? List.of() : c.phones),
                List.copyOf(tags),
                c.notes,
                Times.utc(c.createdAt),
                Times.utc(c.updatedAt),
                c.version);
    }
}
