package io.switchboard.gateway.system;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.switchboard.testing.LocalStack;
import io.switchboard.testing.ServiceProcess;
import io.switchboard.testing.TenantFixtures;
import io.switchboard.testing.TestUsers.TestUser;
import io.switchboard.testing.ari.AriSimulator;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Every service built so far (tenant-service, telephony-service, routing-service, webhook-dispatcher,
 * helpdesk-service, chat-service), packaged and
 * run as deployed (each its own JVM, on the test database, against the local Kafka and Keycloak; telephony-service
 * with the ARI simulator as its Asterisk), and the gateway under test routed to them. Consumer groups are this test's own, so a running {@code make run} is not disturbed.
 */
public class PlatformServices implements QuarkusTestResourceLifecycleManager {

    private final List<ServiceProcess> running = new ArrayList<>();
    /**
     * Where tests reach the control API of the ARI simulator that telephony-service is connected to (Asterisk's side:
     * place calls, hang up; credentials system/system). Tests run in another class loader than this resource, so they
     * get the URL through the configuration, not the object.
     */
    static final String ARI_CONTROL_URL = "switchboard.test.ari-control-url";

    private AriSimulator asterisk;

    /** The database roles of the services that keep a tenant directory, as started here. */
    private static final List<String> DIRECTORIES =
            List.of("telephony_service", "routing_service", "webhook_dispatcher", "helpdesk_service", "chat_service");

    /**
     * Creates an active tenant through the gateway as the superadmin, and waits until every service's tenant directory
     * has it (before, their tenant-scoped endpoints answer that the tenant is unknown).
     */
    static String createTenant(TestUser superadmin, String prefix) {
        String tenant = TenantFixtures.newTenantId(prefix);
        io.restassured.RestAssured.given()
                .auth()
                .oauth2(superadmin.token())
                .contentType("application/json")
                .body(Map.of("id", tenant, "name", "System test " + tenant))
                .post("/api/v1/tenants")
                .then()
                .statusCode(201);
        for (String service : DIRECTORIES) {
            TenantFixtures.awaitInDirectory(service, tenant, "active", LocalStack.systemDatabaseUrl());
        }
        return tenant;
    }

