package io.switchboard.routing.catalogue;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * Something telephony-service announced that a route can name: an extension, queue, voicemail box or trunk, with
 * the name the tenant knows it by and the Asterisk id a decision returns.
 */
@Entity
@Table(name = "catalogue_entry")
public class CatalogueEntry {

    public static final String EXTENSION = "extension";
    public static final String QUEUE = "queue";
    public static final String VOICEMAIL = "voicemail";
    public static final String TRUNK = "trunk";

    /** telephony-service's id of the object. */
    @Id
    @Column(name = "source_id")
    public UUID sourceId;

    @Column(name = "tenant_id", nullable = false)
    public String tenantId;

    @Column(nullable = false)
    public String kind;

    /** Extension number, queue name, mailbox number or trunk name. */
    @Column(nullable = false)
    public String name;

    /** Endpoint id, app_queue name, {@code mailbox@context} or trunk endpoint id. */
    @Column(name = "asterisk_id", nullable = false)
    public String asteriskId;

    /** An extension's voicemail box (telephony-service's id). */
    @Column(name = "voicemail_box_id")
    public UUID voicemailBoxId;

    /** A queue's longest wait in seconds, 0 without limit. */
    @Column(name = "max_wait_time")
    public Integer maxWaitTime;

    /** The object's version at telephony-service. */
    @Column(nullable = false)
    public long version;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
