package io.zmx.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * Tracing is off unless an exporter is named at run time ({@code ZMX_OTEL_EXPORTER}): with "none" (the default, and
 * the Kubernetes base) the OpenTelemetry SDK is disabled, so no span is made per request only to be dropped, and an
 * operator turns tracing on with the one variable the README names, without a rebuild.
 */
@QuarkusTest
class TracingSwitchTest {

    private static final String[] MODULES = {"gateway", "registry-service", "compliance-service", "export-service"};

    /**
     * With tracing off the gateway makes and exports no span: after proxied requests, nothing reaches the OTLP
     * endpoint the tests configure (ServicesResource), though the batch processor would have sent within 100 ms.
     * (Run with ZMX_OTEL_EXPORTER=otlp and this test fails: the spans arrive.)
     */
    @Test
    void theRunningGatewayMakesNoSpansWhenNoExporterIsNamed() throws InterruptedException {
        ServicesResource.registry.resetAll();
        ServicesResource.registry.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{}")));
        for (int i = 0; i < 5; i++) {
            given().header("Authorization", Tokens.bearer("customs")).get("/api/v1/vins/LGXCE4CB0R0123456")
                    .then().statusCode(200);
        }
        Thread.sleep(1500);
        ServicesResource.registry.verify(5, getRequestedFor(urlPathEqualTo("/api/v1/vins/LGXCE4CB0R0123456")));
        ServicesResource.registry.verify(0, postRequestedFor(urlPathMatching("/v1/traces.*")));
    }

    @Test
    void everyServiceTurnsTheSdkOnExactlyWhenAnExporterIsNamed() throws IOException {
        for (String module : MODULES) {
            assertEquals("true", sdkDisabled(module, null), module + ", variable unset");
            assertEquals("true", sdkDisabled(module, "none"), module + ", none");
            assertEquals("false", sdkDisabled(module, "otlp"), module + ", otlp");
            assertEquals("cdi", resolved(module, "otlp", "quarkus.otel.traces.exporter"),
                    module + ": the build-time exporter is the OTLP one, used only when the SDK is on");
        }
    }

    private static String sdkDisabled(String module, String exporter) throws IOException {
        return resolved(module, exporter, "quarkus.otel.sdk.disabled");
    }

    /** A property of the module's application.properties as SmallRye Config resolves it, with the variable set or not. */
    private static String resolved(String module, String exporter, String name) throws IOException {
        Properties properties = new Properties();
        Path file = Path.of("..", module, "src/main/resources/application.properties");
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        }
        Map<String, String> values = new HashMap<>();
        properties.forEach((k, v) -> values.put((String) k, (String) v));
        Map<String, String> environment = new HashMap<>();
        if (exporter != null) {
            environment.put("ZMX_OTEL_EXPORTER", exporter);
        }
        SmallRyeConfig config = new SmallRyeConfigBuilder().addDefaultInterceptors()
                .withSources(new PropertiesConfigSource(values, "application.properties", 250))
                .withSources(new PropertiesConfigSource(environment, "environment", 300))
                .build();
        return config.getRawValue(name);
    }
}
