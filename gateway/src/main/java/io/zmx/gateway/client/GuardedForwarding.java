package io.zmx.gateway.client;

import io.vertx.circuitbreaker.OpenCircuitException;
import io.vertx.core.Future;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyResponse;
import io.zmx.edge.Problem;
import io.zmx.gateway.api.problem.Problems;
import java.net.ConnectException;
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
                    Problem problem = problemFor(failure, path, target.backend());
                    LOG.warnf("%s %s -> %s failed: %s", context.request().getMethod(), path,
                            target.backend().serviceName(), failure.toString());
                    ProxyResponse response = context.request().release().response()
                            .setStatusCode(problem.status())
                            .setStatusMessage(problem.title())
                            .putHeader("Content-Type", Problem.MEDIA_TYPE)
                            .setBody(Body.body(problem.toBuffer()));
                    if (problem.status() == 503) {
                        response.putHeader("Retry-After", "5");
                    }
                    return Future.succeededFuture(response);
                });
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
