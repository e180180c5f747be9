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
        HttpServerRequest caller = context.request().proxiedRequest();
        String path = caller.path();
        if (caller.response().closed()) {
            // the caller left while its token was checked: sent now, the request would wait for a body its closed
            // connection can no longer deliver, hold a pooled connection for the whole timeout and end as a timeout
            LOG.debugf("%s %s: the caller left before it was forwarded", caller.method(), path);
            return Future.failedFuture(new CallerGone());
        }
        return Backends.guarded(target, context::sendRequest, r -> Backends.isServerError(r.getStatusCode()),
                        failure -> callersDoing(context, failure))
                .recover(failure -> {
                    boolean stalled = stalled(context, failure);
                    boolean left = caller.response().closed();
                    LOG.warnf("%s %s -> %s failed: %s%s", context.request().getMethod(), path,
                            target.backend().serviceName(), failure.toString(), left ? " (the caller had left; not counted)"
                                    : stalled ? " (the caller had not sent its whole body; not counted)" : "");
                    return Future.succeededFuture(problemResponse(context.request(), stalled
                            ? Problems.requestTimeout(path)
                            : problemFor(failure, path, target.backend())));
                });
    }

    /** Set on a proxied request's context once it has its connection to the service (the request is on its way). */
    static final String CONNECTED = "zmx.connected";

    /**
     * Whether a failed call is the caller's doing rather than the service's: the caller has left (its connection is
     * closed), or it {@link #stalled}. Counted, either would let one caller open the circuit every other caller
     * shares. A refused or broken connection, or no connection in time, stays the service's, body or not.
     */
    static boolean callersDoing(ProxyContext context, Throwable failure) {
        return context.request().proxiedRequest().response().closed() || stalled(context, failure);
    }

    /**
     * The wait for the service's answer ran out while the caller, connected to it, had not finished sending its body:
     * a service reads the whole body before it answers, so it was waiting for the caller. (Before the connection, the
     * body is held back on purpose and "not ended" says nothing.)
     */
    static boolean stalled(ProxyContext context, Throwable failure) {
        HttpServerRequest caller = context.request().proxiedRequest();
        return Boolean.TRUE.equals(context.get(CONNECTED, Boolean.class)) && !caller.isEnded()
                && !caller.response().closed() && isTimeout(failure);
    }

    /** A proxied request whose caller left before it was sent; never counted against the service. */
    static final class CallerGone extends RuntimeException {
        CallerGone() {
            super("the caller closed its connection", null, false, false);
        }
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
