package io.switchboard.helpdesk.contact;

import io.switchboard.commons.db.TenantOwned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A contact (a requester) as stored; its e-mail addresses live in {@code contact_email}, its tags in {@code contact_tag}. */
@Entity
@Table(name = "contact")
public class Contact extends TenantOwned {

    public String name;

    /** E.164 numbers. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public List<String> phones = new ArrayList<>();

    public String notes;
}
