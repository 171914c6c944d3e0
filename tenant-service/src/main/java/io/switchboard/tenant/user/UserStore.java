package io.switchboard.tenant.user;

import io.switchboard.commons.api.Page;
import io.switchboard.commons.api.PageRequest;
import io.switchboard.commons.events.EventTypes;
import io.switchboard.commons.events.Topics;
import io.switchboard.commons.outbox.Outbox;
import io.switchboard.commons.outbox.OutboxMessage;
import io.switchboard.commons.problem.FieldError;
import io.switchboard.commons.problem.Problem;
import io.switchboard.commons.problem.ProblemException;
import io.switchboard.commons.problem.ProblemType;
import io.switchboard.commons.security.Permissions;
import io.switchboard.commons.security.Roles;
import io.switchboard.commons.tenant.CrossTenant;
import io.switchboard.tenant.team.TeamStore;
import io.switchboard.tenant.user.KeycloakUsers.Identity;
import io.switchboard.tenant.user.KeycloakUsers.MembershipClaim;
import io.switchboard.tenant.user.UserModels.MembershipEvent;
import io.switchboard.tenant.user.UserModels.UserDraft;
import io.switchboard.tenant.user.UserModels.UserEvent;
import io.switchboard.tenant.user.UserModels.UserView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.hibernate.exception.ConstraintViolationException;

/**
 * The transactions of users and memberships: each change commits with its events in the outbox. Users are read through
 * their membership in the tenant of the transaction (row-level security shows no other); the identity reads for
 * Keycloak are the only cross-tenant ones.
 */
@ApplicationScoped
public class UserStore {

    /** API sort fields and the columns behind them. */
    static final Map<String, String> SORTABLE = Map.of(
            "email", "lower(u.email)",
            "lastName", "lower(u.last_name)",
            "firstName", "lower(u.first_name)",
            "status", "u.status",
            "createdAt", "u.created_at",
            "updatedAt", "u.updated_at");

    private final EntityManager em;
    private final Outbox outbox;
    private final TeamStore teams;

    public UserStore(EntityManager em, Outbox outbox, TeamStore teams) {
        this.em = em;
        this.outbox = outbox;
        this.teams = teams;
    }

    /** The pair a view is made of. */
    record Member(User user, Membership membership) {}

    /** Inserts the user Keycloak now holds (id from there) and their membership of {@code tenantId}. */
    @Transactional
    public UserView insert(String tenantId, UUID id, UserDraft draft) {
        if (draft.roles().contains(Roles.AGENT)) {
            checkAgentLimit(tenantId, 1);
        }
        Instant now = Instant.now();
        User user = new User();
        user.id = id;
        user.createdAt = now;
        user.updatedAt = now;
        applyProfile(draft, user);
        user.status = draft.status();
        Membership membership = new Membership();
        membership.tenantId = tenantId;
        membership.userId = id;
        membership.createdAt = now;
        membership.updatedAt = now;
        applyMembership(draft, membership);
        try {
            em.persist(user);
            em.flush();
            em.persist(membership);
            em.flush();
        } catch (PersistenceException e) {
            throw emailTaken(e, draft.email());
        }
        // Keycloak was given exactly this state when the login was made
        em.createNativeQuery("update app_user set keycloak_synced_version = version, keycloak_synced_at = ?1"
                        + " where id = ?2")
                .setParameter(1, now)
                .setParameter(2, id)
                .executeUpdate();
        emitUser(EventTypes.TENANT_USER_CREATED, tenantId, user, List.of());
        emitMembership(EventTypes.TENANT_MEMBERSHIP_CREATED, membership);
        return view(new Member(user, membership), true);
    }

    @Transactional
    public Optional<Member> find(String tenantId, UUID id) {
        Membership membership = em.find(Membership.class, new Membership.Key(tenantId, id));
        if (membership == null) {
            return Optional.empty();
        }
        User user = em.find(User.class, id);
        return user == null || user.isDeleted() ? Optional.empty() : Optional.of(new Member(user, membership));
    }

