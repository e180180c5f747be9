package io.zmx.gateway;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/** Everything an operator tunes on the gateway; defaults in application.properties, env overrides there. */
@ConfigMapping(prefix = "zmx.gateway")
public interface GatewayConfig {

    /** Keyed by {@link io.zmx.gateway.client.Backend#key()}: registry, compliance, export. */
    Map<String, Service> services();

    RateLimit rateLimit();

    BodyLimits body();

    Console console();

    /** The web console at {@code /console}: a public OIDC client (authorization code + PKCE) in the browser. */
    interface Console {
        /** The issuer the browser signs in at; its origin is the only other one the console may connect to. */
        String issuer();

        /** The console's public client in the realm. */
        @WithDefault("zmx-console")
        String clientId();
    }

    interface Service {
        URI url();

        /** No byte from the service for this long fails the call (504). */
        @WithDefault("10s")
        Duration timeout();

        @WithDefault("2s")
        Duration connectTimeout();

        @WithDefault("64")
        int maxConnections();

        CircuitBreaker circuitBreaker();
    }

    interface CircuitBreaker {
        /** Consecutive failures (connection errors, timeouts, 5xx) that open the circuit. */
        @WithDefault("5")
        int failures();

        /** How long an open circuit refuses calls before letting one through to probe the service. */
        @WithDefault("10s")
        Duration reset();
    }

    interface RateLimit {
        @WithDefault("true")
        boolean enabled();

        /** Sustained requests per second per client (token azp / client_id, else subject). */
        @WithDefault("50")
        double requestsPerSecond();

        /** Bucket size: short bursts above the sustained rate that are still served. */
        @WithDefault("100")
        int burst();

        /** Most clients whose buckets are remembered at once (least recently seen forgotten first). */
        @WithDefault("100000")
        long maxClients();
    }

    /**
     * The JSON body limit and the bulk paths are the edge's, named as in every service
     * ({@code zmx.http.max-json-body}, {@code zmx.http.streamed-paths}: {@link io.zmx.edge.EdgeConfig}).
     */
    interface BodyLimits {
        /** Largest body for the streamed bulk paths ({@code zmx.http.streamed-paths}), which the gateway passes on. */
        @WithDefault("536870912")
        long maxUpload();
    }
}
