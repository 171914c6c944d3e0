package io.switchboard.telephony.extension;

import io.switchboard.commons.db.TenantOwned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** An extension as stored; Asterisk's endpoint, AOR and auth rows are written from it. */
@Entity
@Table(name = "sip_extension")
public class SipExtension extends TenantOwned {

    @Column(nullable = false)
    public String number;

    @Column(name = "endpoint_id", nullable = false)
    public String endpointId;

    @Column(name = "display_name", nullable = false)
    public String displayName;

    @Column(name = "user_id")
    public String userId;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false)
    public List<String> codecs;

    @Column(nullable = false)
    public boolean webrtc;

    @Column(name = "max_contacts", nullable = false)
    public int maxContacts;

    @Column(name = "voicemail_id")
    public UUID voicemailId;
}
