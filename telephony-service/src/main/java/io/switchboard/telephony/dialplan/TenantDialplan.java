package io.switchboard.telephony.dialplan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import io.smallrye.common.annotation.Blocking;
import io.switchboard.commons.events.CloudEventCodec;
import io.switchboard.commons.events.DomainEvent;
import io.switchboard.commons.events.EventTypes;
import io.switchboard.commons.inbox.IdempotentConsumer;
import io.switchboard.telephony.ara.AraNames;
import io.switchboard.telephony.ari.AriException;
import io.switchboard.telephony.ari.AriGateway;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.io.IOException;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Keeps each tenant's entry contexts in Asterisk's dialplan: {@code from-internal-<tenant>} (its phones) and
 * {@code from-trunk-<tenant>} (its trunks) hand every call to the Stasis application with the tenant's id, so the
 * call engine knows whose call it is before anything else. Written when a tenant is created or restored, removed
 * when it is purged; Asterisk reloads the dialplan afterwards.
 */
@ApplicationScoped
public class TenantDialplan {

    static final String CHANNEL = "tenant-dialplan";
    private static final String FILE = "extensions.conf";

    private final IdempotentConsumer inbox;
    private final EntityManager em;
    private final AriGateway ari;
    private final ObjectMapper mapper;

    public TenantDialplan(IdempotentConsumer inbox, EntityManager em, AriGateway ari, ObjectMapper mapper) {
        this.inbox = inbox;
        this.em = em;
        this.ari = ari;
        this.mapper = mapper;
    }

    @Incoming(CHANNEL)
    @Blocking
    public void onTenantEvent(ConsumerRecord<String, byte[]> record) throws IOException {
        DomainEvent event = CloudEventCodec.fromRecord(record);
        boolean provision =
                event.type().equals(EventTypes.TENANT_CREATED) || event.type().equals(EventTypes.TENANT_RESTORED);
        boolean remove = event.type().equals(EventTypes.TENANT_PURGED);
        if (!provision && !remove) {
            return;
        }
        JsonNode tenant = mapper.readTree(event.data());
        String tenantId = tenant.path("id").asText();
        boolean changed = inbox.process(CHANNEL, event, e -> {
            removeContexts(tenantId);
            if (provision) {
                writeContexts(tenantId);
            }
        });
        if (changed) {
            reload();
        }
    }

    /** The rows of a tenant's contexts (also used by tests to check what Asterisk would load). */
    static List<String[]> contexts(String tenantId) {
        String internal = AraNames.internalContext(tenantId);
        String trunk = AraNames.trunkContext(tenantId);
        return List.of(
                new String[] {
                    internal, "exten", "_[0-9*#+a-z].,1,Stasis(switchboard,internal," + tenantId + ",${EXTEN})"
                },
                new String[] {internal, "same", "n,Hangup()"},
                new String[] {trunk, "exten", "_[+0-9].,1,Stasis(switchboard,inbound," + tenantId + ",${EXTEN})"},
                new String[] {trunk, "same", "n,Hangup()"});
    }

    private void writeContexts(String tenantId) {
        int varMetric = 0;
        for (String[] row : contexts(tenantId)) {
            em.createNativeQuery(
                            "insert into ast_config (cat_metric, var_metric, filename, category, var_name, var_val,"
                                    + " tenant_id) values (100, ?1, ?2, ?3, ?4, ?5, ?6)")
                    .setParameter(1, varMetric++)
                    .setParameter(2, FILE)
                    .setParameter(3, row[0])
                    .setParameter(4, row[1])
                    .setParameter(5, row[2])
                    .setParameter(6, tenantId)
                    .executeUpdate();
        }
    }

    private void removeContexts(String tenantId) {
        em.createNativeQuery("delete from ast_config where tenant_id = ?1")
                .setParameter(1, tenantId)
                .executeUpdate();
    }

    private void reload() {
        if (!ari.isConnected()) {
            return; // Asterisk loads the table when it starts; a reload at the next change catches up
        }
        try {
            ari.reloadModule("pbx_config.so");
        } catch (AriException e) {
            Log.warnf("Asterisk did not reload its dialplan: %s", e.getMessage());
        }
    }
}
