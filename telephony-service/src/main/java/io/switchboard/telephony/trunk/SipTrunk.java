package io.switchboard.telephony.trunk;

import io.switchboard.commons.db.TenantOwned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.util.List;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A SIP trunk as stored; Asterisk's endpoint, AOR, auth, registration and identify rows are written from it. */
@Entity
@Table(name = "sip_trunk")
public class SipTrunk extends TenantOwned {

    @Column(nullable = false)
    public String name;

    @Column(name = "endpoint_id", nullable = false)
    public String endpointId;

    public String description;

    @Column(nullable = false)
    public String mode;

    @Column(nullable = false)
    public String host;

    @Column(nullable = false)
    public int port;

    @Column(nullable = false)
    public String transport;

    public String username;

    public String realm;

    @Column(name = "from_user")
    public String fromUser;

    @Column(name = "from_domain")
    public String fromDomain;

    @Column(name = "caller_id")
    public String callerId;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false)
    public List<String> codecs;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "allowed_ips", nullable = false)
    public List<String> allowedIps;

    @Column(name = "rtp_symmetric", nullable = false)
    public boolean rtpSymmetric;

    @Column(name = "force_rport", nullable = false)
    public boolean forceRport;

    @Column(name = "rewrite_contact", nullable = false)
    public boolean rewriteContact;

    @Column(name = "direct_media", nullable = false)
    public boolean directMedia;
}
