package io.zmx.export;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** WireMock standing in for registry-service and compliance-service (their contracts: see the *ContractTest classes). */
public class DependenciesResource implements QuarkusTestResourceLifecycleManager {

    private static WireMockServer server;

    @Override
    public synchronized Map<String, String> start() {
        if (server == null) {
            server = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1")
                    .containerThreads(40));
            server.start();
            // compliance evaluates any destination (its contract has no "unknown destination" answer): a filing a
            // test leaves behind without its own stub is cleared, not retried until the circuit breaker opens
            server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(
                            com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/api/v1/evaluations"))
                    .atPriority(10).willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(201)
                            .withHeader("Content-Type", "application/json").withBody("""
                                    {"id":"ev-any","outcome":"CLEARED","lane":"GREEN","hits":[],"ruleSets":[],
                                     "asOf":"2026-12-01","evaluatedAt":"2026-11-29T10:00:00Z"}""")));
        }
        String url = "http://127.0.0.1:" + server.port();
        return Map.of("quarkus.rest-client.registry.url", url, "quarkus.rest-client.compliance.url", url);
    }

    public static WireMockServer wiremock() {
        return server;
    }

    @Override
    public void stop() {
        // lives as long as the JVM, like the database
    }
}