    @Override
    public Map<String, String> start() {
        asterisk = AriSimulator.start("switchboard", "system", "system");
        asterisk.enableControlApi();
        String database = LocalStack.systemDatabaseUrl(); // the services' own, apart from the module tests'
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        CompletableFuture<ServiceProcess> tenants = start(
                "tenant-service",
                List.of(
                        "-Dmp.messaging.incoming.tenant-events.group.id=tenant-service-gateway-system",
                        "-Dswitchboard.tenant.login-owner=switchboard-test"),
                Map.of("DB_URL", database));
        CompletableFuture<ServiceProcess> telephony = start(
                "telephony-service",
                List.of(
                        "-Dmp.messaging.incoming.tenant-events.group.id=telephony-service-gateway-system",
                        "-Dmp.messaging.incoming.tenant-dialplan.group.id=telephony-dialplan-gateway-system",
                        "-Dswitchboard.telephony.ari.url=" + asterisk.baseUrl(),
                        "-Dswitchboard.telephony.ari.username=system",
                        "-Dswitchboard.telephony.ari.password=system"),
                Map.of("DB_URL", database));
        CompletableFuture<ServiceProcess> webhooks = start(
                "webhook-dispatcher",
                List.of(
                        "-Dmp.messaging.incoming.tenant-events.group.id=webhook-dispatcher-gateway-system",
                        "-Dmp.messaging.incoming.webhook-fanout.group.id=webhook-delivery-gateway-system"),
                Map.of(
                        "DB_URL",
                        database,
                        "SWITCHBOARD_WEBHOOK_ENCRYPTION_KEY",
                        Base64.getEncoder().encodeToString(key),
                        "SWITCHBOARD_WEBHOOK_TARGETS_ALLOW_PRIVATE",
                        "true",
                        "SWITCHBOARD_WEBHOOK_TARGETS_REQUIRE_HTTPS",
                        "false"));
        byte[] routingKey = new byte[32];
        new SecureRandom().nextBytes(routingKey);
        CompletableFuture<ServiceProcess> routing = start(
                "routing-service",
                List.of(
                        "-Dmp.messaging.incoming.tenant-events.group.id=routing-service-gateway-system",
                        "-Dmp.messaging.incoming.telephony-events.group.id=routing-catalogue-gateway-system",
                        "-Dmp.messaging.incoming.telephony-sms.group.id=routing-sms-gateway-system"),
                Map.of(
                        "DB_URL",
                        database,
                        "SWITCHBOARD_ROUTING_ENCRYPTION_KEY",
                        Base64.getEncoder().encodeToString(routingKey),
                        // DIDs' SMS webhooks go to receivers on 127.0.0.1 in these tests
                        "SWITCHBOARD_ROUTING_WEBHOOK_ALLOW_PRIVATE",
                        "true",
                        "SWITCHBOARD_ROUTING_WEBHOOK_REQUIRE_HTTPS",
                        "false"));
        CompletableFuture<ServiceProcess> helpdesk = start(
                "helpdesk-service",
                List.of("-Dmp.messaging.incoming.tenant-events.group.id=helpdesk-service-gateway-system"),
                Map.of("DB_URL", database));
        byte[] chatKey = new byte[32];
        new SecureRandom().nextBytes(chatKey);
        CompletableFuture<ServiceProcess> chat = start(
                "chat-service",
                List.of("-Dmp.messaging.incoming.tenant-events.group.id=chat-service-gateway-system"),
                Map.of(
                        "DB_URL",
                        database,
                        "SWITCHBOARD_CHAT_TOKEN_KEY",
                        Base64.getEncoder().encodeToString(chatKey)));
        List<CompletableFuture<ServiceProcess>> all = List.of(tenants, telephony, webhooks, routing, helpdesk, chat);
        try {
            CompletableFuture.allOf(tenants, telephony, webhooks, routing, helpdesk, chat)
                    .join();
        } catch (CompletionException e) {
            // keep what did start, so that stop() ends it
            for (CompletableFuture<ServiceProcess> service : all) {
                if (!service.isCompletedExceptionally()) {
                    join(service);
                }
            }
            stop();
            throw e;
        }
        Map<String, String> routes = new LinkedHashMap<>();
        routes.put(
                "switchboard.gateway.routes.tenant-service.url", join(tenants).url());
        routes.put(
                "switchboard.gateway.routes.telephony-service.url",
                join(telephony).url());
        routes.put(
                "switchboard.gateway.routes.webhook-dispatcher.url",
                join(webhooks).url());
        routes.put(
                "switchboard.gateway.routes.routing-service.url", join(routing).url());
        routes.put(
                "switchboard.gateway.routes.helpdesk-service.url",
                join(helpdesk).url());
        routes.put("switchboard.gateway.routes.chat-service.url", join(chat).url());
        routes.put(ARI_CONTROL_URL, asterisk.baseUrl() + "sim");
        return routes;
    }

    private CompletableFuture<ServiceProcess> start(
            String module, List<String> jvmOptions, Map<String, String> environment) {
        Path root = LocalStack.repoRoot();
        List<String> options = new ArrayList<>(List.of("-Xmx256m"));
        options.addAll(jvmOptions);
        return CompletableFuture.supplyAsync(() -> {
            try {
                return ServiceProcess.start(
                        root.resolve(module).resolve("target/quarkus-app/quarkus-run.jar"),
                        root.resolve("gateway/target/system-" + module + ".log"),
                        options,
                        environment);
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        });
    }

    private ServiceProcess join(CompletableFuture<ServiceProcess> service) {
        ServiceProcess process = service.join();
        synchronized (running) {
            running.add(process);
        }
        return process;
    }

    @Override
    public void stop() {
        for (ServiceProcess service : running) {
            try {
                service.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (asterisk != null) {
            asterisk.close();
        }
    }
}
