package io.switchboard.telephony.voicemail;

import io.switchboard.commons.db.TenantOwned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import org.hibernate.annotations.ColumnTransformer;
import org.hibernate.annotations.Generated;

/**
 * A voicemail box: a row of Asterisk's realtime {@code voicemail} table, which app_voicemail reads, with Switchboard's
 * columns added. The PIN stays in {@code password} because app_voicemail compares it in clear; the API never returns
 * it after creation.
 */
@Entity
@Table(name = "voicemail")
public class VoicemailBox extends TenantOwned {

    @Generated
    @Column(name = "uniqueid", insertable = false, updatable = false)
    public Integer uniqueId;

    @Column(nullable = false)
    public String context;

    @Column(nullable = false)
    public String mailbox;

    @Column(name = "password", nullable = false)
    public String pin;

    @Column(name = "fullname")
    public String fullName;

    public String email;

    @ColumnTransformer(write = "?::yes_no_values")
    public String attach;

    @Column(name = "maxmsg")
    public Integer maxMessages;
}
