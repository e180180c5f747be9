package io.zmx.compliance;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;

/**
 * What the packaged service (prod profile, run by {@code @QuarkusIntegrationTest}) needs beside the suite-wide
 * resources ({@link TestResources}: PostgreSQL and the WireMock OIDC issuer, whose URLs reach it as system
 * properties): the issuer settings the {@code %test} profile would give, plain-text logs, and a known management
 * port for the health checks.
 */
public class PackagedServiceResource implements QuarkusTestResourceLifecycleManager {

    static volatile int managementPort;

    @Override
    public Map<String, String> start() {
        managementPort = freePort();
        return Map.of(
                "quarkus.oidc.auth-server-url", "${keycloak.url}/realms/quarkus/",
                "quarkus.oidc.client-id", "quarkus-service-app",
                "quarkus.oidc.token.issuer", "https://server.example.com",
                "quarkus.management.port", Integer.toString(managementPort),
                "quarkus.management.host", "127.0.0.1",
                "quarkus.log.console.json.enabled", "false");
    }

    @Override
    public void stop() {
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
