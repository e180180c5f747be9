package io.zmx.gateway.routing;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.smallrye.common.vertx.ContextLocals;
import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.zmx.edge.EdgeConfig;
import io.zmx.edge.Problem;
import io.zmx.gateway.GatewayConfig;
import io.zmx.gateway.problem.Problems;
import io.zmx.gateway.client.Backends;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.function.BiConsumer;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The front door for everything under {@code /api/v1}, in the Vert.x router ahead of the JAX-RS
 * endpoints: body-size limit, token verification (quarkus-oidc), per-client rate limit, the route's
 * role gate, then the reverse proxy to the owning service. Bodies are never buffered here: the request
 * is paused until the caller is known and then streamed to the service by the proxy.
 */
@ApplicationScoped
public class ApiGate {

    /** After Quarkus' CORS and authentication filters, before the JAX-RS endpoints. */
    static final int GATE_ORDER = 1000;
    static final String IDENTITY = "zmx.identity";
    static final String MATCH = "zmx.route";
    /** The context key Quarkus' HTTP server metrics take the URI tag from. */
    static final String URL_PATH_TEMPLATE = "UrlPathTemplate";

    private static final String[] CLIENT_CLAIMS = {"azp", "client_id"};

    private final RateLimiter limiter;
    private final Backends backends;
    private final String[] streamedPaths;
    private final long maxUpload;
    private final long maxJson;

    ApiGate(EdgeConfig edge, GatewayConfig config, RateLimiter limiter, Backends backends) {
        this.limiter = limiter;
        this.backends = backends;
        // read once: the configuration does not change while the gateway runs. The JSON limit and the bulk paths
        // are the edge's (zmx.http.*), the same names every service reads; only the bulk limit is the gateway's.
        this.streamedPaths = edge.streamedPaths().toArray(String[]::new);
        this.maxUpload = config.body().maxUpload();
        this.maxJson = edge.maxJsonBody();
    }

    void register(@Observes Router router) {
        router.route(RouteTable.API + "/*").order(GATE_ORDER).handler(this::admit);
        router.route(RouteTable.API + "/*").order(GATE_ORDER + 1).handler(this::forward);
    }

    /** Everything a request must pass before any service (or the gateway's own endpoints) sees it. */
    void admit(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        String path = rc.normalizedPath();
        tagRouteTemplate(rc, path);
        long limit = isStreamed(path) ? maxUpload : maxJson;
        long length = contentLength(request);
        if (length > limit) {
            rc.response().putHeader(HttpHeaders.CONNECTION, "close");
            Problems.tooLarge(path, length, limit).send(rc.response());
            return;
        }
        if (!request.isEnded()) {
            request.pause(); // hold the body until the caller is known; the proxy resumes it
        }
        Context context = Vertx.currentContext();
        // we answer a failed authentication ourselves (problem+json), not Quarkus' bare 401 challenge
        rc.put(QuarkusHttpUser.AUTH_FAILURE_HANDLER, (BiConsumer<RoutingContext, Throwable>) (ctx, failure) -> {});
        QuarkusHttpUser.getSecurityIdentity(rc, null).subscribe().with(
                identity -> onContext(context, () -> afterAuthentication(rc, identity, path)),
                failure -> onContext(context, () -> refuse(rc, Problems.unauthorized(path))));
    }

    private void afterAuthentication(RoutingContext rc, SecurityIdentity identity, String path) {
        if (identity == null || identity.isAnonymous()) {
            refuse(rc, Problems.unauthorized(path));
            return;
        }
        RateLimiter.Decision decision = limiter.acquire(clientOf(identity));
        if (!decision.allowed()) {
            rc.response().putHeader(HttpHeaders.RETRY_AFTER, Long.toString(decision.retryAfterSeconds()));
            refuse(rc, Problems.tooManyRequests(path, decision.retryAfterSeconds()));
            return;
        }
        rc.put(IDENTITY, identity);
        rc.next();
    }

