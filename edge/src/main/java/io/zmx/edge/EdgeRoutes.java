package io.zmx.edge;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;

/**
 * The HTTP layer below JAX-RS answers its own errors (413, 414, 431, failed routes) with empty bodies. The
 * Netty codec limits are set high ({@code quarkus.http.limits.max-initial-line-length} /
 * {@code max-header-size}, 64K) and the real limits are enforced here, so every refusal is problem+json; a
 * failure handler turns any other router-level failure into a problem too.
 */
@ApplicationScoped
public class EdgeRoutes {

    private final int maxUriLength;
    private final int maxHeaderBytes;

    EdgeRoutes(EdgeConfig config) {
        this.maxUriLength = config.maxUriLength();
        this.maxHeaderBytes = config.maxHeaderBytes();
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::limits);
        router.route().order(Integer.MIN_VALUE).failureHandler(this::failure);
    }

    void limits(RoutingContext ctx) {
        HttpServerRequest req = ctx.request();
        String path = req.path();
        if (req.uri().length() > maxUriLength) {
            Problem.of(414, "uri-too-long", "Request URI too long",
                    "The request URI exceeds " + maxUriLength + " characters", null).send(ctx.response());
            return;
        }
        long headerBytes = 0;
        for (Map.Entry<String, String> h : req.headers()) {
            headerBytes += h.getKey().length() + h.getValue().length() + 4;
        }
        if (headerBytes > maxHeaderBytes) {
            Problem.of(431, "headers-too-large", "Request headers too large",
                    "The request headers exceed " + maxHeaderBytes + " bytes", path).send(ctx.response());
            return;
        }
        ctx.next();
    }

    void failure(RoutingContext ctx) {
        Throwable failure = ctx.failure();
        if (failure instanceof AuthenticationFailedException || failure instanceof UnauthorizedException
                || ctx.response().ended() || ctx.response().headWritten()) {
            ctx.next(); // authentication challenges are Quarkus' own; a started response cannot be replaced
            return;
        }
        int status = ctx.statusCode() > 0 ? ctx.statusCode() : 500;
        if (status >= 500) {
            ctx.next(); // logged and answered by Quarkus' error handler, without internals in prod
            return;
        }
        if (status == 401) {
            ctx.response().putHeader("WWW-Authenticate", "Bearer");
        }
        String slug = ProblemMappers.slug(status);
        String title = io.netty.handler.codec.http.HttpResponseStatus.valueOf(status).reasonPhrase();
        Problem.of(status, slug, title, title, ctx.request().path()).send(ctx.response());
    }
}
