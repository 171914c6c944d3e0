package io.switchboard.routing.did;

import io.switchboard.commons.db.TenantOwned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A DID as stored. */
@Entity
@Table(name = "did")
public class Did extends TenantOwned {

    @Column(nullable = false)
    public String number;

    @Column(nullable = false)
    public String status;

    public String description;

    @JdbcTypeCode(SqlTypes.JSON)
    public DidRoute route;

    /** The type of the route's target, for filtering lists. */
    @Column(name = "route_type")
    public String routeType;

    @Column(name = "sms_enabled", nullable = false)
    public boolean smsEnabled;

    @Column(name = "sms_webhook_url")
    public String smsWebhookUrl;

    /** The webhook signing secret, encrypted ({@code SecretCipher}). */
    @Column(name = "webhook_secret")
    public String webhookSecret;
}