    /**
     * Sends the request to the service owning its operation, if the caller's roles may call it (the roles
     * the service's own contract names). The gateway's own endpoints fall through to JAX-RS; an operation
     * no contract names is not forwarded at all.
     */
    void forward(RoutingContext rc) {
        String path = rc.normalizedPath();
        if (Composed.isComposed(path)) {
            rc.next();
            return;
        }
        RouteTable.Match match = rc.get(MATCH) instanceof RouteTable.Match m ? m : RouteTable.get().find(rc.request().method(), path);
        if (match.operation().isEmpty()) {
            if (match.pathKnown()) {
                rc.response().putHeader("Allow", String.join(", ", match.allowedMethods()));
                refuse(rc, Problems.methodNotAllowed(path, rc.request().method().name()));
            } else {
                rc.next(); // not a service's operation: the gateway's own endpoints, or its 404
            }
            return;
        }
        SecurityIdentity identity = rc.get(IDENTITY);
        if (!match.operation().get().allows(identity.getRoles())) {
            refuse(rc, Problems.forbidden(path));
            return;
        }
        RouteTable.Operation operation = match.operation().get();
        // the matched operation carries its own timeout (x-zmx-timeout), so the proxy never looks the route up again
        backends.proxy(operation.backend(), operation.timeout()).handle(rc.request());
    }

    /**
     * Metrics name a request by its operation's path template ({@code /api/v1/vehicles/{vin}/history}), never
     * by its raw path: VINs and filing ids are data, and a caller must not be able to grow the metric count.
     * Quarkus' HTTP metrics read the template from the request's context (as JAX-RS endpoints set it).
     */
    private static void tagRouteTemplate(RoutingContext rc, String path) {
        String template;
        if (Composed.isComposed(path)) {
            template = RouteTable.API + "/vehicles/{vin}/dossier";
        } else {
            RouteTable.Match match = RouteTable.get().find(rc.request().method(), path);
            rc.put(MATCH, match);
            template = match.operation().map(RouteTable.Operation::template)
                    .orElse(match.pathKnown() ? RouteTable.API + "/{method-not-allowed}" : RouteTable.API + "/{unknown}");
        }
        if (VertxContext.isOnDuplicatedContext()) {
            ContextLocals.put(URL_PATH_TEMPLATE, template);
        } else {
            rc.put(URL_PATH_TEMPLATE, template);
        }
    }

    private boolean isStreamed(String path) {
        for (String prefix : streamedPaths) {
            if (path.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private static void refuse(RoutingContext rc, Problem problem) {
        if (rc.response().headWritten()) {
            return;
        }
        if (problem.status() == 401) {
            rc.response().putHeader("WWW-Authenticate", "Bearer");
        }
        if (!rc.request().isEnded()) {
            rc.request().resume(); // drain and drop the body we will not forward
        }
        problem.send(rc.response());
    }

    /** The client a rate limit applies to: the OAuth client (azp / client_id), else the subject. */
    static String clientOf(SecurityIdentity identity) {
        if (identity.getPrincipal() instanceof JsonWebToken jwt) {
            for (String claim : CLIENT_CLAIMS) {
                Object value = jwt.getClaim(claim);
                if (value != null) {
                    return claim + ":" + value;
                }
            }
            if (jwt.getSubject() != null) {
                return "sub:" + jwt.getSubject();
            }
        }
        return "name:" + identity.getPrincipal().getName();
    }

    private static long contentLength(HttpServerRequest request) {
        String header = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (header == null) {
            return -1;
        }
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static void onContext(Context context, Runnable action) {
        if (context == null || Vertx.currentContext() == context) {
            action.run();
        } else {
            context.runOnContext(v -> action.run());
        }
    }

    /** Paths under a proxied prefix that the gateway answers itself by composing several services. */
    public static final class Composed {
        private Composed() {}

        static boolean isComposed(String path) {
            return path.startsWith(RouteTable.API + "/vehicles/") && path.endsWith("/dossier");
        }
    }
}
