package io.zmx.gateway.web;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.zmx.gateway.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;

/**
 * The web console's edge: its static files are Quarkus' own ({@code META-INF/resources/console}); this adds the
 * headers every console answer carries (a strict Content-Security-Policy: scripts and styles only from the
 * gateway itself, no inline code, connections only to the gateway and the issuer), {@code /console} → {@code
 * /console/}, and {@code /console/config.json}, the two facts the browser needs to sign in (issuer, client id).
 */
@ApplicationScoped
public class ConsoleRoutes {

    public static final String PREFIX = "/console";

    private final String issuer;
    private final String clientId;
    private final String policy;

    ConsoleRoutes(GatewayConfig config) {
        this.issuer = trimSlash(config.console().issuer());
        this.clientId = config.console().clientId();
        this.policy = contentSecurityPolicy(issuer);
    }

    void headers(@Observes Filters filters) {
        filters.register(rc -> {
            String path = rc.normalizedPath();
            if (path.equals(PREFIX) || path.startsWith(PREFIX + "/")) {
                rc.response().headers()
                        .set("Content-Security-Policy", policy)
                        .set("X-Content-Type-Options", "nosniff")
                        .set("Referrer-Policy", "no-referrer")
                        .set("X-Frame-Options", "DENY")
                        .set("Cross-Origin-Opener-Policy", "same-origin")
                        .set("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
                        // small files that change with each release: revalidated, never stale
                        .set(HttpHeaders.CACHE_CONTROL, "no-cache");
            }
            rc.next();
        }, 900);
    }

    void routes(@Observes Router router) {
        // Vert.x matches "/console/" on this route too: only the bare path is redirected
        router.get(PREFIX).order(-10).handler(rc -> {
            if (rc.request().path().equals(PREFIX)) {
                rc.response().setStatusCode(302).putHeader(HttpHeaders.LOCATION, PREFIX + "/").end();
            } else {
                rc.next();
            }
        });
        router.get(PREFIX + "/config.json").order(-10).handler(rc -> rc.response()
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(new JsonObject().put("issuer", issuer).put("clientId", clientId)
                        .put("scope", "openid").encode()));
    }

    /**
     * No inline script or style, no eval, nothing from another origin but the issuer's token and discovery
     * endpoints, no framing, no form posts, no {@code <base>}.
     */
    static String contentSecurityPolicy(String issuer) {
        return "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
                + "connect-src 'self' " + origin(issuer) + "; manifest-src 'self'; base-uri 'none'; "
                + "form-action 'none'; frame-ancestors 'none'";
    }

    static String origin(String url) {
        URI uri = URI.create(url);
        String origin = uri.getScheme() + "://" + uri.getHost();
        return uri.getPort() < 0 ? origin : origin + ":" + uri.getPort();
    }

    private static String trimSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
