package io.switchboard.chat.widget;

import io.switchboard.commons.db.TenantOwned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A chat widget as stored: its key and its configuration as one validated JSON document. */
@Entity
@Table(name = "widget")
public class Widget extends TenantOwned {

    @Column(nullable = false)
    public String name;

    @Column(name = "widget_key", nullable = false)
    public String widgetKey;

    @Column(nullable = false)
    public boolean enabled;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public WidgetDraft config;
}
