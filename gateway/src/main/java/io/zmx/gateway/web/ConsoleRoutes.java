package io.zmx.gateway.web;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.zmx.gateway.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPOutputStream;

/**
 * The web console's edge. Its files ({@code META-INF/resources/console}) are served here, gzip-compressed once
 * when first asked for and kept in memory (a few dozen small files), with an ETag; every console answer carries
 * a strict Content-Security-Policy (scripts and styles only from the gateway itself, no inline code,
 * connections only to the gateway and the issuer). {@code /console} → {@code /console/}, and {@code
 * /console/config.json} gives the browser the two facts it needs to sign in (issuer, client id).
 *
 * <p>Compression is done here rather than by {@code quarkus.http.enable-compression}: that setting marks every
 * other answer {@code Content-Encoding: identity}, which would mislabel a service's own gzip answer passing
 * through the proxy.
 */
@ApplicationScoped
public class ConsoleRoutes {

    public static final String PREFIX = "/console";
    static final String ROOT = "META-INF/resources/console/";
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8", "js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8",
            "json", "application/json", "png", "image/png", "svg", "image/svg+xml", "ico", "image/x-icon");

    /** One console file: its bytes, gzipped bytes (when smaller), type and ETag. */
    record Asset(Buffer plain, Buffer gzip, String type, String etag) {}

    private final String issuer;
    private final String clientId;
    private final String policy;
    private final Map<String, Optional<Asset>> assets = new ConcurrentHashMap<>();

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
                        // small files that change with each release: revalidated (ETag), never stale
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
        router.get(PREFIX + "/*").order(-9).handler(this::serve);
    }

    private void serve(RoutingContext rc) {
        String path = rc.normalizedPath().substring(PREFIX.length() + 1);
        if (path.isEmpty()) {
            path = "index.html";
        }
        if (path.contains("..") || path.contains("\\") || path.startsWith("/")) {
            rc.next();
            return;
        }
        Optional<Asset> asset = assets.computeIfAbsent(path, ConsoleRoutes::load);
        if (asset.isEmpty()) {
            assets.remove(path); // unknown paths are not remembered: a caller cannot grow the map
            rc.next();
            return;
        }
        Asset a = asset.get();
        var response = rc.response().putHeader(HttpHeaders.CONTENT_TYPE, a.type()).putHeader(HttpHeaders.ETAG, a.etag())
                .putHeader(HttpHeaders.VARY, "Accept-Encoding");
        String ifNoneMatch = rc.request().getHeader(HttpHeaders.IF_NONE_MATCH);
        if (ifNoneMatch != null && ifNoneMatch.contains(a.etag())) {
            response.setStatusCode(304).end();
            return;
        }
        String accept = rc.request().getHeader(HttpHeaders.ACCEPT_ENCODING);
        if (a.gzip() != null && accept != null && accept.contains("gzip")) {
            response.putHeader(HttpHeaders.CONTENT_ENCODING, "gzip").end(a.gzip());
        } else {
            response.end(a.plain());
        }
    }

    static Optional<Asset> load(String path) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        try (InputStream in = loader.getResourceAsStream(ROOT + path)) {
            if (in == null) {
                return Optional.empty();
            }
            byte[] bytes = in.readAllBytes();
            String extension = path.substring(path.lastIndexOf('.') + 1);
            String type = TYPES.getOrDefault(extension, "application/octet-stream");
            ByteArrayOutputStream zipped = new ByteArrayOutputStream();
            try (GZIPOutputStream gz = new GZIPOutputStream(zipped)) {
                gz.write(bytes);
            }
            boolean worth = !type.startsWith("image/png") && zipped.size() < bytes.length;
            String etag = "\"" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 12) + "\"";
            return Optional.of(new Asset(Buffer.buffer(bytes), worth ? Buffer.buffer(zipped.toByteArray()) : null, type, etag));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
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
