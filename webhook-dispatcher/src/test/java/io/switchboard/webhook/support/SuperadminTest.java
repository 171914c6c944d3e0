package io.switchboard.webhook.support;

import io.switchboard.testing.TestUsers;
import io.switchboard.testing.TestUsers.TestUser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base of the tests that drive the API with real Keycloak users: a platform superadmin (who may act for any tenant id,
 * registered or not, and for the platform scope), created once per test class, and the dispatcher's consumers ready
 * before the first event is published. Users a test creates through {@link #users} are deleted after the class.
 */
public abstract class SuperadminTest {

    protected static final TestUsers users = new TestUsers();
    protected static TestUser superadmin;

    @BeforeEach
    void superadminAndConsumers() {
        if (superadmin == null) {
            // once per class: the application is not reachable yet in @BeforeAll
            superadmin = users.superadmin();
            Events.awaitConsumersReady();
        }
    }

    @AfterAll
    static void removeUsers() {
        users.close();
        superadmin = null;
    }
}
