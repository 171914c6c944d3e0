package io.switchboard.helpdesk.canned;

import io.switchboard.commons.db.TenantOwned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** A canned response as stored; an HTML body is stored sanitized. */
@Entity
@Table(name = "canned_response")
public class CannedResponse extends TenantOwned {

    @Column(nullable = false)
    public String name;

    public String shortcut;

    @Column(nullable = false)
    public String body;

    @Column(name = "is_html", nullable = false)
    public boolean html;
}
