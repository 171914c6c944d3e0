package io.switchboard.tenant.user;

import io.quarkus.scheduler.Scheduled;
import io.switchboard.commons.tenant.TenantTasks;
import io.switchboard.tenant.config.TenantServiceConfig;
import io.switchboard.tenant.user.UserStore.IdentityState;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * Keeps Keycloak in step with the users and memberships of this service, which are the source of truth. Every change
 * commits in PostgreSQL first (with its events) and leaves the user's row ahead of the version Keycloak holds; it is
 * then pushed at once, and, if Keycloak could not be reached, again by {@link #reconcile()} until it is. A login
 * therefore never diverges from its user for longer than Keycloak is down, and no write is lost to its outage.
 */
@ApplicationScoped
public class IdentitySync {

    private static final Logger LOG = Logger.getLogger(IdentitySync.class);
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final int SWEEP_PAGE = 200;

    private final UserStore store;
    private final KeycloakUsers keycloak;
    private final TenantTasks tasks;
    private final PlatformWork platform;
    private final Duration orphanGrace;

    public IdentitySync(
            UserStore store,
            KeycloakUsers keycloak,
            TenantTasks tasks,
            PlatformWork platform,
            TenantServiceConfig config) {
        this.orphanGrace = config.orphanGrace();
        this.store = store;
        this.keycloak = keycloak;
        this.tasks = tasks;
        this.platform = platform;
    }

    /** Pushes the user's committed state to Keycloak now; false when it must wait for the next reconciliation. */
    public boolean push(UUID id) {
        try {
            return platform.run(() -> pushNow(id), WAIT.toSeconds());
        } catch (TimeoutException | RuntimeException e) {
            LOG.warnf("Keycloak does not hold user %s yet (%s); it is retried", id, e.toString());
            return false;
        }
    }

    /** Every user whose latest change Keycloak does not hold, oldest first. */
    @Scheduled(
            every = "${switchboard.tenant.identity-sync-every:15s}",
            delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void reconcile() {
        tasks.run(null, () -> {
            List<UUID> behind = store.unsynced(200);
            int pushed = 0;
            for (UUID id : behind) {
                if (!pushNow(id)) {
                    break; // Keycloak is still down: try again at the next run
                }
                pushed++;
            }
            if (!behind.isEmpty()) {
                LOG.infof("Brought %d of %d users up to date in Keycloak", pushed, behind.size());
            }
        });
    }

    /**
     * Logins are made in Keycloak before their user is stored (Keycloak chooses the id); a process that dies in between
     * leaves a login without a user, which also keeps its e-mail taken. This finds the logins this service made (they
     * carry the {@code switchboardManaged} attribute) that are older than the grace period and have no user row,
     * deleted or not, and removes them. Safe with several replicas: removing a removed login is a no-op.
     */
    @Scheduled(
            every = "${switchboard.tenant.orphan-sweep-every:10m}",
            delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweepOrphansOnSchedule() {
        sweepOrphans(orphanGrace);
    }

    /** Removes the orphaned logins older than {@code grace}; returns their ids (none when Keycloak is unreachable). */
    List<UUID> sweepOrphans(Duration grace) {
        Instant cutoff = Instant.now().minus(grace);
        List<KeycloakUsers.ManagedLogin> logins = new ArrayList<>();
        try {
            for (int first = 0; ; first += SWEEP_PAGE) {
                List<KeycloakUsers.ManagedLogin> page = keycloak.managed(first, SWEEP_PAGE);
                logins.addAll(page);
                if (page.size() < SWEEP_PAGE) {
                    break;
                }
            }
        } catch (KeycloakUsers.Unavailable e) {
            LOG.warnf("Orphaned logins not looked for: %s", e.getMessage());
            return List.of();
        }
        List<UUID> removed = new ArrayList<>();
        for (KeycloakUsers.ManagedLogin login : logins) {
            if (login.createdAt().isAfter(cutoff) || tasks.run(null, () -> store.exists(login.id()))) {
                continue;
            }
            try {
                keycloak.delete(login.id());
                removed.add(login.id());
                LOG.warnf(
                        "Removed login %s (%s): made in Keycloak at %s but its user was never stored",
                        login.id(), login.username(), login.createdAt());
            } catch (KeycloakUsers.Unavailable e) {
                LOG.warnf("Orphaned login %s not removed yet: %s", login.id(), e.getMessage());
                break;
            }
        }
        return removed;
    }

    private boolean pushNow(UUID id) {
        Optional<IdentityState> state = store.identityState(id);
        if (state.isEmpty()) {
            return true;
        }
        try {
            keycloak.update(id, state.get().identity());
        } catch (KeycloakUsers.Unavailable e) {
            LOG.warnf("Keycloak does not hold user %s yet: %s", id, e.getMessage());
            return false;
        }
        store.markSynced(id, state.get().version());
        return true;
    }
}
