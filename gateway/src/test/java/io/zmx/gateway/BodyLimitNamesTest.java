package io.zmx.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.zmx.edge.EdgeConfig;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * One name for one limit (issue 12): the gateway reads the JSON body limit as {@code zmx.http.max-json-body}, the name
 * every service reads, from the gateway's own application.properties; the operator's {@code ZMX_MAX_JSON_BODY} still
 * sets it, and the old {@code zmx.gateway.body.max-json} is refused at start instead of being silently ignored.
 */
class BodyLimitNamesTest {

    @Test
    void zmxMaxJsonBodySetsTheGatewaysJsonLimit() throws IOException {
        assertEquals(1_048_576, config(Map.of(), Map.of()).getConfigMapping(EdgeConfig.class).maxJsonBody());
        EdgeConfig set = config(Map.of("ZMX_MAX_JSON_BODY", "2048"), Map.of()).getConfigMapping(EdgeConfig.class);
        assertEquals(2048, set.maxJsonBody());
        assertEquals(java.util.List.of("/api/v1/imports"), set.streamedPaths());
        assertEquals(536_870_912, config(Map.of(), Map.of()).getConfigMapping(GatewayConfig.class).body().maxUpload());
    }

    @Test
    void theOldNameStopsTheGatewayInsteadOfBeingIgnored() {
        RuntimeException refused = assertThrows(RuntimeException.class,
                () -> config(Map.of(), Map.of("zmx.gateway.body.max-json", "2048")));
        String why = String.valueOf(refused.getMessage());
        assertTrue(why.contains("SRCFG00050") && why.contains("zmx.gateway.body.max-json"), why); // "does not map to any root"
    }

    /** The gateway's application.properties (prod profile), an environment and extra properties, as Quarkus reads them. */
    private static SmallRyeConfig config(Map<String, String> env, Map<String, String> extra) throws IOException {
        return new SmallRyeConfigBuilder()
                .addDefaultInterceptors()
                .withProfile("prod")
                .withConverter(java.time.Duration.class, 200, new io.quarkus.runtime.configuration.DurationConverter())
                .withSources(new PropertiesConfigSource(BodyLimitNamesTest.class.getResource("/application.properties"), 250))
                .withSources(new io.smallrye.config.EnvConfigSource(env, 300))
                .withSources(new PropertiesConfigSource(extra, "extra", 400))
                .withMapping(EdgeConfig.class)
                .withMapping(GatewayConfig.class)
                .build();
    }
}