    @Transactional
    public Optional<UserView> findView(String tenantId, UUID id) {
        return find(tenantId, id).map(m -> view(m, m.user().inKeycloak()));
    }

    /** Tenants other than {@code tenantId} the user belongs to (cross-tenant: only their count leaves this class). */
    @CrossTenant
    @Transactional
    public long otherTenants(UUID id, String tenantId) {
        return ((Number) em.createNativeQuery("select count(*) from membership where user_id = ?1 and tenant_id <> ?2")
                        .setParameter(1, id)
                        .setParameter(2, tenantId)
                        .getSingleResult())
                .longValue();
    }

    /** Applies a validated change of profile, status or membership; returns the new view and what changed. */
    @Transactional
    public UserView update(String tenantId, UUID id, UserDraft draft, List<String> changed) {
        Member member = find(tenantId, id).orElseThrow(() -> ProblemException.notFound("User", id.toString()));
        User user = member.user();
        Membership membership = member.membership();
        boolean becomesAgent = draft.roles().contains(Roles.AGENT)
                && !Arrays.asList(membership.roles).contains(Roles.AGENT);
        if (becomesAgent) {
            checkAgentLimit(tenantId, 1);
        }
        Instant now = Instant.now();
        List<String> profileChanges = changed.stream()
                .filter(f -> !f.startsWith("roles") && !f.startsWith("grants") && !f.startsWith("revokes"))
                .toList();
        if (!profileChanges.isEmpty()) {
            applyProfile(draft, user);
            user.status = draft.status();
            user.updatedAt = now;
        }
        boolean membershipChanged = profileChanges.size() != changed.size();
        if (membershipChanged) {
            applyMembership(draft, membership);
            membership.updatedAt = now;
            // the token claim changes: Keycloak must learn it, so the user's row (and its version) moves on too
            user.updatedAt = now;
        }
        try {
            em.flush();
        } catch (PersistenceException e) {
            throw emailTaken(e, draft.email());
        }
        if (!profileChanges.isEmpty()) {
            emitUser(EventTypes.TENANT_USER_UPDATED, tenantId, user, profileChanges);
        }
        if (membershipChanged) {
            emitMembership(EventTypes.TENANT_MEMBERSHIP_UPDATED, membership);
        }
        return view(member, false);
    }

    /**
     * Removes the user from the tenant; a user left in no tenant is deleted (soft: the login is disabled). Returns
     * whether the user was deleted.
     */
    @Transactional
    public boolean remove(String tenantId, UUID id, boolean lastMembership) {
        Member member = find(tenantId, id).orElseThrow(() -> ProblemException.notFound("User", id.toString()));
        Instant now = Instant.now();
        User user = member.user();
        // the user row first: once the membership is gone, row-level security hides the user from this tenant
        user.updatedAt = now;
        if (lastMembership) {
            user.deletedAt = now;
            user.status = UserStatus.INACTIVE;
        }
        em.flush();
        // out of the tenant's teams first, each with its tenant.team.updated event
        teams.dropUser(tenantId, id);
        emitMembership(EventTypes.TENANT_MEMBERSHIP_DELETED, member.membership());
        em.remove(member.membership());
        em.flush();
        if (lastMembership) {
            emitUser(EventTypes.TENANT_USER_DELETED, tenantId, user, List.of());
        }
        return lastMembership;
    }

