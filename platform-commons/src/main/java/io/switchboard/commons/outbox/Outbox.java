package io.switchboard.commons.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.quarkus.arc.Arc;
import io.switchboard.commons.ids.Ids;
import io.switchboard.commons.tenant.TenantContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Writes events to the service's {@code outbox} table in the caller's transaction, so that an event exists exactly
 * when the state change it describes was committed. {@link OutboxRelay} publishes the rows afterwards.
 */
@ApplicationScoped
public class Outbox {

    private static final String INSERT = "insert into outbox (id, topic, type, tenant_id, aggregate_type,"
            + " aggregate_id, payload, actor, client_ip, traceparent) values (?, ?, ?, ?, ?, ?, ?::json, ?, ?, ?)";

    private final DataSource dataSource;
    private final ObjectMapper mapper;

    public Outbox(DataSource dataSource, ObjectMapper mapper) {
        this.dataSource = dataSource;
        this.mapper = mapper;
    }

    /** Records {@code message} in the current transaction and returns its event id; there must be a transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID emit(OutboxMessage message) {
        UUID id = Ids.newId();
        String payload;
        try {
            payload = mapper.writeValueAsString(message.data());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Event data of " + message.type() + " is not serializable", e);
        }
        TenantContext context = currentContext();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setObject(1, id);
            insert.setString(2, message.topic());
            insert.setString(3, message.type());
            insert.setString(4, message.tenantId());
            insert.setString(5, message.aggregateType());
            insert.setString(6, message.aggregateId());
            insert.setString(7, payload);
            insert.setString(8, context == null ? "system" : context.actor());
            insert.setString(9, context == null ? null : context.clientIp().orElse(null));
            insert.setString(10, traceparent());
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not write event " + message.type() + " to the outbox", e);
        }
        return id;
    }

    private static TenantContext currentContext() {
        if (!Arc.container().requestContext().isActive()) {
            return null;
        }
        return Arc.container().instance(TenantContext.class).get();
    }

    private static String traceparent() {
        SpanContext span = Span.current().getSpanContext();
        if (!span.isValid()) {
            return null;
        }
        return "00-" + span.getTraceId() + "-" + span.getSpanId() + "-"
                + span.getTraceFlags().asHex();
    }
}
