package io.switchboard.chat.agent;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Persistence of chat agents (native SQL: the capacity column is only changed by {@link Assignment}). */
@ApplicationScoped
public class AgentRepository {

    private static final String COLUMNS = "user_id, display_name, availability, max_chats, current_chats, team,"
            + " skills, auto_accept, last_assigned_at, created_at, updated_at, version, notifications_enabled";

    private final EntityManager em;

    public AgentRepository(EntityManager em) {
        this.em = em;
    }

    public Optional<AgentView> find(String tenantId, String userId) {
        return rows(em.createNativeQuery(
                                "select " + COLUMNS + " from chat_agent where tenant_id = :tenant and user_id = :user")
                        .setParameter("tenant", tenantId)
                        .setParameter("user", userId)
                        .getResultList())
                .stream()
                .findFirst();
    }

    public List<AgentView> list(String tenantId, String availability, String team) {
        return rows(em.createNativeQuery("select " + COLUMNS + " from chat_agent where tenant_id = :tenant"
                        + " and (cast(:availability as text) is null or availability = cast(:availability as text))"
                        + " and (cast(:team as text) is null or team = cast(:team as text))"
                        + " order by display_name, user_id")
                .setParameter("tenant", tenantId)
                .setParameter("availability", availability)
                .setParameter("team", team)
                .getResultList());
    }

    /** The user ids of the tenant's agents of a team, for notifying them of a team transfer. */
    @SuppressWarnings("unchecked")
    public List<String> teamMembers(String tenantId, String team) {
        return em.createNativeQuery("select user_id from chat_agent where tenant_id = :tenant and team = :team")
                .setParameter("tenant", tenantId)
                .setParameter("team", team)
                .getResultList();
    }

    public void insert(String tenantId, String userId, AgentDraft draft) {
        em.createNativeQuery("insert into chat_agent (tenant_id, user_id, display_name, availability, max_chats, team,"
                        + " skills, auto_accept, notifications_enabled, created_at, updated_at) values (:tenant, :user,"
                        + " :name, :availability, :max, :team, string_to_array(:skills, ','), :autoAccept,"
                        + " :notifications, now(), now())")
                .setParameter("tenant", tenantId)
                .setParameter("user", userId)
                .setParameter("name", draft.displayName())
                .setParameter("availability", draft.availability())
                .setParameter("max", draft.maxConcurrentChats())
                .setParameter("team", draft.team())
                .setParameter("skills", String.join(",", draft.skills()))
                .setParameter("autoAccept", draft.autoAccept())
                .setParameter("notifications", draft.notificationsEnabled())
                .executeUpdate();
    }

    /** Updates what the draft sets when the version still matches; returns whether it did. */
    public boolean update(String tenantId, String userId, AgentDraft draft, long version) {
        return em.createNativeQuery("update chat_agent set display_name = :name, availability = :availability,"
                                + " max_chats = :max, team = :team, skills = string_to_array(:skills, ','),"
                                + " auto_accept = :autoAccept, notifications_enabled = :notifications,"
                                + " updated_at = now(), version = version + 1"
                                + " where tenant_id = :tenant and user_id = :user and version = :version")
                        .setParameter("tenant", tenantId)
                        .setParameter("user", userId)
                        .setParameter("name", draft.displayName())
                        .setParameter("availability", draft.availability())
                        .setParameter("max", draft.maxConcurrentChats())
                        .setParameter("team", draft.team())
                        .setParameter("skills", String.join(",", draft.skills()))
                        .setParameter("autoAccept", draft.autoAccept())
                        .setParameter("notifications", draft.notificationsEnabled())
                        .setParameter("version", version)
                        .executeUpdate()
                > 0;
    }

    private static List<AgentView> rows(List<?> result) {
        return result.stream()
                .map(r -> {
                    Object[] row = (Object[]) r;
                    return new AgentView(
                            (String) row[0],
                            (String) row[1],
                            (String) row[2],
                            ((Number) row[3]).intValue(),
                            ((Number) row[4]).intValue(),
                            (String) row[5],
                            skills(row[6]),
                            (Boolean) row[7],
                            (Boolean) row[12],
                            instant(row[8]),
                            instant(row[9]),
                            instant(row[10]),
                            ((Number) row[11]).longValue());
                })
                .toList();
    }

    private static List<String> skills(Object value) {
        if (value instanceof String[] array) {
            return List.of(array);
        }
        if (value instanceof Object[] array) {
            return Arrays.stream(array).map(String::valueOf).toList();
        }
        if (value instanceof java.sql.Array array) {
            try {
                return List.of((String[]) array.getArray());
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        }
        return List.of();
    }

    static Instant instant(Object value) {
        return switch (value) {
            case null -> null;
            case Instant i -> i;
            case OffsetDateTime o -> o.toInstant();
            case Timestamp t -> t.toInstant();
            default -> throw new IllegalStateException("not a time: " + value.getClass());
        };
    }
}
