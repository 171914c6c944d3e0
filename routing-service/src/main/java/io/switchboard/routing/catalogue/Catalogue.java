package io.switchboard.routing.catalogue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** One tenant's targets in telephony-service, by the names routes use. Immutable. */
public record Catalogue(
        Map<String, Extension> extensions,
        Map<String, Queue> queues,
        Map<String, Mailbox> mailboxes,
        Map<UUID, Mailbox> mailboxesById,
        Map<String, Trunk> trunks) {

    public static final Catalogue EMPTY = of(List.of());

    /** An extension: its number, Asterisk endpoint and voicemail box, if any. */
    public record Extension(String number, String endpointId, UUID voicemailBoxId) {}

    /** A queue: its name, app_queue name and longest wait in seconds (0 without limit). */
    public record Queue(String name, String asteriskName, int maxWaitTime) {}

    /** A voicemail box: its number and Asterisk's {@code mailbox@context}. */
    public record Mailbox(UUID id, String mailbox, String asteriskMailbox) {}

    /** A trunk: its name and Asterisk endpoint. */
    public record Trunk(String name, String endpointId) {}

    public static Catalogue of(List<CatalogueEntry> entries) {
        Map<String, Extension> extensions = new HashMap<>();
        Map<String, Queue> queues = new HashMap<>();
        Map<String, Mailbox> mailboxes = new HashMap<>();
        Map<UUID, Mailbox> mailboxesById = new HashMap<>();
        Map<String, Trunk> trunks = new HashMap<>();
        for (CatalogueEntry entry : entries) {
            switch (entry.kind) {
                case CatalogueEntry.EXTENSION ->
                    extensions.put(entry.name, new Extension(entry.name, entry.asteriskId, entry.voicemailBoxId));
                case CatalogueEntry.QUEUE ->
                    queues.put(
                            entry.name,
                            new Queue(entry.name, entry.asteriskId, entry.maxWaitTime == null ? 0 : entry.maxWaitTime));
                case CatalogueEntry.VOICEMAIL -> {
                    Mailbox mailbox = new Mailbox(entry.sourceId, entry.name, entry.asteriskId);
                    mailboxes.put(entry.name, mailbox);
                    mailboxesById.put(entry.sourceId, mailbox);
                }
                case CatalogueEntry.TRUNK -> trunks.put(entry.name, new Trunk(entry.name, entry.asteriskId));
                default -> {
                    // a kind this version does not route to
                }
            }
        }
        return new Catalogue(
                Map.copyOf(extensions),
                Map.copyOf(queues),
                Map.copyOf(mailboxes),
                Map.copyOf(mailboxesById),
                Map.copyOf(trunks));
    }

    /** The voicemail box of an extension, if it has one that is known here. */
    public Optional<Mailbox> voicemailOf(Extension extension) {
        return Optional.ofNullable(extension.voicemailBoxId()).map(mailboxesById::get);
    }
}
