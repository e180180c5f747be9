package io.zmx.gateway.client;

import io.vertx.circuitbreaker.OpenCircuitException;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyRequest;
import io.vertx.httpproxy.ProxyResponse;
import io.zmx.edge.Problem;
import io.zmx.gateway.problem.Problems;
import java.net.ConnectException;
import java.net.URI;
import org.jboss.logging.Logger;

/**
 * Sends a proxied request through the service's circuit breaker and turns what can go wrong on the
 * way (refused connection, timeout, open circuit) into a problem answer instead of a bare 502.
 * Headers, including the caller's Authorization, X-Request-Id and traceparent, travel unchanged.
 */
final class GuardedForwarding implements ProxyInterceptor {

    private static final Logger LOG = Logger.getLogger(GuardedForwarding.class);

    private final Backends.Target target;

    GuardedForwarding(Backends.Target target) {
        this.target = target;
    }

    @Override
    public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
        String path = context.request().proxiedRequest().path();
        return Backends.guarded(target, context::sendRequest, ProxyResponse::getStatusCode)
                .recover(failure -> {
                    LOG.warnf("%s %s -> %s failed: %s", context.request().getMethod(), path,
                            target.backend().serviceName(), failure.toString());
                    return Future.succeededFuture(problemResponse(context.request(), problemFor(failure, path,
                            target.backend())));
                });
    }

    /**
     * The problem answer that replaces the service's. Nothing here may throw: the proxy's own fallback for a
     * failing interceptor throws again on the same call and leaves the caller without any answer.
     */
    static ProxyResponse problemResponse(ProxyRequest request, Problem problem) {
        dropBody(request);
        ProxyResponse response = request.response()
                .setStatusCode(problem.status())
                .setStatusMessage(problem.title())
                .putHeader("Content-Type", Problem.MEDIA_TYPE)
                .setBody(Body.body(problem.toBuffer()));
        if (problem.status() == 503) {
            response.putHeader("Retry-After", "5");
        }
        return response;
    }

    /**
     * Lets the caller's body drain (a body nobody forwards would stall the caller's connection), unless it has
     * already been read to its end. {@link ProxyRequest#release()} resumes the caller's request whatever its
     * state, and an HTTP/2 request (h2c, as java.net.http upgrades to by default) that has ended refuses that
     * with {@code IllegalStateException("Request has already been read")}: thrown here, it cost the caller its
     * 503 or 504 (issue 10), while HTTP/1.1 tolerates it. An ended request has nothing left to drain.
     */
    static void dropBody(ProxyRequest request) {
        HttpServerRequest caller = request.proxiedRequest();
        if (caller.isEnded()) {
            request.setBody(null);
        } else {
            try {
                request.release();
            } catch (IllegalStateException ended) {
                request.setBody(null); // a wrapper that reports the end differently: nothing to drain either
            }
        }
    }

    /**
     * A service builds {@code Location} from the address it was called on (http://10.0.3.7:8083/...), an
     * internal address the caller must neither see nor use: point it at the gateway's public origin, as
     * the caller reached it (X-Forwarded-Proto/Host when {@code quarkus.http.proxy.*} trusts them).
     */
    @Override
    public Future<Void> handleProxyResponse(ProxyContext context) {
        String location = context.response().headers().get("Location");
        if (location != null) {
            String rewritten = publicLocation(location, context.request().proxiedRequest().absoluteURI());
            if (!rewritten.equals(location)) {
                context.response().headers().set("Location", rewritten);
            }
        }
        return context.sendResponse();
    }

    /** {@code location} with any absolute origin replaced by the origin of {@code publicRequestUri}. */
    static String publicLocation(String location, String publicRequestUri) {
        URI target;
        try {
            target = URI.create(location);
        } catch (IllegalArgumentException e) {
            return location;
        }
        if (!target.isAbsolute() || target.getRawAuthority() == null) {
            return location; // relative: already resolves against the gateway
        }
        URI caller = URI.create(publicRequestUri);
        StringBuilder out = new StringBuilder(caller.getScheme()).append("://").append(caller.getRawAuthority());
        out.append(target.getRawPath() == null ? "" : target.getRawPath());
        if (target.getRawQuery() != null) {
            out.append('?').append(target.getRawQuery());
        }
        if (target.getRawFragment() != null) {
            out.append('#').append(target.getRawFragment());
        }
        return out.toString();
    }

    static Problem problemFor(Throwable failure, String path, Backend backend) {
        if (isTimeout(failure)) {
            return Problems.timeout(path, backend.serviceName());
        }
        String why = failure instanceof OpenCircuitException ? "circuit open after repeated failures"
                : failure instanceof ConnectException ? "connection refused" : "connection failed";
        return Problems.unavailable(path, backend.serviceName(), why);
    }

    static boolean isTimeout(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof java.util.concurrent.TimeoutException
                    || t.getClass().getSimpleName().contains("Timeout")
                    || (t.getMessage() != null && t.getMessage().toLowerCase().contains("timeout"))) {
                return !(t instanceof ConnectException);
            }
        }
        return false;
    }
}