    @Transactional
    public Page<UserView> search(String tenantId, UserFilter filter, PageRequest page) {
        StringBuilder where = new StringBuilder(" from membership m join app_user u on u.id = m.user_id"
                + " where m.tenant_id = :tenant and u.deleted_at is null");
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("tenant", tenantId);
        if (filter.text() != null) {
            where.append(" and (lower(u.email) like :text escape '\\' or lower(u.first_name || ' ' || u.last_name)"
                    + " like :text escape '\\')");
            params.put("text", "%" + escapeLike(filter.text().toLowerCase(Locale.ROOT)) + "%");
        }
        if (filter.status() != null) {
            where.append(" and u.status = :status");
            params.put("status", filter.status().value());
        }
        if (filter.role() != null) {
            where.append(" and cast(:role as text) = any (m.roles)");
            params.put("role", filter.role());
        }
        var count = em.createNativeQuery("select count(*)" + where);
        params.forEach(count::setParameter);
        long total = ((Number) count.getSingleResult()).longValue();
        List<String> order = new ArrayList<>();
        for (PageRequest.SortOrder sort : page.sort()) {
            order.add(SORTABLE.get(sort.field()) + (sort.ascending() ? " asc" : " desc"));
        }
        order.add("u.id");
        var query = em.createNativeQuery("select u.id" + where + " order by " + String.join(", ", order)
                        + " limit :limit offset :offset")
                .setParameter("limit", page.size())
                .setParameter("offset", page.offset());
        params.forEach(query::setParameter);
        List<UserView> items = new ArrayList<>();
        for (Object id : query.getResultList()) {
            find(tenantId, (UUID) id).ifPresent(m -> items.add(view(m, m.user().inKeycloak())));
        }
        return Page.of(items, page, total);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Keycloak

    /** What Keycloak must hold for the user, at which version of the row. */
    record IdentityState(UUID id, long version, Identity identity) {}

    @CrossTenant
    @Transactional
    public Optional<IdentityState> identityState(UUID id) {
        User user = em.find(User.class, id);
        if (user == null) {
            return Optional.empty();
        }
        Map<String, MembershipClaim> tenants = new LinkedHashMap<>();
        if (!user.isDeleted()) {
            List<Membership> memberships = em.createQuery(
                            "select m from Membership m where m.userId = :id order by m.tenantId", Membership.class)
                    .setParameter("id", id)
                    .getResultList();
            for (Membership m : memberships) {
                tenants.put(m.tenantId, new MembershipClaim(List.of(m.roles), List.of(m.grants), List.of(m.revokes)));
            }
        }
        return Optional.of(new IdentityState(
                id,
                user.version,
                new Identity(
                        user.email,
                        user.firstName,
                        user.lastName,
                        user.status == UserStatus.ACTIVE && !user.isDeleted(),
                        tenants)));
    }

    /** Records that Keycloak holds {@code version} of the user, unless the row has moved on meanwhile. */
    @CrossTenant
    @Transactional
    public void markSynced(UUID id, long version) {
        em.createNativeQuery("update app_user set keycloak_synced_version = ?1, keycloak_synced_at = ?2"
                        + " where id = ?3 and version = ?1")
                .setParameter(1, version)
                .setParameter(2, Instant.now())
                .setParameter(3, id)
                .executeUpdate();
    }

    /** Users whose latest change Keycloak does not hold yet, oldest first. */
    @CrossTenant
    @Transactional
    @SuppressWarnings("unchecked")
    public List<UUID> unsynced(int limit) {
        return em.createNativeQuery("select id from app_user where keycloak_synced_version is null"
                        + " or keycloak_synced_version < version order by updated_at limit ?1")
                .setParameter(1, limit)
                .getResultList();
    }

    /**
     * Records, for the audit log and subscribers, that the user's password was set, changed or a reset link was sent
     * ({@link UserModels.PasswordEvent}); Keycloak has already done it.
     */
    @Transactional
    public void passwordEvent(String type, String tenantId, UUID id, String method, boolean temporary) {
        User user = em.find(User.class, id);
        if (user == null) {
            return;
        }
        outbox.emit(new OutboxMessage(
                Topics.TENANT_EVENTS,
                type,
                tenantId,
                "user",
                id.toString(),
                new UserModels.PasswordEvent(id, user.email, method, temporary, utc(Instant.now()))));
    }

    /** Whether any user row, deleted or not, has this id. */
    @CrossTenant
    @Transactional
    public boolean exists(UUID id) {
        return em.find(User.class, id) != null;
    }

    // ---------------------------------------------------------------------------------------------------------------

    private void checkAgentLimit(String tenantId, int adding) {
        List<?> max = em.createNativeQuery("select max_agents from tenant where id = ?1 for update")
                .setParameter(1, tenantId)
                .getResultList();
        if (max.isEmpty()) {
            throw ProblemException.notFound("Tenant", tenantId);
        }
        int limit = ((Number) max.getFirst()).intValue();
        long agents = ((Number) em.createNativeQuery("select count(*) from membership m join app_user u on u.id ="
                                + " m.user_id where m.tenant_id = ?1 and 'agent' = any (m.roles)"
                                + " and u.deleted_at is null")
                        .setParameter(1, tenantId)
                        .getSingleResult())
                .longValue();
        if (agents + adding > limit) {
            throw new ProblemException(Problem.of(
                            ProblemType.LIMIT_EXCEEDED,
                            "Tenant '" + tenantId + "' has " + agents + " agents and may have " + limit
                                    + " (maxAgents); remove the agent role from someone or raise the limit")
                    .with("limit", limit)
                    .with("count", agents)
                    .withErrors(List.of(new FieldError("roles", "maxAgents of " + limit + " reached"))));
        }
    }

    private static void applyProfile(UserDraft draft, User user) {
        user.email = draft.email().strip();
        user.firstName = draft.firstName().strip();
        user.lastName = draft.lastName().strip();
        user.phone = draft.phone();
        user.avatarUrl = draft.avatarUrl();
    }

    private static void applyMembership(UserDraft draft, Membership membership) {
        membership.roles = ordered(draft.roles(), Roles.TENANT_ROLES);
        membership.grants = ordered(draft.grants(), Permissions.ALL);
        membership.revokes = ordered(draft.revokes(), Permissions.ALL);
    }

    /** The distinct values in the order of {@code known}, so that equal sets are equal arrays. */
    private static String[] ordered(List<String> values, List<String> known) {
        return known.stream().filter(values::contains).toArray(String[]::new);
    }

    static UserView view(Member member, boolean synced) {
        User u = member.user();
        Membership m = member.membership();
        List<String> roles = List.of(m.roles);
        List<String> grants = List.of(m.grants);
        List<String> revokes = List.of(m.revokes);
        List<String> permissions = permissions(m);
        return new UserView(
                u.id,
                u.email,
                u.firstName,
                u.lastName,
                u.phone,
                u.avatarUrl,
                u.status,
                m.tenantId,
                roles,
                grants,
                revokes,
                permissions,
                synced ? "synced" : "pending",
                utc(u.createdAt),
                utc(u.updatedAt),
                u.version);
    }

    private void emitUser(String type, String tenantId, User u, List<String> changed) {
        UserEvent data = new UserEvent(
                u.id,
                u.email,
                u.firstName,
                u.lastName,
                u.phone,
                u.avatarUrl,
                u.status,
                changed,
                utc(u.createdAt),
                utc(u.updatedAt),
                utc(u.deletedAt),
                u.version);
        outbox.emit(new OutboxMessage(Topics.TENANT_EVENTS, type, tenantId, "user", u.id.toString(), data));
    }

    private void emitMembership(String type, Membership m) {
        MembershipEvent data = new MembershipEvent(
                m.tenantId,
                m.userId,
                List.of(m.roles),
                List.of(m.grants),
                List.of(m.revokes),
                permissions(m),
                utc(m.createdAt),
                utc(m.updatedAt),
                m.version);
        outbox.emit(new OutboxMessage(
                Topics.TENANT_EVENTS, type, m.tenantId, "membership", m.tenantId + "/" + m.userId, data));
    }

    /** The membership's effective permissions, in the order of {@link Permissions#ALL}. */
    private static List<String> permissions(Membership m) {
        var effective = Permissions.effective(Set.of(m.roles), Set.of(m.grants), Set.of(m.revokes));
        return Permissions.ALL.stream().filter(effective::contains).toList();
    }

    private static ProblemException emailTaken(PersistenceException e, String email) {
        if (e instanceof ConstraintViolationException || e.getCause() instanceof ConstraintViolationException) {
            return new ProblemException(Problem.of(
                            ProblemType.ALREADY_EXISTS, "A Switchboard login with e-mail " + email + " already exists")
                    .withErrors(List.of(new FieldError("email", "is taken"))));
        }
        throw e;
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
