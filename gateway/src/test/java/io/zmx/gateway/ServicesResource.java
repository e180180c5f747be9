package io.zmx.gateway;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.Map;

/** The three services behind the gateway, as WireMock servers on free loopback ports. */
public class ServicesResource implements QuarkusTestResourceLifecycleManager {

    public static WireMockServer registry;
    public static WireMockServer compliance;
    public static WireMockServer export;

    @Override
    public synchronized Map<String, String> start() {
        registry = start(registry);
        compliance = start(compliance);
        export = start(export);
        Map<String, String> config = new HashMap<>();
        config.put("zmx.gateway.services.registry.url", registry.baseUrl());
        config.put("zmx.gateway.services.compliance.url", compliance.baseUrl());
        config.put("zmx.gateway.services.export.url", export.baseUrl());
        // were tracing on, spans would be exported here (OTLP over HTTP), where TracingSwitchTest looks for them
        config.put("quarkus.otel.exporter.otlp.traces.endpoint", registry.baseUrl());
        config.put("quarkus.otel.exporter.otlp.traces.protocol", "http/protobuf");
        config.put("quarkus.otel.bsp.schedule.delay", "100ms");
        return config;
    }

    private static WireMockServer start(WireMockServer existing) {
        if (existing != null && existing.isRunning()) {
            return existing;
        }
        WireMockServer server = new WireMockServer(WireMockConfiguration.options()
                .bindAddress("127.0.0.1").dynamicPort());
        server.start();
        return server;
    }

    @Override
    public void stop() {
        for (WireMockServer server : new WireMockServer[] {registry, compliance, export}) {
            if (server != null) {
                server.stop();
            }
        }
    }
}
