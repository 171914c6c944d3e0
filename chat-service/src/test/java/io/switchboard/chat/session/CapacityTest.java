package io.switchboard.chat.session;

import static io.switchboard.chat.support.Fixtures.as;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.chat.support.Fixtures;
import io.switchboard.chat.support.Fixtures.Visit;
import io.switchboard.chat.support.Fixtures.Widget;
import io.switchboard.testing.TestUsers;
import io.switchboard.testing.TestUsers.TestUser;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Agent capacity under concurrency, and the queue's order and positions. */
@QuarkusTest
class CapacityTest {

    private static final TestUsers users = new TestUsers();

    @AfterAll
    static void cleanup() {
        users.close();
    }

    @Test
    void thirtySessionsAtOnceNeverOverAssignAndTheRestQueueInArrivalOrder() throws Exception {
        String tenant = Fixtures.tenant("cap");
        TestUser admin = users.member(tenant, "tenant_admin");
        TestUser two = users.member(tenant, "agent");
        TestUser three = users.member(tenant, "agent");
        Widget widget = Fixtures.widget(admin, tenant, Map.of());
        Fixtures.agent(admin, tenant, two, Map.of("maxConcurrentChats", 2, "availability", "online"));
        Fixtures.agent(admin, tenant, three, Map.of("maxConcurrentChats", 3, "availability", "online"));

        List<Visit> visits = parallel(30, i -> Fixtures.start(widget.key(), "Visitor " + i));

        List<Map<String, Object>> sessions = as(admin, tenant)
                .get("/api/v1/chat/sessions?size=100")
                .then()
                .statusCode(200)
                .extract()
                .path("items");
        assertThat(sessions).hasSize(30);
        assertThat(sessions.stream().filter(s -> two.id().equals(s.get("assignedTo"))))
                .hasSize(2);
        assertThat(sessions.stream().filter(s -> three.id().equals(s.get("assignedTo"))))
                .hasSize(3);
        assertThat(sessions.stream().filter(s -> "queued".equals(s.get("status"))))
                .hasSize(25);
        as(admin, tenant)
                .get("/api/v1/chat/agents/" + two.id())
                .then()
                .body("currentChats", org.hamcrest.Matchers.equalTo(2));
        as(admin, tenant)
                .get("/api/v1/chat/agents/" + three.id())
                .then()
                .body("currentChats", org.hamcrest.Matchers.equalTo(3));

        // sessions that arrive in the same milliseconds are concurrent: which of them commit in time for the first
        // dispatch is not an order; the ones left wait in arrival order, positions 1..25
        List<Map<String, Object>> waiting = sessions.stream()
                .filter(s -> "queued".equals(s.get("status")))
                .sorted(Comparator.comparing((Map<String, Object> s) -> (String) s.get("queuedAt"))
                        .thenComparing(s -> (String) s.get("id")))
                .toList();
        List<Map<String, Object>> queue = as(admin, tenant)
                .get("/api/v1/chat/queue")
                .then()
                .statusCode(200)
                .extract()
                .path("");
        assertThat(queue)
                .extracting(s -> s.get("id"))
                .containsExactlyElementsOf(
                        waiting.stream().map(s -> s.get("id")).toList());
        for (int i = 0; i < queue.size(); i++) {
            @SuppressWarnings("unchecked")
            Map<String, Object> position = (Map<String, Object>) queue.get(i).get("queue");
            assertThat(position.get("position")).isEqualTo(i + 1);
            assertThat(((Number) position.get("estimatedWaitSeconds")).longValue())
                    .isPositive();
        }
        String first = (String) queue.get(0).get("id");
        Visit firstVisit = visits.stream()
                .filter(v -> v.sessionId().equals(first))
                .findFirst()
                .orElseThrow();
        Fixtures.visitor()
                .header(VisitorResource.TOKEN_HEADER, firstVisit.token())
                .get("/api/v1/chat/public/sessions/" + first)
                .then()
                .body("queue.position", org.hamcrest.Matchers.equalTo(1));

        // a freed place goes to the head of the queue
        String active = sessions.stream()
                .filter(s -> two.id().equals(s.get("assignedTo")))
                .findFirst()
                .map(s -> (String) s.get("id"))
                .orElseThrow();
        as(two, tenant).post("/api/v1/chat/sessions/" + active + "/end").then().statusCode(200);
        as(admin, tenant)
                .get("/api/v1/chat/sessions/" + first)
                .then()
                .body("status", org.hamcrest.Matchers.equalTo("active"))
                .body("assignedTo", org.hamcrest.Matchers.equalTo(two.id()));
        as(admin, tenant)
                .get("/api/v1/chat/queue")
                .then()
                .body("[0].queue.position", org.hamcrest.Matchers.equalTo(1))
                .body("size()", org.hamcrest.Matchers.equalTo(24));
    }

    @Test
    void anAgentAcceptingManySessionsAtOnceStopsAtTheLimit() throws Exception {
        String tenant = Fixtures.tenant("acc");
        TestUser admin = users.member(tenant, "tenant_admin");
        TestUser agent = users.member(tenant, "agent");
        Widget widget = Fixtures.widget(admin, tenant, Map.of("routing", Map.of("autoAssign", false)));
        Fixtures.agent(admin, tenant, agent, Map.of("maxConcurrentChats", 3, "availability", "online"));
        List<Visit> visits = parallel(12, i -> Fixtures.start(widget.key(), "V" + i));
        agent.token();
        List<Integer> statuses = parallel(
                12,
                i -> as(agent, tenant)
                        .post("/api/v1/chat/sessions/" + visits.get(i).sessionId() + "/accept")
                        .then()
                        .extract()
                        .statusCode());
        assertThat(statuses.stream().filter(s -> s == 200)).hasSize(3);
        assertThat(statuses.stream().filter(s -> s == 409)).hasSize(9);
        as(admin, tenant)
                .get("/api/v1/chat/agents/" + agent.id())
                .then()
                .body("currentChats", org.hamcrest.Matchers.equalTo(3));
    }

    private static <T> List<T> parallel(int count, java.util.function.IntFunction<T> work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(count);
        try {
            List<Callable<T>> tasks = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int n = i;
                tasks.add(() -> work.apply(n));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> f : pool.invokeAll(tasks)) {
                results.add(f.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
